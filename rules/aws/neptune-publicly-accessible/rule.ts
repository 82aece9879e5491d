// CL-AWS-113: a Neptune DB instance with a public endpoint.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-113',
  slug: 'neptune-publicly-accessible',
  title: 'Neptune DB instance is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible Neptune DB instance gets an endpoint that resolves to a public IP address, so the graph database can be reached from the internet wherever its security groups allow.',
  remediation:
    'Set PubliclyAccessible (publicly_accessible) to false and reach the cluster from the VPC, a VPN, AWS Direct Connect or a proxy inside the VPC.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and patches the Neptune instances and their endpoints',
    customer: 'whether an instance has a public endpoint is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_102'],
    kics: ['9ba198e0-fef4-464a-8a4d-75ea55300de7'],
  },
  docs: [
    'https://docs.aws.amazon.com/neptune/latest/userguide/neptune-public-endpoints.html',
    cfnDoc('aws-resource-neptune-dbinstance'),
    tfDoc('neptune_cluster_instance', 'publicly_accessible'),
  ],
  checks: settingChecks({
    subject: 'Neptune DB instance',
    consequence: 'so its endpoint is reachable from the internet',
    want: false,
    // New Neptune instances are created without a public endpoint (both formats default to false).
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::Neptune::DBInstance'], path: ['PubliclyAccessible'] },
      terraform: { types: ['aws_neptune_cluster_instance'], path: ['publicly_accessible'] },
    },
  }),
});
