// CL-AWS-156: Keyspaces (for Apache Cassandra) tables encrypted with an AWS owned key instead of a key of yours.
import { cfnGuideDoc, defineRule, iso27001, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-156',
  slug: 'keyspaces-no-cmk',
  title: 'Keyspaces table is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Amazon Keyspaces always encrypts tables at rest, with an AWS owned key unless the table names a customer managed key. An AWS owned key cannot be seen, audited or revoked; a customer managed key lets you decide in its key policy who may use it and cut off access to the table.',
  remediation: 'Set EncryptionSpecification EncryptionType to CUSTOMER_MANAGED_KMS_KEY with KmsKeyIdentifier (encryption_specification with type and kms_key_identifier).',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts tables at rest, with an AWS owned key unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_265'] },
  docs: [
    'https://docs.aws.amazon.com/keyspaces/latest/devguide/EncryptionAtRest.html',
    cfnGuideDoc('aws-properties-cassandra-table-encryptionspecification'),
    tfDoc('keyspaces_table', 'encryption_specification'),
  ],
  checks: settingChecks({
    subject: 'Keyspaces table',
    consequence: 'so it is encrypted with an AWS owned key that you cannot manage, audit or revoke',
    want: 'CUSTOMER_MANAGED_KMS_KEY',
    absentMeans: 'AWS_OWNED_KMS_KEY',
    // No quick-fix: the key is yours to choose.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Cassandra::Table'], path: ['EncryptionSpecification', 'EncryptionType'] },
      terraform: { types: ['aws_keyspaces_table'], path: ['encryption_specification', 'type'] },
    },
  }),
});
