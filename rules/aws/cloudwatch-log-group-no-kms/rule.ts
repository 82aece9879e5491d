// CL-AWS-068: a CloudWatch Logs log group not encrypted with a KMS key of yours.
import { cfnGuideDoc, defineRule, nist, tfDoc } from '../../kit';
import { kmsKeyCheck } from '../../lib/kms';

const CONSEQUENCE = 'so its log events are encrypted only with keys CloudWatch Logs manages, and anyone allowed to read the log group can read them';


const check = kmsKeyCheck({ subject: 'Log group', consequence: CONSEQUENCE });

export default defineRule({
  id: 'CL-AWS-068',
  slug: 'cloudwatch-log-group-no-kms',
  title: 'CloudWatch Logs log group is not encrypted with a KMS key',
  severity: 'low',
  fixable: true,
  description:
    'CloudWatch Logs always encrypts log data at rest with keys it manages. Associating a customer managed KMS key adds a second gate: reading the logs then also needs kms:Decrypt under your key policy, and disabling the key makes them unreadable. Logs often hold tokens, personal data and internal addresses.',
  remediation: 'Set KmsKeyId (kms_key_id) to the ARN of a customer managed KMS key whose policy allows the CloudWatch Logs service principal of the region.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts all log data at rest with service-managed keys',
    customer: 'adding a KMS key of your own, so that your key policy also decides who can read the logs, is yours',
  },
  frameworks: [nist('AU-9', 'SC-28')],
  equivalents: {
    checkov: ['CKV_AWS_158'],
    kics: ['0afbcfe9-d341-4b92-a64c-7e6de0543879'],
    trivy: ['aws-cloudwatch-log-group-customer-key'],
    cfnNag: ['W84'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    cfnGuideDoc('aws-resource-logs-loggroup', 'cfn-logs-loggroup-kmskeyid'),
    tfDoc('cloudwatch_log_group', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Logs::LogGroup'], run: check('KmsKeyId') },
    terraform: { reads: 'resource', types: ['aws_cloudwatch_log_group'], run: check('kms_key_id') },
  },
});
