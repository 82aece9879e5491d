// CL-AWS-035: a subnet gives every instance launched in it a public IPv4 address.
import { cfnDoc, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-035',
  slug: 'subnet-map-public-ip',
  title: 'Subnet assigns public IP addresses on launch',
  severity: 'low',
  fixable: true,
  description:
    'A subnet with MapPublicIpOnLaunch gives every network interface launched in it a public IPv4 address by default, so instances become addressable from the internet without anyone asking for it.',
  remediation:
    'Set MapPublicIpOnLaunch (map_public_ip_on_launch) to false and let only the resources that need a public address request one explicitly (or use Elastic IPs and load balancers).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS runs the virtual network and assigns the addresses you ask for',
    customer: 'which subnets hand out public addresses is your decision',
  },
  frameworks: [nist('SC-7'), pci('1.4.4')],
  equivalents: {
    checkov: ['CKV_AWS_130'],
    kics: ['b3de4e4c-14be-4159-b99d-9ad194365e4c', '52f04a44-6bfa-4c41-b1d3-4ae99a2de05c'],
    trivy: ['aws-ec2-no-public-ip-subnet'],
    cfnNag: ['W33'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/modify-subnets.html',
    cfnDoc('aws-resource-ec2-subnet', 'cfn-ec2-subnet-mappubliciponlaunch'),
    tfDoc('subnet', 'map_public_ip_on_launch'),
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-subnet.html',
    tfDoc('default_subnet'),
  ],
  checks: settingChecks({
    subject: 'Subnet',
    consequence: 'so every instance launched in it gets a public IPv4 address unless it asks otherwise',
    want: false,
    absentMeans: null,
    // Only instances launched later are affected: running ones keep their address, and the ones that need one ask for it.
    fixNote: 'instances launched later get no public address unless they ask for one',
    formats: {
      cloudformation: { types: ['AWS::EC2::Subnet'], path: ['MapPublicIpOnLaunch'] },
      terraform: {
        types: ['aws_subnet', 'aws_default_subnet'],
        path: ['map_public_ip_on_launch'],
        // A default subnet maps public IPv4 addresses on launch; adopting it without the argument leaves that as is.
        absentMeans: (r) => (r.type === 'aws_default_subnet' ? true : null),
      },
    },
  }),
});
