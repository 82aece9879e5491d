// CL-AWS-137: MSK clusters whose broker storage is encrypted with the AWS managed key instead of a key of yours.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { nestedCmkCheck } from '../../lib/encryption';

const CONSEQUENCE = 'so its broker storage is encrypted with the AWS managed key aws/kafka, whose policy you cannot change and whose use you cannot revoke';

export default defineRule({
  id: 'CL-AWS-137',
  slug: 'msk-no-cmk',
  title: 'MSK cluster is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Amazon MSK always encrypts the broker storage volumes at rest, with the AWS managed key aws/kafka unless you name a key. A customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the data the brokers store.',
  remediation: 'Set EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId (encryption_info.encryption_at_rest_kms_key_arn) to a customer managed KMS key when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the broker storage, with the AWS managed key aws/kafka unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/msk/latest/developerguide/msk-working-with-encryption.html',
    cfnGuideDoc('aws-properties-msk-cluster-encryptionatrest', 'cfn-msk-cluster-encryptionatrest-datavolumekmskeyid'),
    tfDoc('msk_cluster', 'encryption_at_rest_kms_key_arn'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::MSK::Cluster'],
      run: nestedCmkCheck({ subject: 'MSK cluster', consequence: CONSEQUENCE }, ['EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId']),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_msk_cluster'],
      run: nestedCmkCheck({ subject: 'MSK cluster', consequence: CONSEQUENCE }, ['encryption_info', 'encryption_at_rest_kms_key_arn']),
    },
  },
});
