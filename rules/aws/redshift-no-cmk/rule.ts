// CL-AWS-154: Redshift cluster (or Redshift Serverless namespace) is not encrypted with a customer managed KMS key.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag?: string; key: string; inheritsFrom?: readonly string[] }) =>
  cmkCheck({
    subject: 'Redshift cluster',
    consequence: 'so its data blocks and snapshots are at best encrypted with the AWS managed key aws/redshift or an AWS owned key, not one whose policy you control',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
    fixNote: 'migrates the cluster to the new key',
  })(names.key);

/**
 * A Redshift Serverless namespace is always encrypted: with the key it names (KmsKeyId, kms_key_id), else with an AWS
 * owned key. It has no encryption flag, and its key can be changed in place, so the fix is offered whenever it is missing.
 */
const namespace = (key: string) =>
  cmkCheck({
    subject: 'Redshift Serverless namespace',
    consequence: 'so its data and snapshots are encrypted with an AWS owned or AWS managed key, not one whose policy you control',
  })(key);

const CFN = { cluster: check({ flag: 'Encrypted', key: 'KmsKeyId', inheritsFrom: ['SnapshotIdentifier'] }), namespace: namespace('KmsKeyId') };
const TF = { cluster: check({ flag: 'encrypted', key: 'kms_key_id', inheritsFrom: ['snapshot_identifier'] }), namespace: namespace('kms_key_id') };

export default defineRule({
  id: 'CL-AWS-154',
  slug: 'redshift-no-cmk',
  title: 'Redshift cluster or Serverless namespace is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Redshift encrypts new provisioned clusters and every Serverless namespace at rest, with an AWS owned or AWS managed key unless you name one. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use, share encrypted snapshots and revoke access.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key, on a cluster with Encrypted (encrypted) true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the cluster or namespace with the key you name, or with a key it owns or manages',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_142', 'CKV_AWS_188'], kics: ['de76a0d6-66d5-45c9-9022-f05545b85c78'], trivy: ['aws-redshift-encryption-customer-key'] },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
    cfnGuideDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-kmskeyid'),
    tfDoc('redshift_cluster', 'kms_key_id'),
    'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroups-and-namespaces-rotate-kms-key.html',
    cfnGuideDoc('aws-resource-redshiftserverless-namespace', 'cfn-redshiftserverless-namespace-kmskeyid'),
    tfDoc('redshiftserverless_namespace', 'kms_key_id'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Namespace'],
      run: (r: Resource, ctx: CheckContext) => (r.type === 'AWS::Redshift::Cluster' ? CFN.cluster : CFN.namespace)(r, ctx),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_redshift_cluster', 'aws_redshiftserverless_namespace'],
      run: (r: Resource, ctx: CheckContext) => (r.type === 'aws_redshift_cluster' ? TF.cluster : TF.namespace)(r, ctx),
    },
  },
});
