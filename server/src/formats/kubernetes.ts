// Kubernetes manifests → objects (one per document, or per item of a `List`), with workload pod specs found.
import type { ParsedDoc, ParsedFile } from '../model/parse';
import { get, getPair, str, type MapNode, type Node } from '../model/tree';
import type { KubernetesFacts, Resource } from './resource';
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

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS).filter((k) => k !== 'PodTemplate');

/** The objects of a Kubernetes document (a `List` contributes its items). */
export function kubernetesResources(file: ParsedFile, doc: ParsedDoc): Resource[] {
  const root = doc.doc.root;
  if (!root || root.kind !== 'map') return [];
  const kind = str(get(root, 'kind'));
  const items = get(root, 'items');
  if (kind && kind.endsWith('List') && items?.kind === 'seq') {
    return items.items.flatMap((item) => (item.kind === 'map' && str(get(item, 'kind')) ? [object(file, doc, item)] : []));
  }
  return [object(file, doc, root)];
}

function object(file: ParsedFile, doc: ParsedDoc, node: MapNode): Resource {
  const kindPair = getPair(node, 'kind')!;
  const kind = str(kindPair.value) ?? '';
  const metadata = get(node, 'metadata');
  const namePair = metadata?.kind === 'map' ? getPair(metadata, 'name') : undefined;
  const name = str(namePair?.value);
  const namespace = str(get(metadata, 'namespace'));
  const body = Val.of(node, kubernetesResolver);
  const path = POD_SPEC_PATHS[kind];
  let podSpec: Val | undefined;
  let podMeta: Val | undefined;
  if (path) {
    const template = body.path(...path);
    podSpec = template.get('spec');
    podMeta = template.get('metadata');
    if (podSpec.isAbsent) podSpec = undefined;
  }
  const facts: KubernetesFacts = { apiVersion: str(get(node, 'apiVersion')) ?? '', kind, name, namespace, podSpec, podMeta };
  const id = [kind, namespace, name ?? '(unnamed)'].filter((p) => p !== undefined).join('/');
  return {
    format: 'kubernetes',
    type: kind,
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
