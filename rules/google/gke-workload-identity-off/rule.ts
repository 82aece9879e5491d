// CL-GCP-044: a GKE Standard cluster without Workload Identity (pods use the node's service account).
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER, mayBeAutopilot } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-044',
  slug: 'gke-workload-identity-off',
  title: 'GKE cluster does not use Workload Identity',
  severity: 'medium',
  fixable: false,
  description:
    'Without Workload Identity, every pod calls Google APIs as the node’s service account and can read its token from the metadata server: one compromised pod gets what every workload of the node may do.',
  remediation: 'Add workload_identity_config { workload_pool = "<project>.svc.id.goog" } and give each workload its own Kubernetes service account bound to an IAM service account.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Google runs the GKE metadata server that maps Kubernetes service accounts to IAM',
    customer: 'turning it on and binding each workload to its own identity is yours',
  },
  frameworks: [nist('AC-6', 'IA-2')],
  equivalents: {},
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity', tfGoogleDoc('container_cluster', 'workload_identity_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER],
      run(r, ctx) {
        if (mayBeAutopilot(r)) return;
        if (!r.body.get('dynamic').get('workload_identity_config').isAbsent) return;
        const wi = r.body.get('workload_identity_config');
        if (!wi.isAbsent && !(wi.isSeq && wi.items().length === 0)) return;
        ctx.report(r.anchor, `GKE cluster ${r.id} has no workload_identity_config, so pods call Google APIs as their node's service account.`);
      },
    },
  },
});
