// Effective Kubernetes security settings per container, and the helpers the pod-security rules share
// (CL-K8S-001 … CL-K8S-020).
//
// Precedence (https://kubernetes.io/docs/tasks/configure-pod-container/security-context/): a container's
// securityContext overrides the pod's for runAsNonRoot, runAsUser, runAsGroup, seccompProfile, seLinuxOptions,
// appArmorProfile and windowsOptions. hostNetwork / hostPID / hostIPC / shareProcessNamespace (pod spec),
// sysctls, fsGroup and supplementalGroups (pod securityContext) exist only at pod level. AppArmor and seccomp
// may also be written as the legacy annotations on the pod (template) metadata.
import type { CheckContext, Check, FixOffer, FrameworkRef, Responsibility } from '../../server/src/engine/rule';
import { flowInsert, ownPairs, type TextEdit, type Plain } from '../../server/src/engine/edits';
import { WORKLOAD_KINDS, containersOf, type Container } from '../../server/src/formats/kubernetes';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import type { MapNode, Node } from '../../server/src/model/tree';
import { cisK8s, nsaK8s } from '../kit/frameworks';
import { settingChecks, type SettingItem, type SettingSpec } from '../kit/setting';
import { perKey } from './memo';

export { WORKLOAD_KINDS, type Container };

/** A workload's pod: its spec, template metadata, pod-level securityContext and how to name it in messages. */
export interface Pod {
  readonly resource: Resource;
  readonly spec: Val;
  /** The pod template's metadata (the Pod's own metadata for a bare Pod). */
  readonly meta: Val | undefined;
  /** `spec.securityContext` of the pod. */
  readonly sc: Val;
  /** `spec.os.name: windows`: Linux-only settings (seccomp, AppArmor, SELinux, capabilities…) do not apply. */
  readonly windows: boolean;
  /** "Deployment web", "Pod debug". */
  readonly label: string;
  readonly containers: readonly Container[];
}

/**
 * The pod of a workload object, or undefined when it has none (or its spec is not a mapping). Some twenty rules look
 * at every workload's pod, and each lint makes its resources afresh, so the pod and its containers are worked out
 * once per workload per lint (`perKey`).
 */
export const podOf: (r: Resource) => Pod | undefined = perKey(makePod);

function makePod(r: Resource): Pod | undefined {
  const spec = r.k8s?.podSpec;
  if (!spec || !spec.isMap) return undefined;
  return {
    resource: r,
    spec,
    meta: r.k8s?.podMeta,
    sc: spec.get('securityContext'),
    windows: spec.path('os', 'name').str()?.toLowerCase() === 'windows',
    label: `${r.k8s?.kind ?? r.type} ${r.k8s?.name ?? '(unnamed)'}`,
    containers: containersOf(spec),
  };
}

/** A check on every workload kind that has a pod spec. */
export function podCheck(run: (pod: Pod, ctx: CheckContext) => void): Check {
  return {
    reads: 'resource',
    types: WORKLOAD_KINDS,
    run(r, ctx) {
      const pod = podOf(r);
      if (pod) run(pod, ctx);
    },
  };
}

