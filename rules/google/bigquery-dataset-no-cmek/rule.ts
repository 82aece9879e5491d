// CL-GCP-053: a BigQuery dataset without a default customer-managed key.
import { AT_REST, cisGcp, defineRule, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-053',
  slug: 'bigquery-dataset-no-cmek',
  title: 'BigQuery dataset has no default customer-managed key',
  severity: 'low',
  fixable: false,
  description:
    'BigQuery encrypts every table with Google-managed keys. A default Cloud KMS key on the dataset gives new tables a key you control: you decide who may use it, see each use in audit logs, and can revoke access to the data by disabling it.',
  remediation: 'Add default_encryption_configuration { kms_key_name = <a Cloud KMS key> } (the BigQuery service account needs the encrypter/decrypter role on it).',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'Google encrypts all BigQuery data at rest with keys it manages',
    customer: 'controlling the key with Cloud KMS is your choice',
  },
  frameworks: [cisGcp('7.3'), ...AT_REST],
  equivalents: {},
  docs: ['https://cloud.google.com/bigquery/docs/customer-managed-encryption', tfGoogleDoc('bigquery_dataset', 'default_encryption_configuration')],
  checks: settingChecks({
    subject: 'BigQuery dataset',
    consequence: 'so its new tables are encrypted only with Google-managed keys',
    want: 'projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY',
    absentMeans: 'a Google-managed key',
    ok: (v) => (v.str() === undefined ? undefined : v.str() !== ''),
    fix: false,
    formats: {
      terraform: { types: ['google_bigquery_dataset'], path: ['default_encryption_configuration', 'kms_key_name'] },
    },
  }),
});
