// CL-AWS-110: an Amazon MQ broker reachable from the internet.
import { cfnDoc, defineRule, NOT_PUBLIC, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-110',
  slug: 'mq-publicly-accessible',
  title: 'Amazon MQ broker is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible Amazon MQ broker has endpoints that resolve to public IP addresses, so its message protocols and web console can be reached from the internet by anyone who knows or guesses a username and password.',
  remediation: 'Set PubliclyAccessible (publicly_accessible) to false, place the broker in private subnets and reach it from the VPC, a VPN or AWS Direct Connect.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the broker hosts and their network endpoints',
    customer: 'whether the broker can be reached from the internet is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {
    checkov: ['CKV_AWS_69'],
    kics: ['68b6a789-82f8-4cfd-85de-e95332fe6a61', '4eb5f791-c861-4afd-9f94-f2a6a3fe49cb'],
    trivy: ['aws-mq-no-public-access'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html',
    cfnDoc('aws-resource-amazonmq-broker', 'cfn-amazonmq-broker-publiclyaccessible'),
    tfDoc('mq_broker', 'publicly_accessible'),
  ],
  checks: settingChecks({
    subject: 'Amazon MQ broker',
    consequence: 'so its endpoints are reachable from the internet',
    want: false,
    // CloudFormation requires PubliclyAccessible; the provider's default is false.
    absentMeans: null,
    fixNote: 'replaces the broker',
    formats: {
      cloudformation: { types: ['AWS::AmazonMQ::Broker'], path: ['PubliclyAccessible'] },
      terraform: { types: ['aws_mq_broker'], path: ['publicly_accessible'] },
    },
  }),
});
