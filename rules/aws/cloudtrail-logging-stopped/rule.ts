// CL-AWS-201: a CloudTrail trail that exists but does not record (IsLogging / enable_logging false).
import { AUDIT_LOGGING, cfnGuideDoc, cisAws, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-201',
  slug: 'cloudtrail-logging-stopped',
  title: 'CloudTrail trail is created with logging stopped',
  severity: 'high',
  fixable: true,
  description:
    'A trail whose logging is off records nothing: no API call made while it is stopped reaches its bucket, its CloudWatch Logs group or its digest files, and the gap cannot be filled afterwards. The trail still looks configured in the console and in the template.',
  remediation: 'Set IsLogging (enable_logging) to true, and alert on StopLogging calls so that a trail stopped outside the template is noticed.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records and delivers the events of every trail that is logging',
    customer: 'whether your trail is logging is yours: a stopped trail delivers nothing',
  },
  frameworks: [cisAws('3.1'), ...AUDIT_LOGGING],
  equivalents: {
    checkov: ['CKV_AWS_251'],
    // cloudtrail_logging_disabled (CloudFormation and Terraform)
    kics: ['5c0b06d5-b7a4-484c-aeb0-75a836269ff0', '4bb76f17-3d63-4529-bdca-2b454529d774'],
  },
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html',
    cfnGuideDoc('aws-resource-cloudtrail-trail', 'cfn-cloudtrail-trail-islogging'),
    tfDoc('cloudtrail', 'enable_logging'),
  ],
  checks: settingChecks({
    subject: 'Trail',
    consequence: 'so it records no API activity until someone starts it',
    want: true,
    // CloudFormation requires IsLogging (a template without it is rejected); Terraform's enable_logging defaults to true.
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::CloudTrail::Trail'], path: ['IsLogging'] },
      terraform: { types: ['aws_cloudtrail'], path: ['enable_logging'] },
    },
  }),
});
