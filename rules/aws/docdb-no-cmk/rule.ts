// CL-AWS-131: encrypted DocumentDB clusters that use the AWS managed key instead of a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag: string; key: string; inheritsFrom: readonly string[] }) =>
  cmkCheck({
    subject: 'DocumentDB cluster',
    consequence: 'so its storage is at best encrypted with the AWS managed key aws/rds, whose policy you cannot change and whose use you cannot revoke',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
    fixNote: 'replaces an existing cluster',
  })(names.key);

export default defineRule({
  id: 'CL-AWS-131',
  slug: 'docdb-no-cmk',
  title: 'DocumentDB cluster is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'An encrypted DocumentDB cluster without a key of its own uses the AWS managed key aws/rds of the account. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the cluster, its snapshots and their copies.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the cluster storage with the key you name, or with the AWS managed key aws/rds',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_182'],
    kics: ['4766d3ea-241c-4ee6-93ff-c380c996bd1a', '2134641d-30a4-4b16-8ffc-2cd4c4ffd15d'],
    trivy: ['aws-documentdb-encryption-customer-key'],
  },
  docs: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
    cfnGuideDoc('aws-resource-docdb-dbcluster', 'cfn-docdb-dbcluster-kmskeyid'),
    tfDoc('docdb_cluster', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::DocDB::DBCluster'], run: check({ flag: 'StorageEncrypted', key: 'KmsKeyId', inheritsFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'] }) },
    terraform: { reads: 'scope', types: ['aws_docdb_cluster'], run: check({ flag: 'storage_encrypted', key: 'kms_key_id', inheritsFrom: ['snapshot_identifier', 'global_cluster_identifier'] }) },
  },
});
