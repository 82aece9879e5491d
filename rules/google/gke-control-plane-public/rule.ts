// CL-GCP-033: a GKE control plane reachable from any address (public endpoint, no authorized networks, or 0.0.0.0/0).
import { defineRule, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  id: 'CL-GCP-033',
  slug: 'gke-control-plane-public',
  title: 'GKE control plane is reachable from any address',
  severity: 'high',
  fixable: false,
  description:
    'A public control-plane endpoint without authorized networks accepts connections from the whole internet: the Kubernetes API server is then exposed to credential attacks and to its own vulnerabilities.',
  remediation: 'Add master_authorized_networks_config with your own CIDR blocks, or make the endpoint private (private_cluster_config.enable_private_endpoint).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Google runs, patches and scales the control plane and its endpoint',
    customer: 'who can reach the endpoint is yours',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { kics: ['6ccb85d7-0420-4907-9380-50313f80946b'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks', tfGoogleDoc('container_cluster', 'master_authorized_networks_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER],
      run(r, ctx) {
        const b = r.body;
        if (!b.get('dynamic').get('master_authorized_networks_config').isAbsent || !b.get('dynamic').get('private_cluster_config').isAbsent) return;
        const pcc = b.get('private_cluster_config').list()[0] ?? b.get('private_cluster_config');
        const privateEndpoint = pcc.get('enable_private_endpoint');
        if (privateEndpoint.isTrue() || privateEndpoint.isUnknown || pcc.isUnknown) return;
        const man = b.get('master_authorized_networks_config');
        if (man.isUnknown) return;
        const blocks = man.list();
        if (blocks.length === 0 || (man.isSeq && man.items().length === 0)) {
          ctx.report(r.anchor, `GKE cluster ${r.id} has a public control-plane endpoint and no master_authorized_networks_config, so the Kubernetes API accepts connections from any address.`);
          return;
        }
        for (const m of blocks) {
          for (const c of m.get('cidr_blocks').list()) {
            const cidr = c.get('cidr_block');
            if (WORLD.has(cidr.str()?.trim() ?? '')) {
              ctx.report(cidr, `GKE cluster ${r.id} authorizes ${cidr.str()} to reach its public control-plane endpoint, so the Kubernetes API accepts connections from any address.`);
            }
          }
        }
      },
    },
  },
});
