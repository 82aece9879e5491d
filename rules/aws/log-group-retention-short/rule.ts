// CL-AWS-190: a CloudWatch Logs log group that deletes its events after less than a year.
import { cfnGuideDoc, defineRule, nist, pci, settingChecks, tfDoc, type Val } from '../../kit';

/** A year or more, or never expire (absent; 0 in Terraform). Unknown values are never reported. */
function keptAYear(v: Val): boolean | undefined {
  const n = v.num();
  if (n === undefined) return undefined;
  return n === 0 || n >= 365;
}

export default defineRule({
  id: 'CL-AWS-190',
  slug: 'log-group-retention-short',
  title: 'CloudWatch log group keeps logs for less than a year',
  severity: 'low',
  fixable: false,
  description:
    'A log group with a retention period deletes its events when they reach that age. Audit and security logs kept for less than a year are often gone before an intrusion is found; PCI DSS requires a year of audit history. A log group without a retention period keeps its events forever.',
  remediation: 'Set RetentionInDays (retention_in_days) to 365 or more for audit and security logs, or export them to long-term storage first.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS stores the log events durably and deletes them when they reach the retention you set',
    customer: 'how long each log group keeps its events is your decision',
  },
  frameworks: [nist('AU-11'), pci('10.5.1')],
  equivalents: {
    checkov: ['CKV_AWS_338'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
    cfnGuideDoc('aws-resource-logs-loggroup', 'cfn-logs-loggroup-retentionindays'),
    tfDoc('cloudwatch_log_group', 'retention_in_days'),
  ],
  checks: settingChecks({
    subject: 'Log group',
    consequence: 'so its events are deleted before they are a year old',
    want: 365,
    absentMeans: null,
    ok: keptAYear,
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Logs::LogGroup'], path: ['RetentionInDays'] },
      terraform: { types: ['aws_cloudwatch_log_group'], path: ['retention_in_days'] },
    },
  }),
});
