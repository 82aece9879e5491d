// CL-AWS-134: DynamoDB Accelerator (DAX) clusters without server-side encryption at rest.
import { AT_REST, cfnGuideDoc, defineRule, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-134',
  slug: 'dax-not-encrypted',
  title: 'DAX cluster is not encrypted at rest',
  severity: 'medium',
  fixable: true,
  description:
    'A DAX cluster without server-side encryption keeps cached DynamoDB items, its configuration data and its logs unencrypted on the nodes\' disks. Encryption at rest is off unless asked for, and can only be chosen when the cluster is created.',
  remediation: 'Set SSESpecification.SSEEnabled (server_side_encryption.enabled) to true when creating the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cache nodes and, when asked at creation, encrypts their disks with an AWS owned key',
    customer: 'asking for encryption at rest when you create the cluster is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_47'],
    kics: ['f11aec39-858f-4b6f-b946-0a1bf46c0c87'],
    trivy: ['aws-dynamodb-enable-at-rest-encryption'],
    cfnNag: ['W83'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html',
    cfnGuideDoc('aws-resource-dax-cluster', 'cfn-dax-cluster-ssespecification'),
    tfDoc('dax_cluster', 'server_side_encryption'),
  ],
  checks: settingChecks({
    subject: 'DAX cluster',
    consequence: 'so the items it caches are stored unencrypted on its nodes',
    want: true,
    absentMeans: false,
    fixNote: 'replaces an existing cluster',
    formats: {
      cloudformation: { types: ['AWS::DAX::Cluster'], path: ['SSESpecification', 'SSEEnabled'] },
      terraform: { types: ['aws_dax_cluster'], path: ['server_side_encryption', 'enabled'], absentInBlockMeans: false },
    },
  }),
});
