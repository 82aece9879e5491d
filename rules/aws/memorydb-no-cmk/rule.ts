// CL-AWS-237: MemoryDB clusters encrypted at rest with the default key MemoryDB manages instead of a customer managed
// KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'MemoryDB cluster',
  consequence: 'so its data at rest (the transaction log, the disks and its snapshots) is encrypted with the default key MemoryDB manages, whose policy you cannot see or change and whose use you cannot revoke',
  fix: false,
});

export default defineRule({
  id: 'CL-AWS-237',
  slug: 'memorydb-no-cmk',
  title: 'MemoryDB cluster is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'MemoryDB always encrypts a cluster at rest (its transaction log, its disks and its snapshots in S3), with a default key the service manages unless you name a KMS key. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the data and its snapshots.',
  remediation: 'Set KmsKeyId (kms_key_arn) to a customer managed KMS key when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the cluster data at rest, with a default key it manages unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_201'] },
  docs: [
    'https://docs.aws.amazon.com/memorydb/latest/devguide/at-rest-encryption.html',
    cfnGuideDoc('aws-resource-memorydb-cluster', 'cfn-memorydb-cluster-kmskeyid'),
    tfDoc('memorydb_cluster', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::MemoryDB::Cluster'], run: check('KmsKeyId') },
    terraform: { reads: 'scope', types: ['aws_memorydb_cluster'], run: check('kms_key_arn') },
  },
});
