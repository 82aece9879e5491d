// Pod spec checks beyond the security context's root settings (CL-K8S-070 … CL-K8S-089): low user and group IDs,
// probes, ports, writable host mounts and volume types. The pod model and the shared helpers come from
// k8s-security-context.ts, re-exported here so that each rule imports one lib file.
import type { Check, CheckContext, FixOffer } from '../../server/src/engine/rule';
import type { Val } from '../../server/src/formats/value';
import type { Node } from '../../server/src/model/tree';
import type { Resource } from '../../server/src/formats/resource';
import {
  WORKLOAD_KINDS,
  addPair,
  containerAnchor,
  containerLabel,
  effective,
  mapNode,
  podOf,
  type Container,
  type Pod,
} from './k8s-security-context';

export {
  PSS_DOC,
  SECURITY_CONTEXT_DOC,
  WORKLOAD_KINDS,
  containerAnchor,
  containerLabel,
  containerSettingCheck,
  effective,
  hostPathVolumes,
  mapNode,
  podCheck,
  podOf,
  podResponsibility,
  podSecurityFrameworks,
  sensitiveHostPath,
  type Container,
  type Pod,
} from './k8s-security-context';

// ---- user and group IDs -------------------------------------------------------------------------------------

/**
 * The lowest ID kube-score and Checkov (CKV_K8S_40) accept: IDs below it are the node's own system and login users
 * (and groups) on common distributions, so a process that escapes the container would act as one of them.
 */
export const HIGH_ID = 10000;

/**
 * A snippet that replaces a low ID written in place with one of HIGH_ID or more to fill in (`${1:10001}`). Undefined
 * when the value is not a scalar written there (a value from a branch or a template).
 */
function highIdFix(v: Val, key: string): FixOffer | undefined {
  const n = v.node;
  if (!n || n !== v.at || v.when.length > 0 || n.kind !== 'scalar') return undefined;
  return { title: `Set ${key} to an ID of ${HIGH_ID} or more (fill it in)`, edits: [{ start: n.span[0], end: n.span[1], text: '${1:10001}' }], snippet: true };
}

/**
 * Reports every container whose effective `key` (runAsUser, runAsGroup) is between 1 and HIGH_ID - 1 (0 is root,
 * which CL-K8S-004 and CL-K8S-005 report): at the container's own value, or once at the pod's value, naming the
 * containers that inherit it. Windows pods are skipped (these settings do not apply there). `who` names what the ID
 * may collide with: `user`, `group`.
 */
