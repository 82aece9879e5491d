// CL-GCP-035: a GKE cluster that issues a client certificate, or uses basic authentication (static credentials).
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-035',
  slug: 'gke-client-certificate',
  title: 'GKE cluster uses a client certificate or basic authentication',
  severity: 'high',
  fixable: false,
  description:
    'A cluster client certificate or a basic-auth password is a static, cluster-admin credential that cannot be revoked without recreating the cluster, is stored in Terraform state, and bypasses IAM.',
  remediation: 'Set master_auth.client_certificate_config.issue_client_certificate to false and remove username/password; authenticate with IAM (gcloud or the GKE auth plugin).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Google runs the API server and authenticates Google identities through IAM',
    customer: 'not creating static credentials is yours',
  },
  frameworks: [nist('IA-2', 'IA-5')],
  equivalents: { checkov: ['CKV_GCP_13', 'CKV_GCP_19'], kics: ['73fb21a1-b19a-45b1-b648-b47b1678681e'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth', tfGoogleDoc('container_cluster', 'master_auth')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER],
      run(r, ctx) {
        for (const auth of r.body.get('master_auth').list()) {
          for (const cfg of auth.get('client_certificate_config').list()) {
            const issue = cfg.get('issue_client_certificate');
            if (issue.isTrue()) ctx.report(issue, `GKE cluster ${r.id} sets master_auth.client_certificate_config.issue_client_certificate to true, so a static client certificate with cluster access is issued.`);
          }
          for (const key of ['username', 'password']) {
            const v = auth.get(key);
            const s = v.str();
            if (s !== undefined && s !== '') ctx.report(v, `GKE cluster ${r.id} sets master_auth.${key}, so basic authentication with a static password is on.`);
          }
        }
      },
    },
  },
});
