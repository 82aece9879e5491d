// CL-AWS-138: Glue Data Catalog encryption settings that leave the catalog or connection passwords unencrypted.
import { AT_REST, cfnGuideDoc, defineRule, isOneOf, type SettingSpec, tfDoc } from '../../kit';
import { allSettings } from '../../lib/encryption';

const SUBJECT = 'Glue Data Catalog encryption settings';

const AT_REST_MODE: SettingSpec = {
  subject: SUBJECT,
  consequence: 'so the catalog\'s databases, tables and partitions are not encrypted with a KMS key',
  want: 'SSE-KMS',
  ok: (v) => (v.str() === undefined ? undefined : isOneOf(v, 'SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE')),
  absentMeans: 'DISABLED',
  // No quick-fix: every principal that reads the catalog then needs to use the key.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::Glue::DataCatalogEncryptionSettings'], path: ['DataCatalogEncryptionSettings', 'EncryptionAtRest', 'CatalogEncryptionMode'] },
    terraform: { types: ['aws_glue_data_catalog_encryption_settings'], path: ['data_catalog_encryption_settings', 'encryption_at_rest', 'catalog_encryption_mode'] },
  },
};

const PASSWORDS: SettingSpec = {
  subject: SUBJECT,
  consequence: 'so connection passwords are returned in plaintext to anyone allowed to read connections',
  want: true,
  absentMeans: false,
  fix: false,
  formats: {
    cloudformation: {
      types: ['AWS::Glue::DataCatalogEncryptionSettings'],
      path: ['DataCatalogEncryptionSettings', 'ConnectionPasswordEncryption', 'ReturnConnectionPasswordEncrypted'],
    },
    terraform: {
      types: ['aws_glue_data_catalog_encryption_settings'],
      path: ['data_catalog_encryption_settings', 'connection_password_encryption', 'return_connection_password_encrypted'],
    },
  },
};

export default defineRule({
  id: 'CL-AWS-138',
  slug: 'glue-data-catalog-not-encrypted',
  title: 'Glue Data Catalog is not encrypted, or returns connection passwords in plaintext',
  severity: 'medium',
  fixable: false,
  description:
    'The Glue Data Catalog holds the metadata of your data lake (databases, tables, partitions, schemas) and the connections to your data stores with their passwords. Its encryption at rest is off unless you turn it on, and connection passwords are returned in plaintext by GetConnection unless connection password encryption is on.',
  remediation: 'Set CatalogEncryptionMode (catalog_encryption_mode) to SSE-KMS and ReturnConnectionPasswordEncrypted (return_connection_password_encrypted) to true, each with a KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the Data Catalog and encrypts it with the KMS key you choose once you turn encryption on',
    customer: 'turning catalog and connection password encryption on, and choosing their keys, is yours',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_94'], kics: ['01d50b14-e933-4c99-b314-6d08cd37ad35'] },
  docs: [
    'https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html',
    'https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html',
    cfnGuideDoc('aws-properties-glue-datacatalogencryptionsettings-datacatalogencryptionsettings'),
    tfDoc('glue_data_catalog_encryption_settings'),
  ],
  checks: { cloudformation: allSettings([AT_REST_MODE, PASSWORDS], 'cloudformation'), terraform: allSettings([AT_REST_MODE, PASSWORDS], 'terraform') },
});
