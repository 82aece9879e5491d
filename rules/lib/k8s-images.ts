// Container image references (registry, repository, tag, digest) and the pod/container helpers shared by the
// Kubernetes supply-chain, resources, secrets and service-account rules (CL-K8S-030 … CL-K8S-041).
import { WORKLOAD_KINDS, containersOf, type Container } from '../../server/src/formats/kubernetes';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import type { CheckContext } from '../../server/src/engine/rule';
import type { Edits, Fix, Plain, TextEdit } from '../../server/src/engine/edits';
import { getPair, pairOf, type MapNode, type Node } from '../../server/src/model/tree';
import { defineRule, groupBy, nist, nsaK8s, ofType, type Rule, type Severity } from '../kit';
import { perKey } from './memo';

export { WORKLOAD_KINDS };

/** A parsed image reference: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  /** `registry.example.com`, `registry:5000`, `localhost`; undefined means the runtime's default (Docker Hub). */
  readonly registry?: string;
  /** `nginx`, `library/nginx`, `team/app`. */
  readonly repository: string;
  /** The tag as written; undefined when none is written (the runtime then pulls `latest`). */
  readonly tag?: string;
  /** `sha256:…` when the reference is pinned by content. */
  readonly digest?: string;
}

// Grammar of github.com/distribution/reference (the one the kubelet and container runtimes use).
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/**
 * Parses an image reference. Returns undefined for anything that is not a valid reference (an empty string,
 * a placeholder such as `$IMAGE` or `${TAG}` that a pipeline substitutes, upper-case repository names), so that
 * rules never judge a value they cannot read.
 */
export function parseImage(ref: string): ImageRef | undefined {
  const text = ref.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let name = text;
  let digest: string | undefined;
  const at = text.indexOf('@');
  if (at >= 0) {
    digest = text.slice(at + 1);
    name = text.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  if (colon >= 0) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  let registry: string | undefined;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    // The first component is a registry host when it looks like one (the rule Docker and containerd apply).
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      if (!HOST.test(first)) return undefined;
      registry = first;
      name = name.slice(slash + 1);
    }
  }
  if (!REPOSITORY.test(name)) return undefined;
  return { registry, repository: name, tag, digest };
}

/** True when the reference names `latest` or no tag at all, and no digest pins it. */
export function isLatestOrUntagged(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest');
}

/** The image of a container as a value and its parsed reference, when it is known and valid (parsed once per lint). */
export const imageOf: (c: Container) => ContainerImage | undefined = perKey(readImage);

/** A container's image as written, parsed. */
export interface ContainerImage {
  readonly val: Val;
  readonly ref: ImageRef;
  readonly text: string;
}

function readImage(c: Container): ContainerImage | undefined {
  const val = c.val.get('image');
  const text = val.str();
  if (text === undefined || typeof val.scalar !== 'string') return undefined;
  const ref = parseImage(text);
  return ref && { val, ref, text };
}