export function reportLowId(pod: Pod, ctx: CheckContext, key: 'runAsUser' | 'runAsGroup', who: string): void {
  if (pod.windows) return;
  const low = (v: Val): number | undefined => {
    const n = v.num();
    return n !== undefined && Number.isInteger(n) && n > 0 && n < HIGH_ID ? n : undefined;
  };
  const inheriting: string[] = [];
  for (const c of pod.containers) {
    const id = effective(pod, c, key);
    const n = low(id.val);
    if (n === undefined) continue;
    if (id.from === 'container') {
      ctx.report(id.val, `The ${containerLabel(c)} of ${pod.label} sets securityContext.${key} to ${n}, below ${HIGH_ID}, so it may share its ID with a ${who} of the node.`, {
        fix: highIdFix(id.val, key),
      });
    } else {
      inheriting.push(c.name);
    }
  }
  if (inheriting.length > 0) {
    const v = pod.sc.get(key);
    const who2 = inheriting.length === 1 ? `container ${inheriting[0]} does not override it, so it` : `containers ${inheriting.join(', ')} do not override it, so they`;
    ctx.report(v, `${pod.label} sets ${key} to ${low(v)} in its pod securityContext, below ${HIGH_ID}, and ${who2} may share the ID with a ${who} of the node.`, {
      fix: highIdFix(v, key),
    });
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------

/** Whether a container's mapping writes `key` (with any value, unknown included). */
export function writes(c: Container, key: string): boolean {
  const map = mapNode(c.val);
  return !!map && map.pairs.some((p) => p.key.value === key);
}

// ---- probes -------------------------------------------------------------------------------------------------

/**
 * Workload types whose pods run to completion (Jobs), or whose platform probes the container itself (Knative Serving
 * gives every container a readiness probe on its port and routes through its queue proxy): probes are not asked of
 * them.
 */
const NOT_LONG_RUNNING = new Set(['Job', 'CronJob', 'ScaledJob.keda.sh', 'Service.serving.knative.dev', 'Configuration.serving.knative.dev', 'Revision.serving.knative.dev']);

/** The workload types whose containers are expected to run until stopped, and so to have probes. */
export const LONG_RUNNING_KINDS: readonly string[] = WORKLOAD_KINDS.filter((k) => !NOT_LONG_RUNNING.has(k));

/**
 * A check that every regular container of a long-running workload writes `probe` (livenessProbe, readinessProbe):
 * a container without the key is reported at its name, with `consequence` ending the sentence. Init and ephemeral
 * containers are not probed this way; a bare Pod whose restartPolicy is Never or OnFailure runs to completion.
 */
export function probeCheck(probe: 'livenessProbe' | 'readinessProbe', consequence: string): Check {
  return {
    reads: 'resource',
    types: LONG_RUNNING_KINDS,
    run(r, ctx) {
      const pod = podOf(r);
      if (!pod) return;
      const restart = pod.spec.get('restartPolicy');
      if (restart.isUnknown || restart.str() === 'Never' || restart.str() === 'OnFailure') return;
      for (const c of pod.containers) {
        if (c.list !== 'containers' || writes(c, probe)) continue;
        ctx.report(containerAnchor(c), `The ${containerLabel(c)} of ${pod.label} has no ${probe}, ${consequence}.`);
      }
    },
  };
}

// ---- ports --------------------------------------------------------------------------------------------------

/** A `containerPort` a container declares, with its value (numbers only: a template or a string is not judged). */
export interface ContainerPort {
  readonly container: Container;
  readonly val: Val;
  readonly port: number;
}

/** Every numeric `ports[].containerPort` of a pod's containers (init containers included; ephemeral ones have none). */
export function containerPorts(pod: Pod): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of pod.containers) {
    for (const p of c.val.get('ports').items()) {
      const v = p.get('containerPort');
      const n = v.num();
      if (n === undefined || !Number.isInteger(n)) continue;
      out.push({ container: c, val: v, port: n });
    }
  }
  return out;
}

/** The SSH port, which CL-K8S-076 reports (and CL-K8S-075 leaves to it). */
export const SSH_PORT = 22;

// ---- volumes ------------------------------------------------------------------------------------------------

/** A volume of a pod spec: its name, its source key (`hostPath`, `nfs`…) and that source's value. */
export interface PodVolume {
  readonly name: string | undefined;
  readonly val: Val;
  /** The key of the volume source, undefined when the volume writes none (or more than one, which is invalid). */
  readonly source: { readonly key: string; readonly keyNode: Node; readonly val: Val } | undefined;
}

/** The volumes of a pod, each with its source (the one key other than `name`). Unknown volume lists give none. */
export function podVolumes(pod: Pod): PodVolume[] {
  const out: PodVolume[] = [];
  for (const v of pod.spec.get('volumes').items()) {
    const map = mapNode(v);
    if (!map) continue;
    const keys = map.pairs.filter((p) => p.key.value !== 'name');
    const name = v.get('name').str();
    const source = keys.length === 1 ? { key: String(keys[0].key.value), keyNode: keys[0].key, val: v.get(String(keys[0].key.value)) } : undefined;
    out.push({ name, val: v, source });
  }
  return out;
}

/** A volumeMount of a container that mounts one of `names`, with its readOnly value. */
export interface Mount {
  readonly container: Container;
  readonly val: Val;
  readonly volume: string;
  readonly readOnly: Val;
}

/** The volumeMounts of every container (init and ephemeral ones included) whose volume is one of `names`. */
export function mountsOf(pod: Pod, names: ReadonlySet<string>): Mount[] {
  const out: Mount[] = [];
  for (const c of pod.containers) {
    for (const m of c.val.get('volumeMounts').items()) {
      const volume = m.get('name').str();
      if (volume === undefined || !names.has(volume)) continue;
      out.push({ container: c, val: m, volume, readOnly: m.get('readOnly') });
    }
  }
  return out;
}

