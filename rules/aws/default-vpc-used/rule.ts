// CL-AWS-261: a Terraform configuration that manages the region's default VPC (aws_default_vpc).
import { type CheckContext, defineRule, nist, type Resource, tfDoc } from '../../kit';

function terraform(r: Resource, ctx: CheckContext): void {
  ctx.report(
    r.anchor,
    `Default VPC ${r.id} brings the region's default VPC into this configuration (and creates one where the region has none): its default subnets in every Availability Zone route to an internet gateway and give instances launched in them public IP addresses.`,
  );
}

export default defineRule({
  id: 'CL-AWS-261',
  slug: 'default-vpc-used',
  title: 'Configuration manages the default VPC',
  severity: 'low',
  fixable: false,
  description:
    'The default VPC is built for quick starts: a public subnet in every Availability Zone with a route to an internet gateway, instances that get public IP addresses, a network ACL that allows all traffic. A configuration that manages it (or recreates it where it was deleted) invites workloads into a network that was not designed for them.',
  remediation: 'Run workloads in VPCs you design (aws_vpc with private subnets), remove aws_default_vpc from the configuration, and delete the default VPC where nothing uses it.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS creates a default VPC in each Region of a new account and runs the network it describes',
    customer: 'whether workloads run in the default VPC, and whether it exists, is yours to decide',
  },
  frameworks: [nist('SC-7', 'CM-7')],
  equivalents: {
    checkov: ['CKV_AWS_148'],
    kics: ['96ed3526-0179-4c73-b1b2-372fde2e0d13'],
    trivy: ['aws-ec2-no-default-vpc'],
  },
  docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html', tfDoc('default_vpc')],
  checks: {
    terraform: { reads: 'resource', types: ['aws_default_vpc'], run: terraform },
  },
});
