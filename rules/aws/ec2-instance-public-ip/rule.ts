// CL-AWS-034: an instance, launch template or launch configuration asks for a public IPv4 address.
import { cfnDoc, type CheckContext, defineRule, findReachable, nist, type Resource, tfDoc, type Val } from '../../kit';

const KIND: Record<string, string> = {
  'AWS::EC2::Instance': 'Instance',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'Launch configuration',
  aws_instance: 'Instance',
  aws_launch_template: 'Launch template',
  aws_launch_configuration: 'Launch configuration',
};

function report(r: Resource, ctx: CheckContext, v: Val, path: string): void {
  const bad = findReachable(v, (x) => x.isTrue());
  const whom = KIND[r.type] === 'Instance' ? 'it gets' : 'its instances get';
  if (!bad) return;
  const key = path.slice(path.lastIndexOf('.') + 1);
  ctx.report(bad, `${KIND[r.type]} ${r.id} sets ${path} to true, so ${whom} a public IPv4 address.`, {
    // An instance's network interfaces (associate_public_ip_address) cannot change in place.
    fix: { title: `Set ${key} to false${KIND[r.type] === 'Instance' ? ' (replaces the instance)' : ''}`, edits: ctx.edits.setValue(bad, false) },
  });
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::AutoScaling::LaunchConfiguration') {
    report(r, ctx, r.body.get('AssociatePublicIpAddress'), 'AssociatePublicIpAddress');
    return;
  }
  const base = r.type === 'AWS::EC2::LaunchTemplate' ? r.body.get('LaunchTemplateData') : r.body;
  const prefix = r.type === 'AWS::EC2::LaunchTemplate' ? 'LaunchTemplateData.' : '';
  base.get('NetworkInterfaces').items().forEach((nic, i) => {
    report(r, ctx, nic.get('AssociatePublicIpAddress'), `${prefix}NetworkInterfaces[${i}].AssociatePublicIpAddress`);
  });
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_launch_template') {
    r.body.get('network_interfaces').list().forEach((nic) => {
      report(r, ctx, nic.get('associate_public_ip_address'), 'network_interfaces.associate_public_ip_address');
    });
    return;
  }
  report(r, ctx, r.body.get('associate_public_ip_address'), 'associate_public_ip_address');
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
  frameworks: [nist('SC-7')],
  equivalents: { checkov: ['CKV_AWS_88'], kics: ['5a2486aa-facf-477d-a5c1-b010789459ce'] },
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses',
    cfnDoc('aws-properties-ec2-instance-networkinterface'),
    cfnDoc('aws-properties-ec2-launchtemplate-networkinterface'),
    tfDoc('instance', 'associate_public_ip_address'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'], run: terraform },
  },
});
