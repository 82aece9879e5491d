// CL-GCP-054: GKE nodes that run as the Compute Engine default service account.
import type { Node, Resource, Val } from '../../kit';
import { defineRule, keyNode, nist, pci, tfGoogleDoc } from '../../kit';
import { CLUSTER, isDefaultComputeAccount, mayBeAutopilot, NODE_POOL, nodePools } from '../../lib/gcp-gke';

const CONSEQUENCE = 'so its nodes run as the Compute Engine default service account, which other workloads share and which often holds the project’s Editor role';

/** True when the cluster creates its default node pool from its own node_config (no inline node_pool replaces it). */
function makesDefaultPool(r: Resource): boolean {
  return r.type === CLUSTER && r.body.get('node_pool').isAbsent && r.body.get('dynamic').get('node_pool').isAbsent;
}

/** True when the cluster creates (and keeps) its default node pool. */
function keepsDefaultPool(r: Resource): boolean {
  const remove = r.body.get('remove_default_node_pool');
  return makesDefaultPool(r) && !remove.isTrue() && !remove.isUnknown;
}

/** A default pool that Terraform deletes right after creating the cluster: its nodes exist only while it is created. */
function removedDefaultPool(r: Resource): boolean {
  return makesDefaultPool(r) && r.body.get('remove_default_node_pool').isTrue();
}

/** The node service account as written: why it is the default one, or undefined (a named account, or unknown). */
function defaultAccount(account: Val): string | undefined {
  const s = account.str();
  if (s === undefined) return undefined;
  if (s.trim().toLowerCase() === 'default') return `sets node_config.service_account to "${s}"`;
  if (isDefaultComputeAccount(s)) return `sets node_config.service_account to the default account ${s}`;
  return undefined;
}

export default defineRule({
  id: 'CL-GCP-054',
  slug: 'gke-default-service-account',
  title: 'GKE nodes run as the Compute Engine default service account',
  severity: 'medium',
  fixable: false,
  description:
    'Every GKE node calls Google APIs as its node service account, and without Workload Identity so does every pod on it. The Compute Engine default account is shared with other VMs of the project and often holds the Editor role: one compromised node or pod reaches much of the project.',
  remediation:
    'Create a service account for the nodes with only roles/container.defaultNodeServiceAccount (plus what image pulls need), and set node_config.service_account to its email on every node pool.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Google creates the default account and issues tokens to the nodes for whatever account you attach',
    customer: 'which account the nodes run as, and its roles, is yours',
  },
  frameworks: [nist('AC-6'), pci('2.2.2')],
  equivalents: { kics: ['1c8eef02-17b1-4a3e-b01d-dcc3292d2c38'], trivy: ['google-gke-use-service-account'] },
  docs: [
    'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa',
    tfGoogleDoc('container_node_pool', 'service_account'),
    tfGoogleDoc('container_cluster', 'node_config'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER, NODE_POOL],
      run(r, ctx) {
        if (mayBeAutopilot(r)) return;
        const dynamicConfig = !r.body.get('dynamic').get('node_config').isAbsent;
        if (r.type === NODE_POOL && r.body.get('node_config').isAbsent && !dynamicConfig) {
          ctx.report(r.anchor, `Node pool ${r.id} has no node_config, ${CONSEQUENCE}.`);
        }
        if (r.type === CLUSTER && keepsDefaultPool(r) && r.body.get('node_config').isAbsent && !dynamicConfig) {
          ctx.report(r.anchor, `GKE cluster ${r.id} keeps its default node pool and has no node_config, ${CONSEQUENCE}.`);
        }
        // The node configs that make nodes: each pool's, and the cluster's own when it makes a default pool.
        const configs: { config: Val; name: string; key?: Node; removed?: boolean }[] = [];
        const removed = removedDefaultPool(r);
        if (keepsDefaultPool(r) || removed) for (const c of r.body.get('node_config').list()) configs.push({ config: c, name: `Cluster ${r.id}`, key: keyNode(r.body, 'node_config'), removed });
        for (const { pool, name } of nodePools(r)) {
          if (r.type === CLUSTER && pool.isMap && pool.get('node_config').isAbsent && pool.get('dynamic').get('node_config').isAbsent) {
            ctx.report(pool.get('name').isAbsent ? r.anchor : pool.get('name'), `${name} has no node_config, ${CONSEQUENCE}.`);
          }
          for (const c of pool.get('node_config').list()) configs.push({ config: c, name, key: keyNode(pool, 'node_config') });
        }
        for (const { config, name, key, removed: gone } of configs) {
          // Real while the cluster is created (and creation fails where the default account is disabled), not after.
          const low = gone ? { severity: 'low' as const } : {};
          const later = gone ? ' (while the cluster is created, remove_default_node_pool deletes the pool afterwards)' : '';
          if (config.isUnknown || !config.isMap) continue;
          const account = config.get('service_account');
          if (account.isAbsent) {
            if (!config.get('dynamic').isAbsent) continue;
            ctx.report(key ?? r.anchor, `${name} does not set node_config.service_account, ${CONSEQUENCE}${later}.`, low);
            continue;
          }
          const how = defaultAccount(account);
          if (how) ctx.report(account, `${name} ${how}, ${CONSEQUENCE}${later}.`, low);
        }
      },
    },
  },
});
