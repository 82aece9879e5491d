// Kubernetes control-plane components (kube-apiserver, kube-controller-manager, kube-scheduler, etcd, the kubelet) run
// in self-managed clusters as static pods (kubeadm writes them to /etc/kubernetes/manifests) or as workloads; their
// settings are command-line flags in a container's `command` and `args`. This file finds those containers and reads
// their flags as the programs do (Go's pflag: `--name=value`, `--name value` for a flag that is not a boolean, a bare
// `--name` for a boolean; the last of a repeated flag wins). Shared by the control-plane rules.
//
// On a managed cluster (EKS, GKE, AKS) the provider runs these components and no manifest of them is written; where
// a manifest runs them, the cluster is self-managed and every flag is the customer's.
import { WORKLOAD_KINDS, containersOf, type Container } from '../../server/src/formats/kubernetes';
import type { Resource } from '../../server/src/formats/resource';
import type { Check, CheckContext, Responsibility } from '../../server/src/engine/rule';
import type { Val } from '../../server/src/formats/value';
import { appendItem } from '../../server/src/engine/add-path';
import type { Edits, TextEdit } from '../../server/src/engine/edits';
import { getPair, type Node, type ScalarNode } from '../../server/src/model/tree';
import { containerAnchor, imageOf } from './k8s-images';
import { perKey } from './memo';

/** The kinds that may run a component: static pods are Pods, and people run them as DaemonSets or Deployments too. */
export { WORKLOAD_KINDS };

export type Component = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet';

