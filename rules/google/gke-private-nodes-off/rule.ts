// CL-GCP-032: a GKE cluster whose nodes get external IP addresses (private nodes off).
import { defineRule, keyNode, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-032',
  slug: 'gke-private-nodes-off',
  title: 'GKE cluster nodes have external IP addresses',
  severity: 'medium',
  fixable: false,
  description:
    'Without private nodes, every node gets an external IP address: node ports, the kubelet and any hostPort are one firewall rule away from the internet, and nodes reach the internet without Cloud NAT.',
  remediation: 'Set private_cluster_config.enable_private_nodes to true (with Cloud NAT for outbound traffic).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Google runs the control plane and provisions the nodes with the addressing you choose',
    customer: 'whether nodes have public addresses is yours',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_GCP_64'], kics: ['6ccb85d7-0420-4907-9380-50313f80946b'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters', tfGoogleDoc('container_cluster', 'enable_private_nodes')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER],
      run(r, ctx) {
        // Newer clusters may set it on the default node pool network config instead.
        const npc = r.body.path('network_config', 'enable_private_nodes');
        if (!npc.isAbsent) return;
        if (!r.body.get('dynamic').get('private_cluster_config').isAbsent) return;
        const pcc = r.body.get('private_cluster_config').list()[0] ?? r.body.get('private_cluster_config');
        const v = pcc.get('enable_private_nodes');
        if (v.isTrue() || v.isUnknown || pcc.isUnknown) return;
        if (v.isFalse()) {
          ctx.report(v, `GKE cluster ${r.id} sets private_cluster_config.enable_private_nodes to false, so its nodes get external IP addresses.`);
          return;
        }
        const at = (!pcc.isAbsent && keyNode(r.body, 'private_cluster_config')) || r.anchor;
        ctx.report(at, `GKE cluster ${r.id} does not set private_cluster_config.enable_private_nodes, which defaults to false, so its nodes get external IP addresses.`);
      },
    },
  },
});
