// Google Kubernetes Engine: clusters (`google_container_cluster`), their node pools (inline `node_pool` blocks and
// `google_container_node_pool`), and what Autopilot manages for you.
import type { Node, Resource, Val } from '../kit';
import { keyNode } from '../kit';

export const CLUSTER = 'google_container_cluster';
export const NODE_POOL = 'google_container_node_pool';

/** True for an Autopilot cluster: Google manages nodes, shielded nodes, Workload Identity and network policy. */
export function isAutopilot(r: Resource): boolean {
  return r.type === CLUSTER && r.body.get('enable_autopilot').isTrue();
}

/** True when autopilot is not known to be off (unknown counts as maybe Autopilot: nothing is reported). */
export function mayBeAutopilot(r: Resource): boolean {
  const a = r.body.get('enable_autopilot');
  return r.type === CLUSTER && !a.isAbsent && !a.isFalse();
}

/** A node pool's settings: the resource body, or each inline `node_pool` block of a cluster, with its name. */
export function nodePools(r: Resource): { pool: Val; name: string }[] {
  if (r.type === NODE_POOL) return [{ pool: r.body, name: `Node pool ${r.id}` }];
  return r.body
    .get('node_pool')
    .list()
    .map((pool, i) => ({ pool, name: `Node pool ${pool.get('name').str() ?? `#${i + 1}`} of cluster ${r.id}` }));
}

/** Every node_config of a resource: a cluster's default pool and inline pools, or a node pool's own. */
export function nodeConfigs(r: Resource): { config: Val; name: string; key?: Node }[] {
  const out: { config: Val; name: string; key?: Node }[] = [];
  if (r.type === CLUSTER) for (const c of r.body.get('node_config').list()) out.push({ config: c, name: `Cluster ${r.id}`, key: keyNode(r.body, 'node_config') });
  for (const { pool, name } of nodePools(r)) for (const c of pool.get('node_config').list()) out.push({ config: c, name, key: keyNode(pool, 'node_config') });
  return out;
}

/** Node metadata flags are read as Compute Engine reads them. */
export { metadataFlag } from './gcp-compute';

/** The Compute Engine default service account, as node pools may name it. */
export { isDefaultComputeAccount } from './gcp-compute';
