// CL-AWS-192: a DynamoDB table (or global table replica) that can be deleted without first turning deletion protection off.
import { cfnDoc, cfnGuideDoc, checkSetting, defineRule, type SettingSpec, tfDoc } from '../../kit';
import { globalTableReplicas, tableReplicaBlocks } from '../../lib/dynamodb';

const SPEC: SettingSpec = {
  subject: 'DynamoDB table',
  consequence: (r) =>
    r.format === 'cloudformation' ? 'so a delete request, a stack deletion or a replacing update can remove it and its data' : 'so a delete request or a terraform destroy can remove it and its data',
  want: true,
  absentMeans: false,
  formats: {
    cloudformation: {
      types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
      path: ['DeletionProtectionEnabled'],
      // A global table has no table-wide setting: DeletionProtectionEnabled is per replica, each checked on its own.
      each: globalTableReplicas,
    },
    // The table itself, and a replica managed on its own (`aws_dynamodb_table_replica`): the same plain boolean.
    terraform: { types: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'], path: ['deletion_protection_enabled'] },
  },
};

/** The `replica` blocks of an `aws_dynamodb_table`: each sets deletion protection for its region, false by default. */
const TF_TABLE_REPLICAS = { types: ['aws_dynamodb_table'], path: ['deletion_protection_enabled'], each: tableReplicaBlocks };

export default defineRule({
  id: 'CL-AWS-192',
  slug: 'dynamodb-deletion-protection-disabled',
  title: 'DynamoDB table has deletion protection disabled',
  severity: 'low',
  fixable: true,
  description:
    'Without deletion protection a DynamoDB table and its data are removed by one DeleteTable call, a stack update that replaces or removes it, or a terraform destroy. Deletion protection is off by default.',
  remediation: 'Set DeletionProtectionEnabled (deletion_protection_enabled) to true; turn it off deliberately before a planned deletion.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the tables and replicates them across Availability Zones',
    customer: 'protecting a table from being deleted by a mistaken change is your setting',
  },
  frameworks: [],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
    cfnGuideDoc('aws-resource-dynamodb-table', 'cfn-dynamodb-table-deletionprotectionenabled'),
    tfDoc('dynamodb_table', 'deletion_protection_enabled'),
    cfnDoc('aws-properties-dynamodb-globaltable-replicaspecification', 'cfn-dynamodb-globaltable-replicaspecification-deletionprotectionenabled'),
    tfDoc('dynamodb_table_replica', 'deletion_protection_enabled'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: SPEC.formats.cloudformation!.types, run: (r, ctx) => checkSetting(r, ctx, SPEC, SPEC.formats.cloudformation!) },
    terraform: {
      reads: 'resource',
      types: SPEC.formats.terraform!.types,
      run: (r, ctx) => {
        checkSetting(r, ctx, SPEC, SPEC.formats.terraform!);
        if (r.type === 'aws_dynamodb_table') checkSetting(r, ctx, SPEC, TF_TABLE_REPLICAS);
      },
    },
  },
});
