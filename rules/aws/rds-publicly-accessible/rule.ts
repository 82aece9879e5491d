// CL-AWS-004: an RDS DB instance with a public endpoint.
import { cfnGuideDoc, cisAws, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AWS-004',
  slug: 'rds-publicly-accessible',
  title: 'RDS instance is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible DB instance gets a public IP address and a DNS name that resolves to it. Only its security groups then stand between the database and the internet.',
  remediation: 'Set PubliclyAccessible (publicly_accessible) to false and reach the database from inside the VPC, through a bastion, VPN or AWS PrivateLink.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS patches the engine and the hosts',
    customer: 'whether the instance is reachable from the internet is your decision',
  },
  frameworks: [cisAws('2.3.3'), ...NOT_PUBLIC],
  equivalents: {
    checkov: ['CKV_AWS_17'],
    kics: ['de38e1d5-54cb-4111-a868-6f7722695007', '35113e6f-2c6b-414d-beec-7a9482d3b2d1'],
    trivy: ['aws-rds-no-public-db-access', 'aws-rds-enable-public-access'],
    cfnNag: ['F22'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-publiclyaccessible'),
    cfnGuideDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-publiclyaccessible'),
  ],
  checks: settingChecks({
    subject: (r) => (r.type === 'AWS::RDS::DBCluster' ? 'RDS DB cluster' : 'RDS instance'),
    consequence: 'so it gets a DNS name that resolves to a public IP address',
    want: false,
    absentMeans: null,
    formats: {
      // A Multi-AZ DB cluster (not Aurora) sets it on the cluster.
      cloudformation: { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: ['PubliclyAccessible'] },
      terraform: { types: ['aws_db_instance', 'aws_rds_cluster_instance'], path: ['publicly_accessible'] },
    },
  }),
});