/**
 * A fix that makes a mount read-only: `readOnly: false` written in place becomes true, a mount without the key gets
 * `readOnly: true`. Undefined when neither can be done in place.
 */
export function readOnlyFix(ctx: CheckContext, m: Mount): FixOffer | undefined {
  const title = 'Mount it read-only (readOnly: true)';
  if (!m.readOnly.isAbsent) {
    const edits = ctx.edits.setValue(m.readOnly, true);
    return edits && edits.length > 0 ? { title, edits } : undefined;
  }
  const map = mapNode(m.val);
  if (!map || map.pairs.some((p) => p.key.value === 'readOnly')) return undefined;
  const edits = addPair(ctx, map, 'readOnly', true);
  return edits && { title, edits };
}

/**
 * The volume sources the restricted Pod Security Standard allows (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted).
 */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/**
 * The in-tree volume sources it does not allow, with what each one is, apart from hostPath (CL-K8S-013, CL-K8S-014)
 * and gitRepo (CL-K8S-079). A key not listed here (a newer source such as `image`) is not judged.
 */
export const UNRESTRICTED_VOLUME_TYPES: ReadonlyMap<string, string> = new Map([
  ['awsElasticBlockStore', 'an AWS EBS volume'],
  ['azureDisk', 'an Azure disk'],
  ['azureFile', 'an Azure Files share'],
  ['cephfs', 'a CephFS mount'],
  ['cinder', 'an OpenStack Cinder volume'],
  ['fc', 'a Fibre Channel disk'],
  ['flexVolume', 'a FlexVolume, whose driver runs as root on the node'],
  ['flocker', 'a Flocker dataset'],
  ['gcePersistentDisk', 'a GCE persistent disk'],
  ['glusterfs', 'a GlusterFS mount'],
  ['iscsi', 'an iSCSI disk'],
  ['nfs', 'an NFS export'],
  ['photonPersistentDisk', 'a Photon persistent disk'],
  ['portworxVolume', 'a Portworx volume'],
  ['quobyte', 'a Quobyte volume'],
  ['rbd', 'a Ceph RBD image'],
  ['scaleIO', 'a ScaleIO volume'],
  ['storageos', 'a StorageOS volume'],
  ['vsphereVolume', 'a vSphere disk'],
]);

// ---- ephemeral storage --------------------------------------------------------------------------------------

/**
 * Whether a container lacks `resources.limits.ephemeral-storage`: absent (an unknown `resources` or `limits` is not
 * missing). Ephemeral containers cannot have resources; pod-level `spec.resources` covers only CPU and memory.
 */
export function ephemeralStorageLimitMissing(c: Container): boolean {
  if (c.list === 'ephemeralContainers') return false;
  return c.val.path('resources', 'limits', 'ephemeral-storage').isAbsent;
}

// ---- removed API versions -----------------------------------------------------------------------------------

/** An API version Kubernetes has removed for some kinds, the release that removed it and what replaces it. */
export interface RemovedApi {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  readonly removedIn: string;
  /** The apiVersion to use instead, or a sentence when there is none (PodSecurityPolicy). */
  readonly use: string;
  /** The replacement has the same schema for these kinds: changing the apiVersion is the whole migration. */
  readonly sameSchema?: boolean;
}

/** From https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (the kinds Cloudline has service data for). */
export const REMOVED_APIS: readonly RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', use: 'Pod Security admission (PodSecurityPolicy itself was removed in 1.25)' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet'], removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', use: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1', sameSchema: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', use: 'scheduling.k8s.io/v1', sameSchema: true },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], removedIn: '1.22', use: 'storage.k8s.io/v1', sameSchema: true },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', use: 'batch/v1', sameSchema: true },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', use: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', use: 'Pod Security admission (namespace labels) or a policy engine: the API has no successor' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', use: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', use: 'autoscaling/v2', sameSchema: true },
];

/** The kinds some removed API version served. */
export const REMOVED_API_KINDS: readonly string[] = [...new Set(REMOVED_APIS.flatMap((a) => a.kinds))];

/** The removed API an object is written with, if any. */
export function removedApiOf(kind: string, apiVersion: string): RemovedApi | undefined {
  return REMOVED_APIS.find((a) => a.apiVersion === apiVersion && a.kinds.includes(kind));
}

