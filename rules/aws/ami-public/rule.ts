// CL-AWS-127: an AMI launch permission for the group "all" (a public AMI).
import { defineRule, NOT_PUBLIC, type Resource, type CheckContext, tfDoc } from '../../kit';

function check(r: Resource, ctx: CheckContext): void {
  for (const v of r.body.get('group').each()) {
    if (v.str()?.trim().toLowerCase() === 'all') {
      ctx.report(v, `AMI launch permission ${r.id} grants the group "all", so the AMI is public: every AWS account can launch it and read its volumes.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-127',
  slug: 'ami-public',
  title: 'AMI is made public by a launch permission',
  severity: 'high',
  fixable: false,
  description:
    'A launch permission for the group "all" makes an AMI public: any AWS account can launch it and copy its snapshots, with whatever the image holds (application code, configuration, keys and credentials baked in).',
  remediation: 'Grant launch permissions to account IDs, organizations or organizational units instead of the group "all", and keep block public access for AMIs turned on.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'AWS stores the images and enforces their launch permissions',
    customer: 'who may launch and copy your images is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html',
    tfDoc('ami_launch_permission', 'group'),
  ],
  checks: { terraform: { reads: 'resource', types: ['aws_ami_launch_permission'], run: check } },
});
