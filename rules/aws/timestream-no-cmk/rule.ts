// CL-AWS-155: Timestream database is not encrypted with a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag?: string; key: string; inheritsFrom?: readonly string[] }) =>
  cmkCheck({
    subject: 'Timestream database',
    consequence: 'so its tables are encrypted with the AWS managed key aws/timestream, whose policy you cannot change and whose use you cannot revoke',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
  })(names.key);

export default defineRule({
  id: 'CL-AWS-155',
  slug: 'timestream-no-cmk',
  title: 'Timestream database is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Timestream always encrypts data at rest, with the AWS managed key aws/timestream unless the database names a key. A customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the time series.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the database, with the AWS managed key aws/timestream unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_160'] },
  docs: ['https://docs.aws.amazon.com/timestream/latest/developerguide/EncryptionAtRest.html', cfnGuideDoc('aws-resource-timestream-database', 'cfn-timestream-database-kmskeyid'), tfDoc('timestreamwrite_database', 'kms_key_id')],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Timestream::Database'], run: check({ key: 'KmsKeyId' }) },
    terraform: { reads: 'scope', types: ['aws_timestreamwrite_database'], run: check({ key: 'kms_key_id' }) },
  },
});