/** How a container is named in messages: `container web`, `init container setup`, `ephemeral container debug`. */
export function containerLabel(c: Container): string {
  const kind = c.list === 'initContainers' ? 'init container' : c.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} ${c.name}`;
}

/** Where a finding about a setting a container lacks goes: its `name` value (the container itself if unnamed). */
export function containerAnchor(c: Container): Val | Node {
  const name = c.val.get('name');
  return name.isKnown ? name : c.node;
}

/** The containers of a workload's pod spec (regular, init and ephemeral). */
export function podContainers(r: Resource): readonly Container[] {
  return containersOf(r.k8s?.podSpec);
}

/** The pod spec's mapping, when the workload has one written as a mapping. */
export function podSpecMap(r: Resource): MapNode | undefined {
  const node = r.k8s?.podSpec?.node;
  return node?.kind === 'map' ? node : undefined;
}

/** Where a finding about a pod-level setting the pod spec lacks goes: the `spec` key that holds the pod spec. */
export function podSpecAnchor(r: Resource): Node | undefined {
  const map = podSpecMap(r);
  if (!map) return undefined;
  return pairOf(map)?.key ?? r.anchor;
}

/** A workload's kind and name for messages: `Deployment web`. */
export function workloadLabel(r: Resource): string {
  return `${r.type} ${r.k8s?.name ?? '(unnamed)'}`;
}

/**
 * The ServiceAccount objects of the same file that a pod in namespace `ns` may refer to by `name`. A manifest
 * without a namespace is applied to whatever namespace the deployer chooses, so a missing namespace on either
 * side is taken to match.
 */
export function serviceAccountsNamed(ctx: CheckContext, name: string, ns: string | undefined): Resource[] {
  // ServiceAccounts by name, once per lint: a file of many workloads asks once per workload.
  const byName = ctx.shared('k8s-images.serviceAccounts', () => groupBy(ofType(ctx, 'ServiceAccount'), (r) => (r.k8s?.name === undefined ? [] : [r.k8s.name])));
  return (byName.get(name) ?? []).filter((r) => ns === undefined || r.k8s?.namespace === undefined || r.k8s.namespace === ns);
}

/** The service account name a pod spec runs as: `serviceAccountName`, the deprecated `serviceAccount`, or `default`. */
export function serviceAccountOf(podSpec: Val): { name?: string; val?: Val; unknown: boolean } {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const v = podSpec.get(key);
    if (v.isAbsent) continue;
    const s = v.str();
    if (s === undefined) return { unknown: true };
    // An empty name means the default service account, as Kubernetes treats it.
    return { name: s === '' ? 'default' : s, val: v, unknown: false };
  }
  return { name: 'default', unknown: false };
}

/**
 * Whether the pod's service account token is mounted: the pod spec's `automountServiceAccountToken` wins, then
 * the ServiceAccount's (when it is in the same file), else Kubernetes mounts it. `undefined` when unknown.
 */
export function tokenMounted(
  r: Resource,
  ctx: CheckContext,
  saName: string,
): { mounted: boolean | undefined; explicit?: Val; account?: Val } {
  const spec = r.k8s?.podSpec;
  if (!spec) return { mounted: undefined };
  const own = spec.get('automountServiceAccountToken');
  if (!own.isAbsent) {
    const b = own.bool();
    if (b === undefined) return { mounted: undefined };
    return { mounted: b, explicit: b ? own : undefined };
  }
  let account: Val | undefined;
  for (const sa of serviceAccountsNamed(ctx, saName, r.k8s?.namespace)) {
    const v = sa.body.get('automountServiceAccountToken');
    if (v.isAbsent) continue;
    const b = v.bool();
    if (b === undefined) return { mounted: undefined };
    if (b === false) return { mounted: false };
    account = v;
  }
  return { mounted: true, account };
}

export type ResourceKind = 'requests' | 'limits';
export type ResourceName = 'cpu' | 'memory';

/**
 * Whether `resources.<kind>.<name>` is missing for a container: absent (an unknown value is not missing), with
 * none of the things that stand in for it: a request is taken from the limit when only the limit is set, and
 * pod-level `spec.resources` (Kubernetes 1.32+) bounds every container. Ephemeral containers cannot have resources.
 */
export function resourceMissing(podSpec: Val, c: Container, kind: ResourceKind, name: ResourceName): boolean {
  if (c.list === 'ephemeralContainers') return false;
  const own = (k: ResourceKind) => c.val.path('resources', k, name);
  const pod = (k: ResourceKind) => podSpec.path('resources', k, name);
  if (!own(kind).isAbsent || !pod(kind).isAbsent) return false;
  if (kind === 'requests' && (!own('limits').isAbsent || !pod('limits').isAbsent)) return false;
  return true;
}

const ALL: readonly [ResourceKind, ResourceName][] = [
  ['requests', 'cpu'],
  ['requests', 'memory'],
  ['limits', 'cpu'],
  ['limits', 'memory'],
];
const DEFAULTS: Record<ResourceKind, Record<ResourceName, string>> = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/**
 * A snippet fix that completes a container's `resources`: every one of requests/limits × cpu/memory that is
 * missing is added at once, with placeholders (`${1:100m}`) the user edits. A limit added next to an existing
 * request defaults to the request's value, so the defaults never make a limit lower than its request. Returns
 * undefined when the shape does not allow a safe insertion (a key written with an empty value, a non-mapping).
 */
export function resourcesFix(edits: Edits, podSpec: Val, c: Container): Fix | undefined {
  // The four resource rules offer the same fix for a container: it is made once per container per lint.
  const cached = fixes.get(c);
  if (cached && cached.edits === edits && cached.podSpec === podSpec) return cached.fix;
  const fix = makeResourcesFix(edits, podSpec, c);
  fixes.set(c, { edits, podSpec, fix });
  return fix;
}

const fixes = new WeakMap<Container, { edits: Edits; podSpec: Val; fix: Fix | undefined }>();

function makeResourcesFix(edits: Edits, podSpec: Val, c: Container): Fix | undefined {
  const missing = ALL.filter(([k, n]) => resourceMissing(podSpec, c, k, n));
  if (missing.length === 0) return undefined;
  let slot = 0;
  const placeholder = (k: ResourceKind, n: ResourceName) => {
    const request = k === 'limits' ? c.val.path('resources', 'requests', n).str() : undefined;
    const value = request !== undefined && /^[0-9.]+[a-zA-Z]*$/.test(request) ? request : DEFAULTS[k][n];
    return `\${${++slot}:${value}}`;
  };
  const wanted: Partial<Record<ResourceKind, Record<string, string>>> = {};
  for (const [k, n] of missing) (wanted[k] ??= {})[n] = placeholder(k, n);
  const added = missing.map(([k, n]) => `${k}.${n}`).join(', ');
  const fix = (list: TextEdit[]): Fix => ({ title: `Add resources ${added} (edit the values)`, edits: mergeInserts(list), snippet: true });

  const resPair = getPair(c.node as MapNode, 'resources');
  if (!resPair) return fix(edits.addPair(c.node as MapNode, 'resources', wanted as Plain));
  if (resPair.value.kind !== 'map') return undefined;
  const resMap = resPair.value;
  const out: TextEdit[] = [];
  const newMaps: Record<string, Plain> = {};
  for (const k of ['requests', 'limits'] as const) {
    const keys = wanted[k];
    if (!keys) continue;
    const kindPair = getPair(resMap, k);
    if (!kindPair) {
      newMaps[k] = keys;
      continue;
    }
    if (kindPair.value.kind !== 'map') return undefined;
    const kindMap = kindPair.value;
    // A key written with an empty value (`cpu:`) is absent, but adding it again would duplicate it.
    if (Object.keys(keys).some((n) => getPair(kindMap, n))) return undefined;
    out.push(...addTo(edits, kindMap, keys));
  }
  if (Object.keys(newMaps).length > 0) out.push(...addTo(edits, resMap, newMaps));
  return out.length > 0 ? fix(out) : undefined;
}

/**
 * Adds pairs to a mapping. An empty mapping (`{}`) is replaced as a whole: Edits.addPairs joins several pairs
 * into an empty flow mapping without separators, and addPair into an empty flow mapping nested as the last value
 * of another flow mapping (`{limits: {}}`) inserts into the outer one.
 */
function addTo(edits: Edits, map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
  return map.pairs.length === 0 ? edits.replaceNode(map, pairs) : edits.addPairs(map, pairs);
}

/** Joins insertions at the same offset into one edit, in order, so every editor applies them the same way. */
function mergeInserts(list: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of list) {
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) out[out.indexOf(same)] = { start: same.start, end: same.end, text: same.text + e.text };
    else out.push(e);
  }
  return out;
}

const LABEL: Record<ResourceKind, Record<ResourceName, string>> = {
  requests: { cpu: 'CPU request', memory: 'memory request' },
  limits: { cpu: 'CPU limit', memory: 'memory limit' },
};

/** The check shared by CL-K8S-033 … 036: one finding per container lacking `resources.<kind>.<name>`, on its name. */
export function resourceCheck(kind: ResourceKind, name: ResourceName, consequence: string) {
  return (r: Resource, ctx: CheckContext): void => {
    const podSpec = r.k8s?.podSpec;
    if (!podSpec) return;
    for (const c of podContainers(r)) {
      if (!resourceMissing(podSpec, c, kind, name)) continue;
      const fix = resourcesFix(ctx.edits, podSpec, c);
      const label = containerLabel(c);
      ctx.report(
        containerAnchor(c),
        `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)} sets no ${LABEL[kind][name]} (resources.${kind}.${name}), ${consequence}.`,
        { fix },
      );
    }
  };
}

/** What differs between the four resource rules (CL-K8S-033 … 036); the rest follows from `which` and `resource`. */
export interface ResourceRuleSpec {
  readonly id: string;
  readonly slug: string;
  readonly which: ResourceKind;
  readonly resource: ResourceName;
  readonly severity: Severity;
  readonly description: string;
  /** The clause after the comma of the message: `…sets no CPU limit (resources.limits.cpu), <consequence>.` */
  readonly consequence: string;
  /** The IDs of the same check in Checkov, KICS and Trivy (kube-linter's, Polaris's and kube-score's follow from the setting). */
  readonly equivalents: { readonly checkov: string[]; readonly kics: string[]; readonly trivy: string[] };
}

/** One of the four rules "a container sets no <CPU|memory> <request|limit>", from its row of the table. */
export function resourceRule(spec: ResourceRuleSpec): Rule {
  const { which, resource } = spec;
  const label = LABEL[which][resource];
  const setting = `resources.${which}.${resource}`;
  const capital = (t: string) => t[0].toUpperCase() + t.slice(1);
  return defineRule({
    id: spec.id,
    slug: spec.slug,
    title: `Container has no ${label}`,
    severity: spec.severity,
    fixable: true,
    description: spec.description,
    remediation: `Set ${setting} for the container, or a default ${label} with a LimitRange in its namespace.`,
    responsibility: {
      owner: 'customer',
      model: 'Hybrid',
      layer: 'resilience',
      provider: 'the kubelet and the scheduler enforce the requests and limits you set',
      customer: 'sizing each container, or a LimitRange that sets defaults for the namespace, is yours',
    },
    frameworks: [nsaK8s('Resource policies'), nist('SC-6')],
    equivalents: {
      ...spec.equivalents,
      kubeLinter: [`unset-${resource}-requirements`],
      polaris: [`${resource}${capital(which)}Missing`],
      kubeScore: ['container-resources'],
    },
    docs: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/policy/limit-range/',
    ],
    checks: {
      kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run: resourceCheck(which, resource, spec.consequence) },
    },
  });
}
