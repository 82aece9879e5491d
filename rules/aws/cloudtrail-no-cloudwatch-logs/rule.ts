// CL-AWS-189: a CloudTrail trail that does not send its events to CloudWatch Logs.
import { cfnGuideDoc, type CheckContext, defineRule, keyNode, nist, pci, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so no metric filter or alarm can watch its events as they happen (root sign-ins, IAM and security group changes)';

function check(key: string, role: string) {
  return (r: Resource, ctx: CheckContext): void => {
    const v = r.body.get(key);
    const bad = v.find((x) => x.isAbsent || x.str() === '');
    if (!bad) {
      // A log group without the role CloudTrail assumes to write to it receives nothing.
      const r2 = r.body.get(role);
      if (r2.alts.length === 1 && r2.isAbsent) {
        ctx.report(keyNode(r.body, key) ?? r.anchor, `Trail ${r.id} sets ${key} but not ${role}, so CloudTrail cannot deliver its events to the log group.`);
      }
      return;
    }
    ctx.report(v.alts.length === 1 && bad.isAbsent ? r.anchor : bad, `Trail ${r.id} does not set ${key}, ${CONSEQUENCE}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-189',
  slug: 'cloudtrail-no-cloudwatch-logs',
  title: 'CloudTrail trail is not integrated with CloudWatch Logs',
  severity: 'low',
  fixable: false,
  description:
    'A trail that delivers only to S3 can be searched after the fact but not watched: CloudWatch Logs metric filters and alarms on API activity (root account use, changes to IAM policies, security groups, CloudTrail itself) need the trail to send its events to a log group.',
  remediation: 'Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (cloud_watch_logs_group_arn, cloud_watch_logs_role_arn) to a log group and a role CloudTrail can write with.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records the API activity and delivers it to the destinations you configure',
    customer: 'sending it to CloudWatch Logs and defining the alarms that watch it are yours',
  },
  frameworks: [nist('AU-6', 'SI-4'), pci('10.4.1')],
  equivalents: {
    checkov: ['CKV2_AWS_10'],
    kics: ['65d07da5-9af5-44df-8983-52d2e6f24c44', '17b30f8f-8dfb-4597-adf6-57600b6cf25e'],
    trivy: ['aws-cloudtrail-ensure-cloudwatch-integration'],
  },
  docs: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    cfnGuideDoc('aws-resource-cloudtrail-trail', 'cfn-cloudtrail-trail-cloudwatchlogsloggrouparn'),
    tfDoc('cloudtrail', 'cloud_watch_logs_group_arn'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CloudTrail::Trail'], run: check('CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn') },
    terraform: { reads: 'resource', types: ['aws_cloudtrail'], run: check('cloud_watch_logs_group_arn', 'cloud_watch_logs_role_arn') },
  },
});
