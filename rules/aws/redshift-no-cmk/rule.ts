// CL-AWS-154: Redshift cluster is not encrypted with a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag?: string; key: string; inheritsFrom?: readonly string[] }) =>
  cmkCheck({
    subject: 'Redshift cluster',
    consequence: 'so its data blocks and snapshots are at best encrypted with the AWS managed key aws/redshift or an AWS owned key, not one whose policy you control',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
    fixNote: 'migrates the cluster to the new key',
  })(names.key);

export default defineRule({
  id: 'CL-AWS-154',
  slug: 'redshift-no-cmk',
  title: 'Redshift cluster is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Redshift encrypts new provisioned clusters at rest, with an AWS owned or AWS managed key unless you name one. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use, share encrypted snapshots and revoke access.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key, with Encrypted (encrypted) true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the cluster with the key you name, or with a key it manages',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_142', 'CKV_AWS_188'], kics: ['de76a0d6-66d5-45c9-9022-f05545b85c78'], trivy: ['aws-redshift-encryption-customer-key'] },
  docs: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html', cfnGuideDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-kmskeyid'), tfDoc('redshift_cluster', 'kms_key_id')],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Redshift::Cluster'], run: check({ flag: 'Encrypted', key: 'KmsKeyId', inheritsFrom: ['SnapshotIdentifier'] }) },
    terraform: { reads: 'scope', types: ['aws_redshift_cluster'], run: check({ flag: 'encrypted', key: 'kms_key_id', inheritsFrom: ['snapshot_identifier'] }) },
  },
});
