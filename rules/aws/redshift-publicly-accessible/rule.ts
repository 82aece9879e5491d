// CL-AWS-032: a Redshift cluster with a public endpoint.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-032',
  slug: 'redshift-publicly-accessible',
  title: 'Redshift cluster is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible Redshift cluster gets a public IP address and an endpoint that resolves to it; only its security groups then stand between the data warehouse and the internet.',
  remediation: 'Set PubliclyAccessible (publicly_accessible) to false and reach the cluster from inside the VPC, through a VPN, a bastion or a Redshift-managed VPC endpoint.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and patches the cluster nodes and, since January 2025, creates new clusters without public access unless asked',
    customer: 'whether the cluster is reachable from the internet is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_87'],
    kics: ['bdf8dcb4-75df-4370-92c4-606e4ae6c4d3', 'af173fde-95ea-4584-b904-bb3923ac4bda'],
  },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/rs-vpc-managing-public-access.html',
    cfnDoc('aws-resource-redshift-cluster'),
    tfDoc('redshift_cluster'),
    cfnDoc('aws-resource-redshiftserverless-workgroup', 'cfn-redshiftserverless-workgroup-publiclyaccessible'),
    tfDoc('redshiftserverless_workgroup'),
    'https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-redshift-enhance-security-default-behavior/',
  ],
  checks: settingChecks({
    subject: (r) => (/serverless/i.test(r.type) ? 'Redshift Serverless workgroup' : 'Redshift cluster'),
    consequence: 'so its endpoint resolves to a public IP address',
    want: false,
    // Only an explicit true: AWS creates new clusters private by default since January 2025, and the Terraform
    // provider's default (true before v6.0.0) depends on the provider version, which the file does not say.
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Workgroup'], path: ['PubliclyAccessible'] },
      terraform: { types: ['aws_redshift_cluster', 'aws_redshiftserverless_workgroup'], path: ['publicly_accessible'] },
    },
  }),
});