/** "container app", "init container setup", "ephemeral container debugger". */
export function containerLabel(c: Container): string {
  const kind = c.list === 'initContainers' ? 'init container' : c.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} ${c.name}`;
}

/** Where a finding about a setting the container lacks goes: its `name` value (its first key if unnamed). */
export function containerAnchor(c: Container): Val | Node {
  const name = c.val.get('name');
  if (!name.isAbsent) return name;
  return c.node.kind === 'map' && c.node.pairs.length > 0 ? c.node.pairs[0].key : c.node;
}

/** Settings a container's securityContext overrides on the pod's. */
export type OverridableKey = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'seLinuxOptions' | 'appArmorProfile' | 'windowsOptions';

export interface Effective {
  /** The value in force: the container's when it sets it (or is unknown), else the pod's. */
  readonly val: Val;
  /** Where it comes from; `none` when neither sets it. */
  readonly from: 'container' | 'pod' | 'none';
}

/**
 * The value of an overridable setting in force for a container. An unknown container securityContext (a
 * template expression) makes the setting unknown: it might override the pod's.
 */
export function effective(pod: Pod, c: Container, key: OverridableKey): Effective {
  let byKey = effectiveCache.get(c);
  if (!byKey) effectiveCache.set(c, (byKey = new Map()));
  let e = byKey.get(key);
  if (!e) byKey.set(key, (e = effectiveOf(pod, c, key)));
  return e;
}

/** The settings in force, by container (containers are made once per pod per lint, see `podOf`) and key. */
const effectiveCache = new WeakMap<Container, Map<OverridableKey, Effective>>();

function effectiveOf(pod: Pod, c: Container, key: OverridableKey): Effective {
  const own = c.val.path('securityContext', key);
  if (!own.isAbsent) return { val: own, from: 'container' };
  const inherited = pod.sc.get(key);
  if (!inherited.isAbsent) return { val: inherited, from: 'pod' };
  return { val: inherited, from: 'none' };
}

/**
 * Reports every container that runs with ID 0 in `key` (runAsUser, runAsGroup): where a container sets it, at its
 * value; where containers inherit it from the pod securityContext, once at the pod's value, naming them. `effect`
 * ends the sentence: `as root`, `with the root group`.
 */
export function reportZeroId(pod: Pod, ctx: CheckContext, key: 'runAsUser' | 'runAsGroup', effect: string): void {
  const inheriting: string[] = [];
  for (const c of pod.containers) {
    const id = effective(pod, c, key);
    if (id.val.num() !== 0) continue;
    if (id.from === 'container') {
      ctx.report(id.val, `The ${containerLabel(c)} of ${pod.label} sets securityContext.${key} to 0, so it runs ${effect}.`, { fix: nonZeroIdFix(id.val, key) });
    } else {
      inheriting.push(c.name);
    }
  }
  if (inheriting.length > 0) {
    const who = inheriting.length === 1 ? `container ${inheriting[0]} does not override it, so it` : `containers ${inheriting.join(', ')} do not override it, so they`;
    const v = pod.sc.get(key);
    ctx.report(v, `${pod.label} sets ${key} to 0 in its pod securityContext and ${who} ${inheriting.length === 1 ? 'runs' : 'run'} ${effect}.`, { fix: nonZeroIdFix(v, key) });
  }
}

/**
 * A snippet that replaces an ID of 0 written in place with a non-zero one to fill in (`${1:10001}`, a number: the
 * same text in YAML and JSON; 10000 or more keeps clear of the node's own users, see CL-K8S-070). Undefined when the
 * value is not a scalar written there.
 */
export function nonZeroIdFix(v: Val, key: string): FixOffer | undefined {
  const n = v.node;
  if (!n || n !== v.at || v.when.length > 0 || n.kind !== 'scalar') return undefined;
  return { title: `Set ${key} to a non-zero ID (fill it in)`, edits: [{ start: n.span[0], end: n.span[1], text: '${1:10001}' }], snippet: true };
}

/** The annotations of the pod (template) metadata, each key with its value. */
export function podAnnotation(pod: Pod, key: string): Val | undefined {
  const ann = pod.meta?.get('annotations');
  if (!ann) return undefined;
  const v = ann.get(key);
  return v.isAbsent ? undefined : v;
}

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
export const APPARMOR_CONTAINER_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** A seccomp or AppArmor profile in force for a container, from a field or a legacy annotation. */
export interface Profile {
  /** The value to point a finding at: the `type` value of the field, or the annotation's value. */
  readonly val: Val;
  /** `RuntimeDefault`, `Localhost`, `Unconfined` (annotation values are mapped to these), or undefined when unknown. */
  readonly type: string | undefined;
  readonly source: 'container field' | 'pod field' | 'container annotation' | 'pod annotation';
  /** The text to name the setting in a message. */
  readonly where: string;
}

function profileType(v: Val): string | undefined {
  const s = v.str();
  return v.isUnknown ? undefined : s;
}

/** Legacy annotation value → field type: `runtime/default` / `docker/default`, `localhost/<path>`, `unconfined`. */
function annotationType(v: Val): string | undefined {
  const s = v.str();
  if (v.isUnknown || s === undefined) return undefined;
  if (s === 'runtime/default' || s === 'docker/default') return 'RuntimeDefault';
  if (s.startsWith('localhost/')) return 'Localhost';
  if (s === 'unconfined') return 'Unconfined';
  return s;
}

/**
 * The seccomp profile in force for a container: its own field, else its own legacy annotation, else the pod's
 * field, else the pod's legacy annotation. Undefined when nothing sets one; `type` undefined when unknown.
 */
export function seccompOf(pod: Pod, c: Container): Profile | undefined {
  const own = c.val.path('securityContext', 'seccompProfile');
  if (!own.isAbsent) return { val: own.isUnknown ? own : own.get('type'), type: own.isUnknown ? undefined : profileType(own.get('type')), source: 'container field', where: 'securityContext.seccompProfile.type' };
  const ownSc = c.val.get('securityContext');
  if (ownSc.isUnknown) return { val: ownSc, type: undefined, source: 'container field', where: 'securityContext' };
  const ownAnn = podAnnotation(pod, SECCOMP_CONTAINER_ANNOTATION + c.name);
  if (ownAnn) return { val: ownAnn, type: annotationType(ownAnn), source: 'container annotation', where: `the annotation ${SECCOMP_CONTAINER_ANNOTATION}${c.name}` };
  const podField = pod.sc.get('seccompProfile');
  if (!podField.isAbsent) return { val: podField.isUnknown ? podField : podField.get('type'), type: podField.isUnknown ? undefined : profileType(podField.get('type')), source: 'pod field', where: "the pod securityContext's seccompProfile.type" };
  if (pod.sc.isUnknown) return { val: pod.sc, type: undefined, source: 'pod field', where: 'securityContext' };
  const podAnn = podAnnotation(pod, SECCOMP_POD_ANNOTATION);
  if (podAnn) return { val: podAnn, type: annotationType(podAnn), source: 'pod annotation', where: `the annotation ${SECCOMP_POD_ANNOTATION}` };
  return undefined;
}

/**
 * AppArmor settings that apply to a container: the field in force (its own `appArmorProfile`, else the pod's,
 * Kubernetes 1.30+) and the legacy per-container annotation. Both may be present (they must then agree).
 */
export function appArmorOf(pod: Pod, c: Container): Profile[] {
  const out: Profile[] = [];
  const eff = effective(pod, c, 'appArmorProfile');
  if (eff.from !== 'none' && !eff.val.isUnknown) {
    out.push({
      val: eff.val.get('type'),
      type: profileType(eff.val.get('type')),
      source: eff.from === 'container' ? 'container field' : 'pod field',
      where: eff.from === 'container' ? 'securityContext.appArmorProfile.type' : "the pod securityContext's appArmorProfile.type",
    });
  }
  const ann = podAnnotation(pod, APPARMOR_CONTAINER_ANNOTATION + c.name);
  if (ann) out.push({ val: ann, type: annotationType(ann), source: 'container annotation', where: `the annotation ${APPARMOR_CONTAINER_ANNOTATION}${c.name}` });
  return out;
}

/**
 * "The container app of Deployment web sets securityContext.seccompProfile.type to Unconfined, so it runs …" or
 * "Deployment web sets seccompProfile.type in its pod securityContext to Unconfined, so its containers run …".
 * `outcome` follows "so it runs" / "so they run": "without seccomp filtering".
 */
export function profileMessage(pod: Pod, c: Container, profile: Profile, outcome: string): string {
  const value = profile.val.str() ?? profile.type ?? '';
  switch (profile.source) {
    case 'container field':
      return `The ${containerLabel(c)} of ${pod.label} sets ${profile.where} to ${value}, so it runs ${outcome}.`;
    case 'container annotation':
      return `${pod.label} sets ${profile.where} to ${value}, so its ${containerLabel(c)} runs ${outcome}.`;
    default:
      return `${pod.label} sets ${profile.where} to ${value}, so its containers run ${outcome}.`;
  }
}

/**
 * The fix for a profile that is not confined: its field's type set to RuntimeDefault, or its legacy annotation to
 * runtime/default (the runtime's default profile, which the annotations name so for seccomp and AppArmor alike).
 */
export function runtimeDefaultFix(ctx: CheckContext, profile: Profile): FixOffer | undefined {
  const annotation = profile.source === 'container annotation' || profile.source === 'pod annotation';
  const value = annotation ? 'runtime/default' : 'RuntimeDefault';
  const edits = ctx.edits.setValue(profile.val, value);
  return edits && { title: annotation ? `Set the annotation to ${value}` : `Set the profile type to ${value}`, edits };
}

/** Reports each value once per resource, however many containers inherit it. */
export function once(ctx: CheckContext): (at: Val, message: string, options?: Parameters<CheckContext['report']>[2]) => void {
  const seen = new Set<Node>();
  return (at, message, options) => {
    if (seen.has(at.at)) return;
    seen.add(at.at);
    ctx.report(at, message, options);
  };
}

/** A known mapping node of a value. */
export function mapNode(v: Val): MapNode | undefined {
  const n = v.node;
  return n?.kind === 'map' ? n : undefined;
}

/**
 * Edits that set `key: value` in a container's securityContext: add it to the existing mapping, or add a
 * `securityContext` mapping holding it. Undefined when that cannot be done in place (the securityContext is
 * unknown, `null`, or not a mapping).
 */
export function addToContainerSecurityContext(ctx: CheckContext, c: Container, key: string, value: Plain): TextEdit[] | undefined {
  const sc = c.val.get('securityContext');
  const hasPair = c.node.kind === 'map' && c.node.pairs.some((p) => p.key.value === 'securityContext');
  if (!sc.isAbsent) {
    const map = mapNode(sc);
    return map ? addPair(ctx, map, key, value) : undefined;
  }
  if (hasPair) return undefined; // `securityContext:` with no value: adding a second key would duplicate it
  return c.node.kind === 'map' ? addPair(ctx, c.node, 'securityContext', { [key]: value }) : undefined;
}

/**
 * `ctx.edits.addPair`, except for a YAML flow mapping nested in another flow collection (`{a: {b: 1}}`), where
 * the engine's helper finds the closing brace of the outer mapping (it searches back from the end offset, which
 * is exclusive): the pair is inserted before the mapping's own `}` here.
 */
export function addPair(ctx: CheckContext, map: MapNode, key: string, value: Plain): TextEdit[] | undefined {
  if (map.doc.lang === 'yaml' && (map.flow || map.pairs.length === 0)) {
    return nonEmpty(flowInsert(map.doc.text, map, ownPairs(map), `${key}: ${flowYaml(value)}`));
  }
  return nonEmpty(ctx.edits.addPair(map, key, value));
}

/** A value in YAML flow style; strings are written plain when they are simple words. */
function flowYaml(v: Plain): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' && !/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(v) ? JSON.stringify(v) : String(v);
  if (Array.isArray(v)) return `[${v.map((x: Plain) => flowYaml(x)).join(', ')}]`;
  return `{${Object.entries(v as Record<string, Plain>).map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
}

function nonEmpty(edits: TextEdit[]): TextEdit[] | undefined {
  return edits.length > 0 ? edits : undefined;
}

// ---- capabilities ---------------------------------------------------------------------------------------

/** A capability as the runtime reads it: upper case, without the `CAP_` prefix. */
export function capabilityName(s: string): string {
  const upper = s.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

// ---- host paths -------------------------------------------------------------------------------------------

/** Normalises an absolute host path: collapses `//`, drops `.` segments and resolves `..`, removes a trailing `/`. */
export function normaliseHostPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.trim().split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/**
 * Host paths whose mount gives a container control of the node or its secrets, with why. A mount is sensitive
 * when its path is one of these, lies under one, or contains one (mounting `/var` exposes `/var/lib/kubelet`).
 */
export const SENSITIVE_HOST_PATHS: ReadonlyArray<readonly [path: string, why: string]> = [
  ['/', "the node's whole filesystem"],
  ['/var/run/docker.sock', 'the Docker daemon socket, which controls every container on the node'],
  ['/run/docker.sock', 'the Docker daemon socket, which controls every container on the node'],
  ['/var/run/cri-dockerd.sock', 'the cri-dockerd socket, which controls every container on the node'],
  ['/run/cri-dockerd.sock', 'the cri-dockerd socket, which controls every container on the node'],
  ['/run/containerd', 'the containerd socket, which controls every container on the node'],
  ['/var/run/containerd', 'the containerd socket, which controls every container on the node'],
  ['/run/k3s/containerd', 'the containerd socket, which controls every container on the node'],
  ['/run/crio', 'the CRI-O socket, which controls every container on the node'],
  ['/var/run/crio', 'the CRI-O socket, which controls every container on the node'],
  ['/proc', "the node's processes and kernel settings"],
  ['/sys', "the node's kernel, cgroup and device settings"],
  ['/dev', "the node's devices, including its disks"],
  ['/boot', "the node's kernel and boot loader"],
  ['/etc', "the node's configuration and credentials, /etc/kubernetes included"],
  ['/root', "the root user's home directory on the node"],
  ['/var/lib/kubelet', "the kubelet's state, including the pods' secrets and service account tokens"],
  ['/var/lib/docker', "the Docker engine's state: every container's filesystem"],
  ['/var/lib/containerd', "containerd's state: every container's filesystem"],
  ['/var/lib/etcd', "etcd's data: every object and secret of the cluster"],
  ['/usr', 'the programs and libraries the node runs as root, and the kubelet\'s volume plugins'],
  ['/lib', 'the libraries and kernel modules the node loads'],
  ['/lib64', 'the libraries the node loads'],
  ['/bin', 'the programs the node runs as root'],
  ['/sbin', 'the programs the node runs as root'],
];

/**
 * Files under those paths that are routinely mounted and give nothing away: the node's time zone, its public
 * CA certificates and the syslog socket. They are reported by CL-K8S-014 (any hostPath volume) instead.
 */
export const HARMLESS_HOST_PATHS: readonly string[] = ['/etc/localtime', '/etc/timezone', '/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust', '/dev/log'];

/**
 * Why a host path is sensitive (see SENSITIVE_HOST_PATHS), or undefined when it is not: `relation` says whether
 * the path is the sensitive one, lies inside it, or contains it.
 */
export function sensitiveHostPath(raw: string): { path: string; why: string; relation: 'is' | 'inside' | 'contains' } | undefined {
  const p = normaliseHostPath(raw);
  if (HARMLESS_HOST_PATHS.some((h) => p === h || p.startsWith(h + '/'))) return undefined;
  for (const [s, why] of SENSITIVE_HOST_PATHS) {
    if (p === s) return { path: s, why, relation: 'is' };
    if (s !== '/' && p.startsWith(s + '/')) return { path: s, why, relation: 'inside' };
  }
  for (const [s, why] of SENSITIVE_HOST_PATHS) {
    if (s !== '/' && s.startsWith(p + '/')) return { path: s, why, relation: 'contains' };
  }
  return undefined;
}

/** The hostPath volumes of a pod: the volume's name, its `hostPath` key and its `path` value. */
export function hostPathVolumes(pod: Pod): { name: string; key: Node; path: Val }[] {
  const out: { name: string; key: Node; path: Val }[] = [];
  for (const v of pod.spec.get('volumes').items()) {
    const node = mapNode(v);
    const pair = node?.pairs.find((p) => p.key.value === 'hostPath');
    if (!pair) continue;
    const hp = v.get('hostPath');
    out.push({ name: v.get('name').str() ?? '(unnamed)', key: pair.key, path: hp.isUnknown ? hp : hp.get('path') });
  }
  return out;
}

// ---- metadata shared by the rules ---------------------------------------------------------------------------

/** CIS Kubernetes Benchmark 1.9 controls (section 5.2 Pod Security Standards, 5.7 General Policies) and NSA/CISA. */
export function podSecurityFrameworks(cis: readonly string[]): FrameworkRef[] {
  return [
    ...(cis.length > 0 ? [cisK8s(...cis)] : []),
    nsaK8s('Kubernetes Pod security'),
  ];
}

/** The responsibility line of every pod-security rule: the provider runs the control plane, the pod spec is yours. */
export function podResponsibility(customer: string): Responsibility {
  return {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'on managed Kubernetes the provider runs the control plane and admits the pod exactly as you wrote it',
    customer,
  };
}

export const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const SECURITY_CONTEXT_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

/**
 * A pod-spec boolean that must not be true (hostNetwork, hostPID, hostIPC, shareProcessNamespace): the kit's
 * setting check from the pod spec, so the message, position and fix (`Set <key> to false`) are the kit's.
 */
export function podFlagCheck(key: string, consequence: string): Check {
  return settingChecks({
    subject: 'Pod',
    named: (r) => podOf(r)?.label ?? r.id,
    consequence: `so ${consequence}`,
    want: false,
    absentMeans: null,
    formats: { kubernetes: { types: WORKLOAD_KINDS, path: [key], base: (r) => podOf(r)?.spec } },
  }).kubernetes!;
}

/** A per-container setting for `containerSettingCheck`: the kit's spec, with the path under each container. */
export interface ContainerSettingSpec extends Omit<SettingSpec, 'subject' | 'named' | 'formats'> {
  /** Under the container: `['securityContext', 'privileged']`. */
  readonly path: readonly string[];
  /** Not checked in Windows pods (the setting does not exist there). */
  readonly linuxOnly?: boolean;
  /** Only containers for which this holds are checked. */
  readonly only?: (pod: Pod, c: Container) => boolean;
  /** Why the container cannot have the wanted value (it is privileged…): appended to the message, and no fix. */
  readonly forced?: (c: Container) => string | undefined;
  /**
   * A container that does not write the setting inherits it from this path of the pod spec
   * (`['securityContext', 'runAsNonRoot']`): `shown` names it in messages, `consequence` ends them. A container
   * where neither writes it is reported as `does not set <path> (nor does its pod), which defaults to …`.
   */
  readonly inherit?: { readonly path: readonly string[]; readonly shown: string; readonly consequence: string };
}

/**
 * The kit's setting check on every container of a workload's pod (containers, initContainers, ephemeralContainers):
 * each container is reported on its own ("The container app of Deployment web sets securityContext.privileged to
 * true, …"); a setting a container lacks is reported at its name and added to its securityContext in place.
 */
export function containerSettingCheck(spec: ContainerSettingSpec): Check {
  const { path, linuxOnly, only, forced, inherit, ...rest } = spec;
  const items = (r: Resource): SettingItem[] => {
    const pod = podOf(r);
    if (!pod || (linuxOnly && pod.windows)) return [];
    return pod.containers
      .filter((c) => !only || only(pod, c))
      .map((c) => {
        const why = forced?.(c);
        const consequence = typeof spec.consequence === 'string' ? spec.consequence : spec.consequence(r);
        return {
          val: c.val,
          named: `The ${containerLabel(c)} of ${pod.label}`,
          anchor: containerAnchor(c),
          ...(why ? { consequence: `${consequence} (${why})`, fix: false } : {}),
          add: addInContainer,
          ...(inherit ? { inherit: { val: pod.spec, path: inherit.path, named: pod.label, shown: inherit.shown, consequence: inherit.consequence, nor: 'its pod' } } : {}),
        };
      });
  };
  return settingChecks({ ...rest, subject: 'Container', formats: { kubernetes: { types: WORKLOAD_KINDS, path, each: items } } }).kubernetes!;
}

/**
 * Adds missing keys under a known mapping of a container (the container or its securityContext), with `addPair`
 * (YAML flow mappings nested in flow collections included). Undefined when the first missing key is written with
 * no value (`securityContext:`): adding it again would duplicate it.
 */
function addInContainer(ctx: CheckContext, container: Val, keys: readonly string[], value: Plain): TextEdit[] | undefined {
  const map = mapNode(container);
  if (!map || keys.length === 0 || map.pairs.some((p) => p.key.value === keys[0])) return undefined;
  let nested: Plain = value;
  for (let i = keys.length - 1; i >= 1; i--) nested = { [keys[i]]: nested };
  return addPair(ctx, map, keys[0], nested);
}
