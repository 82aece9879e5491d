// CL-AWS-082: a DynamoDB table (or global table replica) without point-in-time recovery (continuous backups).
import { BACKUPS, cfnDoc, cfnGuideDoc, checkSetting, defineRule, type SettingSpec, tfDoc } from '../../kit';
import { globalTableReplicas, tableReplicaBlocks } from '../../lib/dynamodb';

const SPEC: SettingSpec = {
  subject: 'DynamoDB table',
  consequence: 'so point-in-time recovery is off',
  want: true,
  absentMeans: false,
  formats: {
    cloudformation: {
      // AWS SAM passes SimpleTable's PointInTimeRecoverySpecification to the table it makes, as it is.
      types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
      path: ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'],
      // A global table sets point-in-time recovery per replica: each replica is checked, named by its region.
      each: globalTableReplicas,
    },
    terraform: { types: ['aws_dynamodb_table'], path: ['point_in_time_recovery', 'enabled'] },
  },
};

/** A replica of a table in another region, managed on its own: `point_in_time_recovery` is a plain boolean there. */
const TF_REPLICA = { types: ['aws_dynamodb_table_replica'], path: ['point_in_time_recovery'] };

/**
 * The `replica` blocks of an `aws_dynamodb_table` (a global table of version 2019.11.21): each sets point-in-time
 * recovery for its region with a plain boolean, false by default, apart from the table's own block.
 */
const TF_TABLE_REPLICAS = {
  types: ['aws_dynamodb_table'],
  path: ['point_in_time_recovery'],
  each: tableReplicaBlocks,
};

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
    checkov: ['CKV_AWS_28', 'CKV_AWS_165'],
    kics: ['0f04217d-488f-4e7a-bec8-f16159686cd6', '741f1291-47ac-4a85-a07b-3d32a9d6bd3e'],
    trivy: ['aws-dynamodb-enable-recovery'],
    cfnNag: ['W78'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html',
    cfnGuideDoc('aws-properties-dynamodb-table-pointintimerecoveryspecification'),
    tfDoc('dynamodb_table', 'point_in_time_recovery'),
    cfnDoc('aws-properties-dynamodb-globaltable-replicaspecification', 'cfn-dynamodb-globaltable-replicaspecification-pointintimerecoveryspecification'),
    tfDoc('dynamodb_table_replica', 'point_in_time_recovery'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: SPEC.formats.cloudformation!.types, run: (r, ctx) => checkSetting(r, ctx, SPEC, SPEC.formats.cloudformation!) },
    terraform: {
      reads: 'resource',
      types: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'],
      run: (r, ctx) => {
        if (r.type === 'aws_dynamodb_table_replica') return checkSetting(r, ctx, SPEC, TF_REPLICA);
        checkSetting(r, ctx, SPEC, SPEC.formats.terraform!);
        checkSetting(r, ctx, SPEC, TF_TABLE_REPLICAS);
      },
    },
  },
});
