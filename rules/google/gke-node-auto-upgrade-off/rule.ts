// CL-GCP-037: a GKE node pool with auto-upgrade turned off.
import { defineRule, PATCHING, tfGoogleDoc } from '../../kit';
import { CLUSTER, NODE_POOL, nodePools } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-037',
  slug: 'gke-node-auto-upgrade-off',
  title: 'GKE node pool has auto-upgrade off',
  severity: 'medium',
  fixable: true,
  description:
    'With auto-upgrade off, nodes keep their Kubernetes and node-image version until someone upgrades them by hand: kubelet, container runtime and kernel vulnerabilities stay open, and the pool drifts out of support.',
  remediation: 'Set management.auto_upgrade to true (the default), and pick a release channel and maintenance window.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'Google publishes patched node versions and upgrades pools that allow it',
    customer: 'allowing upgrades, or doing them yourself, is yours',
  },
  frameworks: PATCHING,
  equivalents: { checkov: ['CKV_GCP_10'], kics: ['b139213e-7d24-49c2-8025-c18faa21ecaa'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades', tfGoogleDoc('container_node_pool', 'auto_upgrade')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER, NODE_POOL],
      run(r, ctx) {
        for (const { pool, name } of nodePools(r)) {
          for (const m of pool.get('management').list()) {
            const v = m.get('auto_upgrade');
            if (v.isFalse()) ctx.report(v, `${name} sets management.auto_upgrade to false, so its nodes keep unpatched versions until upgraded by hand.`, { fix: { title: 'Set auto_upgrade to true', edits: ctx.edits.setValue(v, true) } });
          }
        }
      },
    },
  },
});
