// CL-GCP-038: a GKE node pool with auto-repair turned off.
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER, NODE_POOL, nodePools } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-038',
  slug: 'gke-node-auto-repair-off',
  title: 'GKE node pool has auto-repair off',
  severity: 'medium',
  fixable: true,
  description:
    'With auto-repair off, nodes that fail health checks (a crashed kubelet, a full disk, a broken runtime) stay in the pool until someone repairs them: workloads lose capacity and may keep running on a node in an unknown state.',
  remediation: 'Set management.auto_repair to true (the default).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'Google watches node health and recreates failed nodes in pools that allow it',
    customer: 'allowing repairs, or repairing nodes yourself, is yours',
  },
  frameworks: [nist('SI-13', 'CP-10')],
  equivalents: { checkov: ['CKV_GCP_9'], kics: ['acfdbec6-4a17-471f-b412-169d77553332'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair', tfGoogleDoc('container_node_pool', 'auto_repair')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER, NODE_POOL],
      run(r, ctx) {
        for (const { pool, name } of nodePools(r)) {
          for (const m of pool.get('management').list()) {
            const v = m.get('auto_repair');
            if (v.isFalse()) ctx.report(v, `${name} sets management.auto_repair to false, so failed nodes stay in the pool until repaired by hand.`, { fix: { title: 'Set auto_repair to true', edits: ctx.edits.setValue(v, true) } });
          }
        }
      },
    },
  },
});
