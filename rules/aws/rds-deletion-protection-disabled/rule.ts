// CL-AWS-080: an RDS DB instance or cluster that can be deleted without first turning deletion protection off.
import { cfnGuideDoc, defineRule, type Resource, settingChecks } from '../../kit';

/** Aurora DB instances take deletion protection from their cluster: the setting does not apply to them. */
function notAuroraInstance(r: Resource, clusterKey: string | undefined, engineKey: string): boolean {
  if (r.type === 'AWS::RDS::DBCluster' || r.type === 'aws_rds_cluster') return true;
  if (clusterKey && !r.body.get(clusterKey).isAbsent) return false;
  return !r.body.get(engineKey).some((e) => (e.str() ?? '').toLowerCase().startsWith('aurora'));
}

export default defineRule({
  id: 'CL-AWS-080',
  slug: 'rds-deletion-protection-disabled',
  title: 'RDS database has deletion protection disabled',
  severity: 'medium',
  fixable: true,
  description:
    'Without deletion protection an RDS DB instance or cluster is deleted by a single DeleteDBInstance/DeleteDBCluster call, a stack update that replaces or removes it, or a terraform destroy. Deletion protection is off by default in CloudFormation, Terraform and the API.',
  remediation: 'Set DeletionProtection (deletion_protection) to true; turn it off deliberately before a planned deletion.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the database hosts and storage and performs the backups you schedule',
    customer: 'protecting the database from being deleted by a mistaken change is your setting',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    kics: ['2c161e58-cb52-454f-abea-6470c37b5e6e'],
    trivy: ['aws-rds-enable-deletion-protection', 'aws-rds-enable-cluster-deletion-protection'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-deletionprotection'),
    cfnGuideDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-deletionprotection'),
  ],
  checks: settingChecks({
    subject: (r) => (r.type === 'AWS::RDS::DBCluster' || r.type === 'aws_rds_cluster' ? 'RDS DB cluster' : 'RDS DB instance'),
    consequence: (r) =>
      r.format === 'cloudformation' ? 'so a delete request, a stack deletion or a replacing update can remove it' : 'so a delete request or a terraform destroy can remove it',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: {
        types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
        path: ['DeletionProtection'],
        appliesTo: (r) => notAuroraInstance(r, 'DBClusterIdentifier', 'Engine'),
      },
      terraform: { types: ['aws_db_instance', 'aws_rds_cluster'], path: ['deletion_protection'], appliesTo: (r) => notAuroraInstance(r, undefined, 'engine') },
    },
  }),
});