const COMPONENTS: readonly Component[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kubelet'];

/** One flag as written. */
export interface Flag {
  /** The name without its leading dashes: `anonymous-auth`. */
  readonly name: string;
  /** The value as written; undefined for a bare `--name` (a boolean flag set to true). */
  readonly value?: string;
  /** False when the value cannot be known before deploy (an unknown argument, a `$(VAR)` the kubelet substitutes). */
  readonly known: boolean;
  /** The argument that sets the flag (for `--name value`, the `--name` item), where a finding goes. */
  readonly at: Val;
  /** The argument that holds the value (`--name=value` itself, or the `value` item after `--name`); undefined for a word of a `sh -c` line. */
  readonly valueAt?: Val;
  /**
   * A bare boolean flag followed by a `true` or `false` word (`--profiling false`): the program reads the flag as true
   * and the word as a positional argument (which most components refuse), so what was meant is not clear. Checks read
   * the flag as the program does; fixes leave it alone.
   */
  readonly unclear?: boolean;
}

/** A container that runs a control-plane component, with its flags. */
export interface ComponentContainer {
  readonly component: Component;
  readonly container: Container;
  /** Every flag in the order the program reads them (`command`, then `args`); a repeated flag appears each time. */
  readonly flags: readonly Flag[];
  /**
   * True when some argument could not be read (unknown before deploy, or a shell line that is not a plain command):
   * a flag that is not in `flags` may still be set, so "missing" cannot be reported.
   */
  readonly partial: boolean;
  /** Where a finding about a flag that is not set goes: the `command` (or `args`) key, else the container's name. */
  readonly anchor: Val | Node;
}

/** The component a program path names (`/usr/local/bin/kube-apiserver` → kube-apiserver). */
function componentOfProgram(program: string): Component | undefined {
  const base = program.slice(program.lastIndexOf('/') + 1);
  return COMPONENTS.find((c) => base === c);
}

/** The component an image runs by default (`registry.k8s.io/kube-apiserver:v1.29.0`, `…/kube-apiserver-amd64`, `…/etcd`). */
function componentOfImage(c: Container): Component | undefined {
  const ref = imageOf(c)?.ref;
  if (!ref) return undefined;
  const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
  return COMPONENTS.find((comp) => comp !== 'kubelet' && (name === comp || name.startsWith(`${comp}-`)));
}

/**
 * The boolean flags of each component, from the reference pages (kubernetes.io command-line tools reference for
 * kube-apiserver, kube-controller-manager, kube-scheduler and the kubelet; etcd.io configuration options), with the
 * removed ones older clusters still write (`--kubelet-https`, `--enable-swagger-ui`, klog's `--logtostderr`, …). A
 * boolean flag takes its value only as `--name=value`: pflag (and etcd's Go `flag` package) read `--name false` as the
 * flag set to true followed by the positional argument `false`. Every other flag takes `--name value`. `--version`
 * is not a boolean but has a default for its bare form (`version[=true]`), so it takes no separate word either.
 */
const KLOG_AND_COMMON = [
  'help', 'version', 'add-dir-header', 'alsologtostderr', 'logtostderr', 'skip-headers', 'skip-log-headers', 'one-output',
  'log-json-split-stream', 'log-text-split-stream', 'experimental-logging-sanitization', 'contention-profiling', 'profiling',
];
const SERVING = ['permit-address-sharing', 'permit-port-sharing', 'authentication-skip-lookup', 'authentication-tolerate-lookup-failure'];
const BOOLEAN_FLAGS: Readonly<Record<Component, ReadonlySet<string>>> = {
  'kube-apiserver': new Set([
    ...KLOG_AND_COMMON, ...SERVING,
    'allow-privileged', 'anonymous-auth', 'audit-log-batch-throttle-enable', 'audit-log-compress', 'audit-log-truncate-enabled',
    'audit-webhook-batch-throttle-enable', 'audit-webhook-truncate-enabled', 'enable-aggregator-routing',
    'enable-bootstrap-token-auth', 'enable-garbage-collector', 'enable-priority-and-fairness', 'service-account-extend-token-expiration',
    'service-account-lookup', 'shutdown-send-retry-after', 'watch-cache', 'encryption-provider-config-automatic-reload',
    'aggregator-reject-forwarding-redirect', 'enable-logs-handler', 'kubelet-https', 'enable-swagger-ui', 'enable-inflight-quota-handler',
    'repair-malformed-updates',
  ]),
  'kube-controller-manager': new Set([
    ...KLOG_AND_COMMON, ...SERVING,
    'allocate-node-cidrs', 'configure-cloud-routes', 'disable-attach-detach-reconcile-sync', 'enable-dynamic-provisioning',
    'enable-garbage-collector', 'enable-hostpath-provisioner', 'enable-taint-manager', 'leader-elect', 'use-service-account-credentials',
    'enable-leader-migration',
  ]),
  'kube-scheduler': new Set([...KLOG_AND_COMMON, ...SERVING, 'leader-elect', 'use-legacy-policy-config']),
  etcd: new Set([
    'help', 'version', 'auto-tls', 'peer-auto-tls', 'client-cert-auth', 'peer-client-cert-auth', 'enable-v2', 'enable-pprof',
    'strict-reconfig-check', 'force-new-cluster', 'debug', 'enable-grpc-gateway', 'initial-election-tick-advance', 'pre-vote',
    'enable-log-rotation', 'socket-reuse-port', 'socket-reuse-address', 'unsafe-no-fsync', 'experimental-initial-corrupt-check',
    'experimental-enable-distributed-tracing', 'experimental-enable-lease-checkpoint', 'experimental-enable-lease-checkpoint-persist',
    'experimental-memory-mlock', 'experimental-stop-grpc-service-on-defrag', 'experimental-peer-skip-client-san-verification',
    'experimental-txn-mode-write-with-shared-buffer',
  ]),
  kubelet: new Set([
    ...KLOG_AND_COMMON,
    'anonymous-auth', 'authentication-token-webhook', 'cgroups-per-qos', 'cpu-cfs-quota', 'enable-controller-attach-detach',
    'enable-debugging-handlers', 'enable-server', 'exit-on-lock-contention', 'experimental-allocatable-ignore-eviction', 'fail-cgroupv1',
    'fail-swap-on', 'kernel-memcg-notification', 'local-storage-capacity-isolation', 'make-iptables-util-chains', 'protect-kernel-defaults',
    'register-node', 'register-schedulable', 'rotate-certificates', 'rotate-server-certificates', 'runonce', 'seccomp-default',
    'serialize-image-pulls', 'keep-terminated-pod-volumes', 'enable-cadvisor-json-endpoints', 'experimental-check-node-capabilities-before-mount',
    'redirect-container-streaming', 'experimental-kernel-memcg-notification', 'allow-privileged', 'containerized', 'enable-custom-metrics',
    'experimental-dockershim',
  ]),
};

/** Whether `name` is a boolean flag of `component` (which never takes the next argument as its value). */
export function isBooleanFlag(component: Component, name: string): boolean {
  return BOOLEAN_FLAGS[component].has(name);
}

interface Arg {
  readonly text?: string;
  readonly at: Val;
  /** False for a word of a `sh -c` line, whose `at` is the whole line. */
  readonly own?: boolean;
}

/** The arguments of a list, split as a shell would for a `sh -c` line (only for plain words: else partial). */
function argsOf(list: Val): { args: Arg[]; partial: boolean } {
  const args: Arg[] = [];
  let partial = false;
  if (list.isAbsent) return { args, partial };
  if (!list.isKnown || !list.isSeq) return { args, partial: true };
  for (const item of list.items()) {
    const text = item.str();
    if (text === undefined) partial = true;
    args.push({ text, at: item, own: true });
  }
  return { args, partial };
}

/** `sh -c "kube-apiserver --a=b …"`: the words of the line when it is one plain command (no pipes, `;`, `&&`, quotes). */
function shellWords(line: string): string[] | undefined {
  if (/[;&|<>`'"\\]|\$\(/.test(line.replace(/\$\([A-Z0-9_]+\)/g, ''))) return undefined;
  const words = line.trim().split(/\s+/).filter(Boolean);
  return words.length > 0 ? words : undefined;
}

function readFlags(component: Component, args: readonly Arg[]): { flags: Flag[]; partial: boolean } {
  const flags: Flag[] = [];
  let partial = false;
  for (let i = 0; i < args.length; i++) {
    const { text, at, own } = args[i];
    if (text === undefined) continue;
    // A whole argument the kubelet substitutes (`$(EXTRA_FLAG)`) may be any one flag.
    if (/^\$\(/.test(text)) {
      partial = true;
      continue;
    }
    if (!text.startsWith('-') || text === '-' || text === '--') continue;
    const body = text.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      const value = body.slice(eq + 1);
      flags.push({ name: body.slice(0, eq), value, known: !/\$\(/.test(value), at, valueAt: own ? at : undefined });
      continue;
    }
    // `--name value`: the next argument, unless the flag is a boolean or the next argument is a flag (then `--name` is
    // a boolean set to true, and a word after a boolean is a positional argument).
    const next = isBooleanFlag(component, body) ? undefined : args[i + 1];
    if (next && (next.text === undefined || !next.text.startsWith('-'))) {
      if (next.text === undefined) partial = true;
      flags.push({ name: body, value: next.text, known: next.text !== undefined && !/\$\(/.test(next.text), at, valueAt: own ? next.at : undefined });
      i++;
      continue;
    }
    const after = args[i + 1]?.text?.toLowerCase();
    flags.push({ name: body, known: true, at, ...(after === 'true' || after === 'false' ? { unclear: true } : {}) });
  }
  return { flags, partial };
}

function readComponent(c: Container): ComponentContainer | undefined {
  const command = c.val.get('command');
  const argsVal = c.val.get('args');
  const cmd = argsOf(command);
  const rest = argsOf(argsVal);
  let component: Component | undefined;
  let words: Arg[] = [];
  let partial = cmd.partial || rest.partial;
  const program = cmd.args[0]?.text;
  if (program !== undefined && componentOfProgram(program)) {
    component = componentOfProgram(program);
    words = [...cmd.args.slice(1), ...rest.args];
  } else if (program !== undefined && /^(?:\/bin\/|\/usr\/bin\/)?(?:ba)?sh$/.test(program) && cmd.args[1]?.text === '-c') {
    // `sh -c "<line>"`: the line is the program and its flags; each word is reported at the line.
    const line = cmd.args[2] ?? rest.args[0];
    const split = line?.text !== undefined ? shellWords(line.text) : undefined;
    if (!line || !split) return undefined;
    component = componentOfProgram(split[0]);
    words = split.slice(1).map((text) => ({ text, at: line.at }));
  } else if (command.isAbsent) {
    // No command: the image's entrypoint runs, with `args` as its flags.
    component = componentOfImage(c);
    words = rest.args;
  } else if (!command.isKnown || program === undefined) {
    return undefined;
  }
  if (!component) return undefined;
  const read = readFlags(component, words);
  partial ||= read.partial;
  // A flag that is not set is reported at the `command` key (else `args`, else the container's name): the list
  // itself may run over many lines.
  const keyOf = (name: string) => (c.node.kind === 'map' ? getPair(c.node, name)?.key : undefined);
  const anchor = (!command.isAbsent && keyOf('command')) || (!argsVal.isAbsent && keyOf('args')) || containerAnchor(c);
  return { component, container: c, flags: read.flags, partial, anchor };
}

const componentOf = perKey(readComponent);

/** The containers of a workload or pod that run a control-plane component (all of them, or those of `component`). */
export function componentContainers(r: Resource, component?: Component): ComponentContainer[] {
  const out: ComponentContainer[] = [];
  for (const c of containersOf(r.k8s?.podSpec)) {
    const cc = componentOf(c);
    if (cc && (!component || cc.component === component)) out.push(cc);
  }
  return out;
}

/** The flag the program uses: the last one of that name, or undefined when it is not written. */
export function flag(cc: ComponentContainer, name: string): Flag | undefined {
  for (let i = cc.flags.length - 1; i >= 0; i--) if (cc.flags[i].name === name) return cc.flags[i];
  return undefined;
}

/** A boolean flag's value: true for a bare `--name`, else the value parsed as Go's strconv.ParseBool does. */
export function flagBool(f: Flag): boolean | undefined {
  if (!f.known) return undefined;
  if (f.value === undefined) return true;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(f.value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(f.value)) return false;
  return undefined;
}

/** A list flag's items (`--authorization-mode=Node,RBAC`), trimmed; undefined when the value is unknown. */
export function flagList(f: Flag): string[] | undefined {
  if (!f.known || f.value === undefined) return undefined;
  return f.value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Where the characters `[start, end)` of a flag's value are in the file (one item of `--tls-cipher-suites=A,B`), as a
 * node spanning exactly them; the argument itself when the value is not written character for character in the file
 * (a word of a `sh -c` line, a YAML or JSON string with escapes, a folded or block scalar).
 */
export function flagValuePart(f: Flag, start: number, end: number): Val | Node {
  const arg = f.valueAt;
  const node = arg?.at;
  if (!arg || !node || node.kind !== 'scalar' || typeof node.value !== 'string' || f.value === undefined) return f.at;
  const text = node.value;
  if (!text.endsWith(f.value) || start < 0 || end > f.value.length || start > end) return f.at;
  const raw = node.doc.text.slice(node.span[0], node.span[1]);
  let base: number;
  if (node.style === 'plain' && raw === text) base = node.span[0];
  else if (node.style === 'quoted' && raw.length === text.length + 2 && raw.slice(1, -1) === text) base = node.span[0] + 1;
  else return f.at;
  const offset = base + text.length - f.value.length;
  const part: ScalarNode = {
    kind: 'scalar',
    value: f.value.slice(start, end),
    style: node.style,
    span: [offset + start, offset + end],
    doc: node.doc,
    parent: undefined,
  };
  return part;
}

/** The items of a list flag with where each is in the value (`[start, end)`, trimmed); undefined when the value is unknown. */
export function flagListItems(f: Flag): { text: string; start: number; end: number }[] | undefined {
  if (!f.known || f.value === undefined) return undefined;
  const out: { text: string; start: number; end: number }[] = [];
  const re = /[^,]+/g;
  for (let m = re.exec(f.value); m; m = re.exec(f.value)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text) out.push({ text, start: m.index + lead, end: m.index + lead + text.length });
  }
  return out;
}

/** `kube-apiserver in Pod kube-system/kube-apiserver-cp1`. */
export function componentLabel(cc: ComponentContainer, r: Resource): string {
  const ns = r.k8s?.namespace;
  const name = r.k8s?.name ?? r.id;
  return `${cc.component} in ${r.type} ${ns ? `${ns}/` : ''}${name}`;
}

/**
 * The responsibility of every control-plane rule: the customer's on a self-managed cluster, where nothing is set for
 * you; `layer` and what is yours are the rule's.
 */
export function controlPlaneResponsibility(layer: Responsibility['layer'], customer: string): Responsibility {
  return {
    owner: 'customer',
    model: 'Hybrid',
    layer,
    provider: 'on managed Kubernetes the provider runs the control plane and sets these flags; in a self-managed cluster nothing is set for you',
    customer,
  };
}

/** Whether a configuration object is of its kind's API group (`kubelet.config.k8s.io`): a same-named kind elsewhere is not. */
export function isConfigOf(r: Resource, group: string): boolean {
  return (r.k8s?.apiVersion ?? '').startsWith(`${group}/`);
}

/** `KubeletConfiguration node-a`, or `The KubeletConfiguration` when it has no name, for messages. */
export function configLabel(r: Resource): string {
  return r.k8s?.name ? `${r.type} ${r.k8s.name}` : `The ${r.type}`;
}

/**
 * Edits that make the component run with `--name=value` (a fixed value that needs no input from the user): the last
 * `--name` argument rewritten in place (`--name=true` → `--name=value`, a bare `--name` → `--name=value`; quotes kept),
 * or `--name=value` appended to the list the program reads last (`args` when written, else `command`), in the list's
 * style. Undefined where no such edit is sure: the flag written as `--name value` (two arguments) or inside a `sh -c`
 * line, arguments that cannot be read, neither `command` nor `args` written (the image's own arguments would be
 * replaced), a `--` that ends the flags, a last argument `--other` without a value (it might take the new one as its
 * value), a list not written in place (see appendItem).
 */
export function setFlagEdits(cc: ComponentContainer, edits: Edits, name: string, value: string): TextEdit[] | undefined {
  if (cc.partial) return undefined;
  const command = cc.container.val.get('command');
  const args = cc.container.val.get('args');
  const program = command.isAbsent ? undefined : command.items()[0]?.str();
  // The flags are read from the command's words after the program, or from args when the image's entrypoint runs.
  if (command.isAbsent ? !componentOfImage(cc.container) : program === undefined || !componentOfProgram(program)) return undefined;
  const f = flag(cc, name);
  if (f) {
    // `--profiling false` in two arguments: what was meant is not clear (Flag.unclear), so no edit.
    if (f.unclear) return undefined;
    return rewriteFlag(f, name, value);
  }
  const words = [...(command.isAbsent ? [] : command.items().slice(1)), ...(args.isAbsent ? [] : args.items())].map((v) => v.str());
  if (words.some((w) => w === undefined || w === '--')) return undefined;
  const last = words[words.length - 1];
  if (last !== undefined && /^-/.test(last) && !last.includes('=')) return undefined;
  const list = !args.isAbsent ? args : command;
  if (list.isAbsent) return undefined;
  return appendItem(edits, list, `--${name}=${value}`);
}

/** The edit that rewrites one `--name[=old]` argument, written in place as one scalar, to `--name=value`. */
function rewriteFlag(f: Flag, name: string, value: string): TextEdit[] | undefined {
  const node = f.at.node;
  if (!node || node.kind !== 'scalar' || node !== f.at.at || f.at.when.length > 0 || typeof node.value !== 'string') return undefined;
  const m = /^(--?)([^=]+)(=(.*))?$/s.exec(node.value);
  if (!m || m[2] !== name) return undefined;
  // `--name value`: the value is the next argument (no edit of two items here).
  if (m[3] === undefined && f.value !== undefined) return undefined;
  const raw = node.doc.text.slice(node.span[0], node.span[1]);
  // The argument as written: plain, or in quotes with nothing escaped, so that offsets in the value are offsets in the text.
  const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  if (raw !== q + node.value + q) return undefined;
  const start = node.span[0] + q.length + m[1].length + m[2].length;
  const end = node.span[1] - q.length;
  const text = `=${value}`;
  // A plain YAML scalar must stay one (`=` and the value's characters are plain-safe; a `#` or `: ` would not be).
  if (!/^[A-Za-z0-9_.,/:@+-]*$/.test(value)) return undefined;
  return [{ start, end, text }];
}

/** What a control-plane rule checks: the containers that run some components, and a configuration object's kind. */
export interface ControlPlaneSpec {
  /** The components whose containers are checked (every component when omitted). */
  readonly components?: readonly Component[];
  /** Called for each container of a Pod or workload that runs one of `components`. */
  readonly container: (r: Resource, cc: ComponentContainer, ctx: CheckContext) => void;
  /** A configuration object (`KubeletConfiguration`, …) the rule also reads, by kind, and its check. */
  readonly config?: { readonly kind: string; readonly check: (r: Resource, ctx: CheckContext) => void };
}

/**
 * The Kubernetes check of a control-plane rule: Pods and workloads (each container that runs one of the components),
 * and the configuration object of `config.kind`. It reads its resource only.
 */
export function controlPlaneCheck(spec: ControlPlaneSpec): Check {
  const { components, container, config } = spec;
  return {
    reads: 'resource',
    types: config ? [...WORKLOAD_KINDS, config.kind] : WORKLOAD_KINDS,
    run(r, ctx) {
      if (config && r.type === config.kind) return config.check(r, ctx);
      for (const cc of componentContainers(r)) if (!components || components.includes(cc.component)) container(r, cc, ctx);
    },
  };
}

