// Kubernetes manifests → objects (one per document, or per item of a `List`), with workload pod specs found.
import type { ParsedDoc, ParsedFile } from '../model/parse';
import { get, getPair, str, type MapNode, type Node } from '../model/tree';
import type { FormatNotice, KubernetesFacts, Resource } from './resource';
import { Val, type Alt, type Resolver } from './value';

/** Manifests are literal, except template expressions (Helm `{{ … }}`), which are unknown until rendered. */
export const kubernetesResolver: Resolver = {
  resolve(node, at, when): Alt[] {
    if (node.kind === 'scalar') {
      if (node.value === null) return [{ state: 'absent', at, when }];
      if (typeof node.value === 'string' && node.value.includes('{{')) {
        return [{ state: 'unknown', at, when, why: 'a template expression is known only after rendering' }];
      }
    }
    return [{ state: 'known', node, at, when }];
  },
};

/** Where each workload kind keeps its pod template. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/**
 * Workload custom resources whose pod template sits at a known path, keyed by their type (`Kind.group`, see
 * `kubernetesType`): the API groups that serve the kind, and the path to the template (the object holding `spec`
 * and `metadata`; `[]` when the object's own `spec` is the pod spec). A kind of the same name in another group is not
 * one of these, and its pod spec is not looked for.
 * - Knative Serving (https://knative.dev/docs/serving/reference/serving-api/): Service and Configuration hold a
 *   revision template at spec.template; a Revision's spec is the RevisionSpec, which inlines the pod spec.
 * - Knative Eventing ContainerSource (https://knative.dev/docs/eventing/sources/containersource/): spec.template, a
 *   pod template like a Deployment's, whose containers Knative runs as the source.
 * - Argo Rollouts Rollout (https://argoproj.github.io/argo-rollouts/features/specification/): spec.template.
 * - OpenKruise CloneSet, Advanced StatefulSet, Advanced DaemonSet (https://openkruise.io/docs/): spec.template.
 * - KEDA ScaledJob (https://keda.sh/docs/latest/reference/scaledjob-spec/): a Job spec at spec.jobTargetRef.
 * - OpenShift DeploymentConfig (https://docs.openshift.com/container-platform/4.14/applications/deployments/what-deployments-are.html):
 *   spec.template; OpenShift 3 manifests write it with the legacy `apiVersion: v1`.
 */
const WORKLOAD_CRDS: Readonly<Record<string, { readonly groups: readonly string[]; readonly template: readonly string[] }>> = {
  'Service.serving.knative.dev': { groups: ['serving.knative.dev'], template: ['spec', 'template'] },
  'Configuration.serving.knative.dev': { groups: ['serving.knative.dev'], template: ['spec', 'template'] },
  'Revision.serving.knative.dev': { groups: ['serving.knative.dev'], template: [] },
  'ContainerSource.sources.knative.dev': { groups: ['sources.knative.dev'], template: ['spec', 'template'] },
  'Rollout.argoproj.io': { groups: ['argoproj.io'], template: ['spec', 'template'] },
  'CloneSet.apps.kruise.io': { groups: ['apps.kruise.io'], template: ['spec', 'template'] },
  'StatefulSet.apps.kruise.io': { groups: ['apps.kruise.io'], template: ['spec', 'template'] },
  'DaemonSet.apps.kruise.io': { groups: ['apps.kruise.io'], template: ['spec', 'template'] },
  'ScaledJob.keda.sh': { groups: ['keda.sh'], template: ['spec', 'jobTargetRef', 'template'] },
  'DeploymentConfig.apps.openshift.io': { groups: ['apps.openshift.io', ''], template: ['spec', 'template'] },
};

/** `Kind/group` → the workload custom resource's type. */
const WORKLOAD_CRD_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries(WORKLOAD_CRDS).flatMap(([type, { groups }]) => groups.map((g) => [`${type.slice(0, type.indexOf('.'))}/${g}`, type] as const)),
);

/** Where each workload type keeps its pod template: the built-in kinds and the workload custom resources. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  ...POD_SPEC_PATHS,
  ...Object.fromEntries(Object.entries(WORKLOAD_CRDS).map(([type, { template }]) => [type, template])),
};

/** The types of every object with a pod spec: the built-in workload kinds, then the workload custom resources. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS).filter((k) => k !== 'PodTemplate');

/**
 * The API groups that serve each built-in kind the rules look at (`''` is the core group, `apiVersion: v1`), old
 * beta groups included so that old manifests are still read. A custom resource that reuses one of these kind names
 * in another group (`example.com/v1` `Deployment`) is not the built-in object: its type is `Kind.group`, which no
 * rule of the built-in kind matches. `NetworkPolicy` is left out on purpose: other groups' NetworkPolicy kinds
 * (Calico's `crd.projectcalico.org/v1`, `projectcalico.org/v3`) are network policies too, which CL-K8S-053 counts as
 * add-on policies by their group.
 */
