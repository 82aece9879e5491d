// CL-AWS-084: a CloudTrail trail without log file integrity validation.
import { cfnGuideDoc, cisAws, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-084',
  slug: 'cloudtrail-log-validation-disabled',
  title: 'CloudTrail log file validation is not enabled',
  severity: 'medium',
  fixable: true,
  description:
    'With log file validation CloudTrail delivers a signed digest file every hour that lets you prove whether a delivered log file was changed, deleted or left intact. Without it, someone with write access to the log bucket can alter or remove the record of their actions unnoticed.',
  remediation: 'Set EnableLogFileValidation (enable_log_file_validation) to true, and validate the logs with aws cloudtrail validate-logs when you rely on them.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS signs the digest files with a private key of its own when validation is on',
    customer: 'turning validation on and protecting the bucket that holds the logs are yours',
  },
  frameworks: [cisAws('3.2'), nist('AU-9'), pci('10.3.4')],
  equivalents: {
    checkov: ['CKV_AWS_36'],
    kics: ['2a3560fe-52ca-4443-b34f-bf0ed5eb74c8', '52ffcfa6-6c70-4ea6-8376-d828d3961669'],
    trivy: ['aws-cloudtrail-enable-log-validation'],
  },
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    cfnGuideDoc('aws-resource-cloudtrail-trail', 'cfn-cloudtrail-trail-enablelogfilevalidation'),
    tfDoc('cloudtrail', 'enable_log_file_validation'),
  ],
  checks: settingChecks({
    subject: 'Trail',
    consequence: 'so a log file that is changed or deleted after delivery cannot be detected',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::CloudTrail::Trail'], path: ['EnableLogFileValidation'] },
      terraform: { types: ['aws_cloudtrail'], path: ['enable_log_file_validation'] },
    },
  }),
});