// CL-AWS-112: a Transfer Family server with a PUBLIC endpoint (no security group can narrow who connects).
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-112',
  slug: 'transfer-server-public-endpoint',
  title: 'Transfer Family server uses a PUBLIC endpoint',
  severity: 'medium',
  fixable: false,
  description:
    'A Transfer Family server with a PUBLIC endpoint answers SFTP, FTPS or AS2 from the whole internet, and unlike a VPC endpoint it cannot have security groups that limit which addresses may connect.',
  remediation:
    'Set EndpointType (endpoint_type) to VPC with EndpointDetails (endpoint_details) naming your VPC, subnets and security groups; add Elastic IP addresses only if partners on the internet must connect, and admit only their ranges.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the transfer servers and their endpoints',
    customer: 'where the endpoint lives and which addresses may reach it is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_164'],
  },
  docs: [
    'https://docs.aws.amazon.com/transfer/latest/userguide/create-server-in-vpc.html',
    cfnDoc('aws-resource-transfer-server', 'cfn-transfer-server-endpointtype'),
    tfDoc('transfer_server', 'endpoint_type'),
  ],
  checks: settingChecks({
    subject: 'Transfer Family server',
    consequence: 'so it is reachable from the whole internet and no security group can narrow who connects',
    want: 'VPC',
    // Both CloudFormation (the CreateServer API) and the provider default to PUBLIC.
    absentMeans: 'PUBLIC',
    ok: (v) => {
      const s = v.str();
      return s === undefined ? undefined : s.toUpperCase() !== 'PUBLIC';
    },
    // A VPC endpoint needs a VPC, subnets and security groups: the user chooses them.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Transfer::Server'], path: ['EndpointType'] },
      terraform: { types: ['aws_transfer_server'], path: ['endpoint_type'] },
    },
  }),
});
