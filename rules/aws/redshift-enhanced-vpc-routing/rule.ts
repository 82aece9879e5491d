// CL-AWS-124: a Redshift cluster or serverless workgroup without enhanced VPC routing.
import { cfnDoc, defineRule, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-124',
  slug: 'redshift-enhanced-vpc-routing',
  title: 'Redshift cluster or workgroup does not use enhanced VPC routing',
  severity: 'low',
  fixable: false,
  description:
    'Without enhanced VPC routing, COPY and UNLOAD traffic between Redshift and S3 or other data sources goes over the internet path AWS chooses, outside your VPC: your security groups, network ACLs, VPC endpoint policies and flow logs do not see or limit where data goes.',
  remediation:
    'Set EnhancedVpcRouting (enhanced_vpc_routing) to true, and give the VPC an S3 gateway endpoint (or a NAT gateway) so that COPY and UNLOAD keep working.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the cluster nodes and moves the data you load and unload',
    customer: 'whether that traffic stays in your VPC, under your network controls, is your decision',
  },
  frameworks: [nist('SC-7', 'AC-4')],
  equivalents: { checkov: ['CKV_AWS_321'] },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html',
    cfnDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-enhancedvpcrouting'),
    cfnDoc('aws-resource-redshiftserverless-workgroup', 'cfn-redshiftserverless-workgroup-enhancedvpcrouting'),
    tfDoc('redshift_cluster', 'enhanced_vpc_routing'),
    tfDoc('redshiftserverless_workgroup', 'enhanced_vpc_routing'),
  ],
  checks: settingChecks({
    subject: (r) => (r.type === 'AWS::Redshift::Cluster' || r.type === 'aws_redshift_cluster' ? 'Redshift cluster' : 'Redshift Serverless workgroup'),
    consequence: 'so COPY and UNLOAD traffic bypasses your VPC\'s controls',
    want: true,
    // Off unless you turn it on (Redshift, Redshift Serverless and the provider).
    absentMeans: false,
    // Turning it on without an S3 endpoint or NAT route in the VPC breaks COPY and UNLOAD: the network is the user's to prepare.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Workgroup'], path: ['EnhancedVpcRouting'] },
      terraform: { types: ['aws_redshift_cluster', 'aws_redshiftserverless_workgroup'], path: ['enhanced_vpc_routing'] },
    },
  }),
});
