// CL-AWS-133: encrypted Neptune DB clusters that use the AWS managed key instead of a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag: string; key: string; inheritsFrom: readonly string[] }) =>
  cmkCheck({
    subject: 'Neptune DB cluster',
    consequence: 'so its storage is at best encrypted with the AWS managed key aws/rds, whose policy you cannot change and whose use you cannot revoke',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
    fixNote: 'replaces an existing cluster',
  })(names.key);

export default defineRule({
  id: 'CL-AWS-133',
  slug: 'neptune-no-cmk',
  title: 'Neptune DB cluster is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'An encrypted Neptune DB cluster without a key of its own uses the AWS managed key aws/rds of the account. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the cluster, its snapshots and replicas.',
  remediation: 'Set KmsKeyId (kms_key_arn) to a customer managed KMS key when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the cluster storage with the key you name, or with the AWS managed key aws/rds',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_347'],
    trivy: ['aws-neptune-encryption-customer-key'],
  },
  docs: [
    'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
    cfnGuideDoc('aws-resource-neptune-dbcluster', 'cfn-neptune-dbcluster-kmskeyid'),
    tfDoc('neptune_cluster', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Neptune::DBCluster'], run: check({ flag: 'StorageEncrypted', key: 'KmsKeyId', inheritsFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'] }) },
    terraform: { reads: 'scope', types: ['aws_neptune_cluster'], run: check({ flag: 'storage_encrypted', key: 'kms_key_arn', inheritsFrom: ['snapshot_identifier', 'global_cluster_identifier'] }) },
  },
});