const BUILT_IN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [''],
  ReplicationController: [''],
  PodTemplate: [''],
  Namespace: [''],
  Service: [''],
  ConfigMap: [''],
  Secret: [''],
  ServiceAccount: [''],
  PersistentVolume: [''],
  PersistentVolumeClaim: [''],
  Endpoints: [''],
  LimitRange: [''],
  ResourceQuota: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  Job: ['batch'],
  CronJob: ['batch'],
  Ingress: ['networking.k8s.io', 'extensions'],
  IngressClass: ['networking.k8s.io'],
  Role: ['rbac.authorization.k8s.io'],
  ClusterRole: ['rbac.authorization.k8s.io'],
  RoleBinding: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  PodSecurityPolicy: ['policy', 'extensions'],
  PodDisruptionBudget: ['policy'],
  HorizontalPodAutoscaler: ['autoscaling'],
  StorageClass: ['storage.k8s.io'],
  // The API server's audit policy file (CL-K8S-108); Kyverno's namespaced `Policy` (kyverno.io) is another kind.
  Policy: ['audit.k8s.io'],
};

/**
 * The type rules match for an object of `kind` with `apiVersion`: the kind itself, unless the kind is a built-in
 * one and the API group is known and is not one that serves it (then `Kind.group`), or the kind and group are those of
 * a workload custom resource (`Rollout.argoproj.io`, see WORKLOAD_CRDS). A missing apiVersion, or one
 * that is a template expression, keeps the kind: a partial or templated manifest is still read as what its kind says.
 */
export function kubernetesType(kind: string, apiVersion: string | undefined): string {
  const groups = BUILT_IN_GROUPS[kind];
  if (!apiVersion || apiVersion.includes('{{') || apiVersion.includes('$')) return kind;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const crd = WORKLOAD_CRD_TYPES.get(`${kind}/${group}`);
  if (crd) return crd;
  if (!groups) return kind;
  return groups.includes(group) ? kind : `${kind}.${group || 'core'}`;
}

/** How deep `List`s inside `List`s are read. */
const MAX_LIST_DEPTH = 8;

/** The objects of a Kubernetes document (a `List`, or a `<Kind>List`, contributes its items, nested lists too). */
export function kubernetesResources(file: ParsedFile, doc: ParsedDoc, notices?: FormatNotice[]): Resource[] {
  const root = doc.doc.root;
  if (!root || root.kind !== 'map') return [];
  const out: Resource[] = [];
  collect(file, doc, root, 0, out, notices);
  return out;
}

function collect(file: ParsedFile, doc: ParsedDoc, node: MapNode, depth: number, out: Resource[], notices?: FormatNotice[]): void {
  const kindPair = getPair(node, 'kind');
  const kind = str(kindPair?.value);
  const items = get(node, 'items');
  if (kindPair && kind && kind.endsWith('List') && items?.kind === 'seq') {
    if (depth >= MAX_LIST_DEPTH) {
      notices?.push({
        span: kindPair.value.span,
        message: `Cloudline reads lists nested up to ${MAX_LIST_DEPTH} deep: this ${kind} is deeper, so its items are not linted.`,
      });
      return;
    }
    for (const item of items.items) {
      if (item.kind === 'map' && str(get(item, 'kind'))) collect(file, doc, item, depth + 1, out, notices);
    }
    return;
  }
  if (getPair(node, 'kind')) out.push(object(file, doc, node));
}

function object(file: ParsedFile, doc: ParsedDoc, node: MapNode): Resource {
  const kindPair = getPair(node, 'kind')!;
  const kind = str(kindPair.value) ?? '';
  const metadata = get(node, 'metadata');
  const namePair = metadata?.kind === 'map' ? getPair(metadata, 'name') : undefined;
  const name = str(namePair?.value);
  const namespace = str(get(metadata, 'namespace'));
  const body = Val.of(node, kubernetesResolver);
  const apiVersion = str(get(node, 'apiVersion'));
  const type = kubernetesType(kind, apiVersion);
  const path = TEMPLATE_PATHS[type];
  let podSpec: Val | undefined;
  let podMeta: Val | undefined;
  if (path) {
    const template = body.path(...path);
    podSpec = template.get('spec');
    podMeta = template.get('metadata');
    if (podSpec.isAbsent) podSpec = undefined;
  }
  const facts: KubernetesFacts = { apiVersion: apiVersion ?? '', kind, name, namespace, podSpec, podMeta };
  const id = [kind, namespace, name ?? '(unnamed)'].filter((p) => p !== undefined).join('/');
  return {
    format: 'kubernetes',
    type,
    id,
    node,
    anchor: namePair?.value ?? kindPair.value,
    typeNode: kindPair.value,
    body,
    file,
    doc,
    resolver: kubernetesResolver,
    references: () => [],
    k8s: facts,
  };
}

/** A container of a pod spec, with which list it came from. */
export interface Container {
  readonly val: Val;
  readonly node: Node;
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly name: string;
}

/** Containers by pod spec: the rules ask for them once per rule, and the spec does not change within a lint. */
const containerLists = new WeakMap<Val, readonly Container[]>();

/** Every container of a pod spec: regular, init and ephemeral (the same list for the same spec). */
export function containersOf(podSpec: Val | undefined): readonly Container[] {
  if (!podSpec) return [];
  let list = containerLists.get(podSpec);
  if (!list) containerLists.set(podSpec, (list = listContainers(podSpec)));
  return list;
}

function listContainers(podSpec: Val): Container[] {
  const out: Container[] = [];
  for (const list of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    for (const c of podSpec.get(list).items()) {
      if (!c.node || c.node.kind !== 'map') continue;
      out.push({ val: c, node: c.node, list, name: c.get('name').str() ?? '(unnamed)' });
    }
  }
  return out;
}
