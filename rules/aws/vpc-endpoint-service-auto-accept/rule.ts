// CL-AWS-209: a VPC endpoint service (AWS PrivateLink) that connects every permitted consumer without approval.
import { cfnDoc, defineRule, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-209',
  slug: 'vpc-endpoint-service-auto-accept',
  title: 'VPC endpoint service accepts connections without approval',
  severity: 'medium',
  fixable: true,
  description:
    'An endpoint service that does not require acceptance connects every endpoint a permitted principal creates at once: nobody reviews which VPC gets a private path to the load balancer behind it, and with * among the allowed principals any AWS account can connect.',
  remediation:
    'Set AcceptanceRequired (acceptance_required) to true and accept endpoint connections you expect (aws_vpc_endpoint_connection_accepter, AcceptVpcEndpointConnections); keep the allowed principals to the consumers\' accounts or roles.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS carries the private connections between consumer endpoints and your load balancer and enforces the principals and acceptance you set',
    customer: 'who may connect to your service, and whether each connection waits for your approval, is yours to decide',
  },
  frameworks: [nist('AC-3', 'SC-7')],
  equivalents: { checkov: ['CKV_AWS_123'] },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/accept-reject-endpoint-requests.html',
    cfnDoc('aws-resource-ec2-vpcendpointservice', 'cfn-ec2-vpcendpointservice-acceptancerequired'),
    tfDoc('vpc_endpoint_service', 'acceptance_required'),
  ],
  checks: settingChecks({
    subject: 'VPC endpoint service',
    consequence: 'so every endpoint a permitted principal creates is connected to it without your approval',
    want: true,
    // CloudFormation: optional, and the EC2 API's default is false. Terraform: a required argument (never absent).
    absentMeans: (r) => (r.type === 'AWS::EC2::VPCEndpointService' ? false : null),
    fixNote: 'new endpoint connections wait for your acceptance',
    formats: {
      cloudformation: { types: ['AWS::EC2::VPCEndpointService'], path: ['AcceptanceRequired'] },
      terraform: { types: ['aws_vpc_endpoint_service'], path: ['acceptance_required'] },
    },
  }),
});
