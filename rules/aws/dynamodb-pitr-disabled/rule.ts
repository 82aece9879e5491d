// CL-AWS-082: a DynamoDB table without point-in-time recovery (continuous backups).
import { BACKUPS, cfnGuideDoc, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-082',
  slug: 'dynamodb-pitr-disabled',
  title: 'DynamoDB table has point-in-time recovery disabled',
  severity: 'medium',
  fixable: true,
  description:
    'Point-in-time recovery keeps continuous backups of a DynamoDB table so it can be restored to any second of the recovery period (up to 35 days). It is off unless you turn it on; without it an accidental delete or overwrite is recoverable only from on-demand backups someone remembered to take.',
  remediation: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled (point_in_time_recovery.enabled) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the tables, replicates them across Availability Zones and always encrypts them at rest',
    customer: 'turning on continuous backups so that bad writes can be undone is your setting',
  },
  frameworks: BACKUPS,
  equivalents: {
    checkov: ['CKV_AWS_28'],
    kics: ['0f04217d-488f-4e7a-bec8-f16159686cd6', '741f1291-47ac-4a85-a07b-3d32a9d6bd3e'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html',
    cfnGuideDoc('aws-properties-dynamodb-table-pointintimerecoveryspecification'),
    tfDoc('dynamodb_table', 'point_in_time_recovery'),
  ],
  checks: settingChecks({
    subject: 'DynamoDB table',
    consequence: 'so point-in-time recovery is off',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::DynamoDB::Table'], path: ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'] },
      terraform: { types: ['aws_dynamodb_table'], path: ['point_in_time_recovery', 'enabled'] },
    },
  }),
});
