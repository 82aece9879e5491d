// CL-AWS-034: an instance, launch template, launch configuration or Spot Fleet asks for a public IPv4 address.
import { cfnDoc, defineRule, nist, pci, type Resource, type SettingItem, settingChecks, tfDoc } from '../../kit';

const KIND: Record<string, string> = {
  'AWS::EC2::Instance': 'Instance',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'Launch configuration',
  'AWS::EC2::SpotFleet': 'Spot Fleet',
  aws_instance: 'Instance',
  aws_launch_template: 'Launch template',
  aws_launch_configuration: 'Launch configuration',
  aws_spot_instance_request: 'Spot instance request',
  aws_spot_fleet_request: 'Spot Fleet request',
};

/** Where each resource type asks for a public address: every network interface, or the resource itself. */
function cloudformation(r: Resource): SettingItem[] {
  if (r.type === 'AWS::AutoScaling::LaunchConfiguration') return [{ val: r.body }];
  // A Spot Fleet's launch specifications, each with its network interfaces. No quick-fix: launch specifications cannot
  // be modified in place (ModifySpotFleetRequest), so the change replaces the fleet (README).
  if (r.type === 'AWS::EC2::SpotFleet') {
    return r.body
      .path('SpotFleetRequestConfigData', 'LaunchSpecifications')
      .items()
      .flatMap((spec, i) => spec.get('NetworkInterfaces').items().map((nic, j) => ({ val: nic, prefix: `SpotFleetRequestConfigData.LaunchSpecifications[${i}].NetworkInterfaces[${j}].`, fix: false })));
  }
  const template = r.type === 'AWS::EC2::LaunchTemplate';
  const base = template ? r.body.get('LaunchTemplateData') : r.body;
  const prefix = template ? 'LaunchTemplateData.' : '';
  return base.get('NetworkInterfaces').items().map((nic, i) => ({ val: nic, prefix: `${prefix}NetworkInterfaces[${i}].` }));
}

function terraform(r: Resource): SettingItem[] {
  // No quick-fix: the provider may not see a change inside a launch specification (hashicorp/terraform-provider-aws#741).
  if (r.type === 'aws_spot_fleet_request') return r.body.get('launch_specification').list().map((spec) => ({ val: spec, prefix: 'launch_specification.', fix: false }));
  if (r.type !== 'aws_launch_template') return [{ val: r.body }];
  return r.body.get('network_interfaces').list().map((nic) => ({ val: nic, prefix: 'network_interfaces.' }));
}

export default defineRule({
  id: 'CL-AWS-034',
  slug: 'ec2-instance-public-ip',
  title: 'EC2 instance gets a public IP address',
  severity: 'low',
  fixable: true,
  description:
    'An instance, launch template or launch configuration that associates a public IPv4 address makes its instances addressable from the internet; their security groups alone then decide what is exposed.',
  remediation:
    'Launch instances without a public IP in private subnets and reach them through a load balancer, NAT gateway, VPN or Systems Manager; set AssociatePublicIpAddress to false where no public address is needed.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS secures the hardware, the hypervisor and the network backbone',
    customer: 'whether your instances are addressable from the internet is your decision',
  },
  frameworks: [nist('SC-7'), pci('1.4.4')],
  equivalents: { checkov: ['CKV_AWS_88'], kics: ['5a2486aa-facf-477d-a5c1-b010789459ce'], trivy: ['aws-ec2-no-public-ip'] },
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses',
    cfnDoc('aws-properties-ec2-instance-networkinterface'),
    cfnDoc('aws-properties-ec2-launchtemplate-networkinterface'),
    tfDoc('instance', 'associate_public_ip_address'),
  ],
  checks: settingChecks({
    subject: (r) => KIND[r.type],
    consequence: (r) => `so ${KIND[r.type] === 'Instance' ? 'it gets' : 'its instances get'} a public IPv4 address`,
    want: false,
    // Absent: the subnet's MapPublicIpOnLaunch decides (CL-AWS-035).
    absentMeans: null,
    formats: {
      cloudformation: {
        types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::SpotFleet'],
        path: ['AssociatePublicIpAddress'],
        each: cloudformation,
        // An instance's network interfaces cannot change in place.
        fixNote: (r) => (r.type === 'AWS::EC2::Instance' ? 'replaces the instance' : undefined),
      },
      terraform: {
        types: ['aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_fleet_request'],
        path: ['associate_public_ip_address'],
        each: terraform,
        fixNote: (r) => (r.type === 'aws_instance' || r.type === 'aws_spot_instance_request' ? 'replaces the instance' : undefined),
      },
    },
  }),
});
