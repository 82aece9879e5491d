// CL-GCP-034: a GKE cluster with legacy ABAC authorization on.
import { defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-034',
  slug: 'gke-legacy-abac',
  title: 'GKE cluster has legacy ABAC authorization on',
  severity: 'high',
  fixable: true,
  description:
    'Legacy Attribute-Based Access Control grants broad, statically configured permissions beside RBAC; with it on, RBAC roles no longer bound what users and service accounts can do in the cluster.',
  remediation: 'Set enable_legacy_abac to false (the default) and grant access with Kubernetes RBAC.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Google runs the API server and its authorizers',
    customer: 'which authorization modes the cluster uses is yours',
  },
  frameworks: [nist('AC-3', 'AC-6')],
  equivalents: { checkov: ['CKV_GCP_7'], kics: ['5baa92d2-d8ee-4c75-88a4-52d9d8bb8067'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110', tfGoogleDoc('container_cluster', 'enable_legacy_abac')],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: 'so access is authorized beside RBAC',
    want: false,
    absentMeans: null,
    formats: { terraform: { types: [CLUSTER], path: ['enable_legacy_abac'] } },
  }),
});
