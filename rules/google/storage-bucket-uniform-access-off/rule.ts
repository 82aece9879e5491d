// CL-GCP-001: a Cloud Storage bucket without uniform bucket-level access (object ACLs still grant access).
import { cisGcp, defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-001',
  slug: 'storage-bucket-uniform-access-off',
  title: 'Cloud Storage bucket does not use uniform bucket-level access',
  severity: 'medium',
  fixable: true,
  description:
    'Without uniform bucket-level access, every object of the bucket can carry its own ACL that grants access beside IAM, so who can read an object is not visible from the bucket and one object ACL can make it public.',
  remediation: 'Set uniform_bucket_level_access to true (grant access through IAM on the bucket only).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Google enforces IAM and, while fine-grained access is on, every object ACL',
    customer: 'choosing one access system for the bucket, and the grants in it, is yours',
  },
  frameworks: [cisGcp('5.2'), nist('AC-3', 'AC-6')],
  equivalents: { checkov: ['CKV_GCP_29'], kics: ['bb0db090-5509-4853-a827-75ced0b3caa0'], trivy: ['google-storage-enable-ubla'] },
  docs: ['https://cloud.google.com/storage/docs/uniform-bucket-level-access', tfGoogleDoc('storage_bucket', 'uniform_bucket_level_access')],
  checks: settingChecks({
    subject: 'Cloud Storage bucket',
    consequence: 'so object ACLs can grant access beside IAM',
    want: true,
    // The provider leaves it off unless the attribute says otherwise (or an organisation policy forces it).
    absentMeans: false,
    fixNote: 'existing object ACLs stop granting access',
    formats: {
      terraform: { types: ['google_storage_bucket'], path: ['uniform_bucket_level_access'] },
    },
  }),
});