// ---- horizontal pod autoscalers -----------------------------------------------------------------------------

/** Workload kinds an HPA scales through their `spec.replicas` (the scale subresource). */
export const SCALED_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout.argoproj.io', 'CloneSet.apps.kruise.io'];

/**
 * The HorizontalPodAutoscalers of the file by their target (`namespace\0kind\0name`, an unset namespace as ''), built
 * once per lint. An HPA whose target is a template expression is left out.
 */
export function autoscalersByTarget(ctx: CheckContext): ReadonlyMap<string, Resource[]> {
  return ctx.shared('k8s-workloads.hpaByTarget', (all) => {
    const out = new Map<string, Resource[]>();
    for (const r of all) {
      if (r.format !== 'kubernetes' || r.type !== 'HorizontalPodAutoscaler') continue;
      const ref = r.body.path('spec', 'scaleTargetRef');
      const kind = ref.get('kind');
      const name = ref.get('name');
      if (kind.isUnknown || name.isUnknown || kind.str() === undefined || name.str() === undefined) continue;
      const key = `${r.k8s?.namespace ?? ''}\u0000${kind.str()}\u0000${name.str()}`;
      const list = out.get(key);
      if (list) list.push(r);
      else out.set(key, [r]);
    }
    return out;
  });
}

// ---- spreading replicas -------------------------------------------------------------------------------------

/** Workload kinds that run several replicas of one pod template (`spec.replicas`). */
export const REPLICATED_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'Rollout.argoproj.io',
  'CloneSet.apps.kruise.io',
  'StatefulSet.apps.kruise.io',
  'DeploymentConfig.apps.openshift.io',
];

/** How a pod spec spreads its replicas: `unknown` when a template expression hides it. */
export type Spread =
  | { readonly kind: 'spread' | 'unknown' | 'none' }
  | { readonly kind: 'self-missed'; readonly at: Val };

/**
 * Whether the replicas of a pod template are kept apart: a topologySpreadConstraints entry, or a podAntiAffinity term
 * whose label selector selects the template's own pods. An anti-affinity whose terms all use `matchLabels` that the
 * template's labels do not satisfy keeps nothing apart (`self-missed`, at the first term's selector); a term with
 * `matchExpressions`, or anything unknown, is taken as spreading.
 */
export function spreadOf(pod: Pod): Spread {
  const tsc = pod.spec.get('topologySpreadConstraints');
  if (tsc.isUnknown) return { kind: 'unknown' };
  if (tsc.items().length > 0) return { kind: 'spread' };
  const anti = pod.spec.path('affinity', 'podAntiAffinity');
  if (anti.isUnknown) return { kind: 'unknown' };
  if (anti.isAbsent) return { kind: 'none' };
  const labels = pod.meta?.get('labels');
  if (!labels || labels.isUnknown) return { kind: 'unknown' };
  const own = new Map<string, string | undefined>();
  for (const [k, v] of labels.entries()) own.set(String(k.value), v.isUnknown ? undefined : v.str());
  const selectors: Val[] = [
    ...anti.get('requiredDuringSchedulingIgnoredDuringExecution').items().map((t) => t.get('labelSelector')),
    ...anti.get('preferredDuringSchedulingIgnoredDuringExecution').items().map((t) => t.path('podAffinityTerm', 'labelSelector')),
  ];
  if (selectors.length === 0) return { kind: 'none' };
  let first: Val | undefined;
  for (const sel of selectors) {
    if (sel.isUnknown || !sel.get('matchExpressions').isAbsent) return { kind: 'spread' };
    const match = sel.get('matchLabels');
    if (match.isUnknown) return { kind: 'spread' };
    const wanted = match.entries();
    if (wanted.length === 0) return { kind: 'spread' }; // an empty selector selects every pod, its own included
    if (wanted.some(([k]) => typeof k.value === 'string' && k.value.includes('{{'))) return { kind: 'spread' };
    const selectsOwn = wanted.every(([key, v]) => {
      const k = String(key.value);
      return own.has(k) && (own.get(k) === undefined || v.isUnknown || own.get(k) === v.str());
    });
    if (selectsOwn) return { kind: 'spread' };
    first ??= match;
  }
  return first ? { kind: 'self-missed', at: first } : { kind: 'none' };
}
