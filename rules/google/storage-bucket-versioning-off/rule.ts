// CL-GCP-003: a Cloud Storage bucket without object versioning.
import { BACKUPS, defineRule, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-003',
  slug: 'storage-bucket-versioning-off',
  title: 'Cloud Storage bucket does not keep object versions',
  severity: 'low',
  fixable: true,
  description:
    'Without object versioning, an overwrite or a delete (by mistake, by a faulty job or by an attacker with write access) destroys the only copy of the object.',
  remediation: 'Add a versioning block with enabled = true (and a lifecycle rule that deletes old noncurrent versions).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'Google stores objects redundantly, so hardware failures do not lose them',
    customer: 'protecting objects from overwrites and deletes you or your jobs make is yours',
  },
  frameworks: BACKUPS,
  equivalents: { checkov: ['CKV_GCP_78'], kics: ['e7e961ac-d17e-4413-84bc-8a1fbe242944'] },
  docs: ['https://cloud.google.com/storage/docs/object-versioning', tfGoogleDoc('storage_bucket', 'versioning')],
  checks: settingChecks({
    subject: 'Cloud Storage bucket',
    consequence: 'so an overwrite or delete destroys the only copy of an object',
    want: true,
    absentMeans: false,
    formats: {
      terraform: { types: ['google_storage_bucket'], path: ['versioning', 'enabled'] },
    },
  }),
});
