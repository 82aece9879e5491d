// CL-GCP-022: a Cloud KMS key or key ring whose IAM grants a role to allUsers or allAuthenticatedUsers.
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { publicGrantCheck, whoIs } from '../../lib/gcp-iam';

const TYPES = [
  'google_kms_crypto_key_iam_member',
  'google_kms_crypto_key_iam_binding',
  'google_kms_crypto_key_iam_policy',
  'google_kms_key_ring_iam_member',
  'google_kms_key_ring_iam_binding',
  'google_kms_key_ring_iam_policy',
];

export default defineRule({
  id: 'CL-GCP-022',
  slug: 'kms-key-public',
  title: 'Cloud KMS key is accessible to allUsers or allAuthenticatedUsers',
  severity: 'critical',
  fixable: false,
  description:
    'A role on a key or key ring granted to allUsers or allAuthenticatedUsers lets anyone (or any Google account) use or manage the keys: decrypt your data, encrypt with your key, or destroy key versions.',
  remediation: 'Grant key roles only to the service accounts and groups that need them.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'Google protects the key material and checks every use of a key against its IAM policy',
    customer: 'who may use and manage each key is yours',
  },
  frameworks: [cisGcp('1.9'), nist('AC-3', 'SC-7'), pci('3.6.1')],
  equivalents: { kics: ['16cc87d1-dd47-4f46-b3ce-4dfcac8fd2f5'] },
  docs: ['https://cloud.google.com/kms/docs/iam', tfGoogleDoc('kms_crypto_key_iam')],
  checks: {
    terraform: publicGrantCheck({
      types: TYPES,
      subject: (r) => (r.type.startsWith('google_kms_key_ring') ? 'Key ring IAM ' : 'KMS key IAM ') + r.type.split('_iam_')[1],
      consequence: (member) => `so ${whoIs(member)} can use or manage the key`,
    }),
  },
});
