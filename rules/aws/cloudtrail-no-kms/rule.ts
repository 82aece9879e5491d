// CL-AWS-085: a CloudTrail trail whose log files are not encrypted with a KMS key.
import { cfnGuideDoc, cisAws, defineRule, nist, tfDoc } from '../../kit';
import { kmsKeyCheck } from '../../lib/kms';

const CONSEQUENCE = 'so its log files are encrypted only with S3 managed keys (SSE-S3), and anyone who can read the bucket can read them';


const check = kmsKeyCheck({ subject: 'Trail', consequence: CONSEQUENCE });

export default defineRule({
  id: 'CL-AWS-085',
  slug: 'cloudtrail-no-kms',
  title: 'CloudTrail log files are not encrypted with a KMS key',
  severity: 'low',
  fixable: true,
  description:
    'CloudTrail log files are always encrypted in S3, by default with S3 managed keys. With SSE-KMS, reading them also needs kms:Decrypt under your key policy, so the audit trail stays confidential even from principals who can read the bucket, and every decryption is itself logged.',
  remediation: 'Set KMSKeyId (kms_key_id) to a customer managed KMS key whose policy lets CloudTrail encrypt and only your log readers decrypt.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS delivers log files to your bucket encrypted with S3 managed keys by default',
    customer: 'encrypting them with your own KMS key, and deciding who may decrypt them, is yours',
  },
  frameworks: [cisAws('3.5'), nist('AU-9', 'SC-28')],
  equivalents: {
    checkov: ['CKV_AWS_35'],
    kics: ['050a9ba8-d1cb-4c61-a5e8-8805a70d3b85', '5d9e3164-9265-470c-9a10-57ae454ac0c7'],
    trivy: ['aws-cloudtrail-encryption-customer-key', 'aws-cloudtrail-encryption-customer-managed-key'],
  },
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
    cfnGuideDoc('aws-resource-cloudtrail-trail', 'cfn-cloudtrail-trail-kmskeyid'),
    tfDoc('cloudtrail', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CloudTrail::Trail'], run: check('KMSKeyId') },
    terraform: { reads: 'resource', types: ['aws_cloudtrail'], run: check('kms_key_id') },
  },
});
