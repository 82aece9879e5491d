// CL-AWS-236: DMS replication instances whose storage is encrypted with the AWS managed key aws/dms instead of a
// customer managed KMS key.
import { cfnDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'DMS replication instance',
  consequence: 'so its storage (the data it caches and logs during a migration) is encrypted with the AWS managed key aws/dms, whose policy you cannot change and whose use you cannot revoke',
  fix: false,
});

export default defineRule({
  id: 'CL-AWS-236',
  slug: 'dms-replication-instance-no-cmk',
  title: 'DMS replication instance is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'AWS DMS always encrypts the storage of a replication instance (and the connection settings of its endpoints), with the AWS managed key aws/dms unless you name a KMS key. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to what the instance holds.',
  remediation: 'Set KmsKeyId (kms_key_arn) to a customer managed KMS key when creating the replication instance.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the replication instance storage, with the AWS managed key aws/dms unless you name another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_212'] },
  docs: [
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.DataProtection.html',
    cfnDoc('aws-resource-dms-replicationinstance', 'cfn-dms-replicationinstance-kmskeyid'),
    tfDoc('dms_replication_instance', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::DMS::ReplicationInstance'], run: check('KmsKeyId') },
    terraform: { reads: 'scope', types: ['aws_dms_replication_instance'], run: check('kms_key_arn') },
  },
});
