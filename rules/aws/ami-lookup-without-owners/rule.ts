// CL-AWS-232: Terraform `data "aws_ami"` lookups that name no owner, so a public AMI anyone publishes under a matching
// name can be selected (AMI name confusion, "whoAMI").
import { blocks, type CheckContext, defineRule, IMAGE_INTEGRITY, type Resource } from '../../kit';

/** Filters that pin the owner or the image itself: a lookup with one of them cannot pick a stranger's AMI. */
const PINNING_FILTERS = new Set(['owner-id', 'owner-alias', 'image-id']);

const CONSEQUENCE = 'so its filters also match public AMIs that any AWS account can publish under a look-alike name, and what launches from it may be a stranger\'s image';

/** True when a filter pins the owner or the image, or when whether one does is not known (never reported then). */
function pinnedOrUnknown(r: Resource): boolean {
  const filter = r.body.get('filter');
  if (filter.each().some((alt) => alt.isUnknown || alt.list().some((f) => f.isUnknown))) return true;
  return blocks(r.body, 'filter').some((f) => {
    const name = f.get('name');
    if (name.isUnknown) return true;
    const n = name.str()?.toLowerCase();
    return n !== undefined && PINNING_FILTERS.has(n) && !f.get('values').isAbsent;
  });
}

function check(r: Resource, ctx: CheckContext): void {
  const owners = r.body.get('owners');
  const bad = owners.find((o) => o.isAbsent || (o.isSeq && o.items().length === 0 && o.node?.kind === 'seq' && o.node.items.length === 0));
  if (!bad || pinnedOrUnknown(r)) return;
  if (bad.isAbsent) ctx.report(owners.alts.length === 1 ? r.anchor : bad, `AMI lookup ${r.id} does not set owners (nor filter on owner-id, owner-alias or image-id), ${CONSEQUENCE}.`);
  else ctx.report(bad, `AMI lookup ${r.id} sets owners to an empty list (and filters on no owner-id, owner-alias or image-id), ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-232',
  slug: 'ami-lookup-without-owners',
  title: 'AMI lookup names no owner',
  severity: 'medium',
  fixable: false,
  description:
    'A Terraform aws_ami data source without owners searches every AMI the account can launch, public ones included. Anyone can publish a public AMI under a name that matches a name filter such as ubuntu-*, and with most_recent the newest one wins: instances then boot an image the attacker controls.',
  remediation: 'Set owners to the account IDs or aliases (amazon, aws-marketplace, self) of the publishers you trust, or filter on owner-id, owner-alias or image-id.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'workload',
    provider: 'AWS lists the AMIs an account may launch, public ones included, and launches the one you name',
    customer: 'which publishers\' images your instances boot from is your decision',
  },
  frameworks: IMAGE_INTEGRITY,
  equivalents: { trivy: ['aws-ami-ensure-ami-has-owners'] },
  docs: [
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ami#owners',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html',
  ],
  checks: { terraform: { reads: 'resource', types: ['data.aws_ami'], run: check } },
});
