// CL-AWS-192: a DynamoDB table that can be deleted without first turning deletion protection off.
import { cfnGuideDoc, defineRule, settingChecks, tfDoc } from '../../kit';

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
  ],
  checks: settingChecks({
    subject: 'DynamoDB table',
    consequence: (r) =>
      r.format === 'cloudformation' ? 'so a delete request, a stack deletion or a replacing update can remove it and its data' : 'so a delete request or a terraform destroy can remove it and its data',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::DynamoDB::Table'], path: ['DeletionProtectionEnabled'] },
      terraform: { types: ['aws_dynamodb_table'], path: ['deletion_protection_enabled'] },
    },
  }),
});
