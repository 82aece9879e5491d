// CL-GCP-043: GKE nodes that serve the legacy Compute Engine metadata endpoints (v0.1, v1beta1).
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER, metadataFlag, NODE_POOL, nodeConfigs } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-043',
  slug: 'gke-legacy-metadata-endpoints',
  title: 'GKE nodes serve the legacy metadata endpoints',
  severity: 'high',
  fixable: true,
  description:
    'The legacy metadata endpoints answer without the Metadata-Flavor header that blocks most SSRF: a pod that can be made to fetch a URL can read the node’s credentials and kubelet bootstrap data.',
  remediation: 'Set node_config.metadata.disable-legacy-endpoints to "true" (the default), and use Workload Identity.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'Google runs the metadata server and turns the legacy endpoints off by default',
    customer: 'keeping them off on your nodes is yours',
  },
  frameworks: [nist('AC-3', 'SC-7')],
  equivalents: { checkov: ['CKV_GCP_67'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata#disable-legacy-apis', tfGoogleDoc('container_cluster', 'metadata')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER, NODE_POOL],
      run(r, ctx) {
        for (const { config, name } of nodeConfigs(r)) {
          const v = config.path('metadata', 'disable-legacy-endpoints');
          if (metadataFlag(v) !== false) continue;
          ctx.report(v, `${name} sets node_config.metadata.disable-legacy-endpoints to ${v.str()}, so pods can read node credentials from the legacy metadata endpoints.`, {
            fix: { title: 'Set disable-legacy-endpoints to "true"', edits: ctx.edits.setValue(v, 'true') },
          });
        }
      },
    },
  },
});
