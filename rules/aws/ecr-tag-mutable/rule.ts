// CL-AWS-102: an ECR repository whose image tags can be overwritten (MUTABLE, the default).
import { type CheckContext, defineRule, type MapNode, type Resource } from '../../kit';

/** IMMUTABLE_WITH_EXCLUSION keeps every tag immutable except the ones its filters name: accepted. */
const ACCEPTED = new Set(['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']);

function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    const v = r.body.get(key);
    const bad = v.find((x) => x.isAbsent || (x.str() !== undefined && !ACCEPTED.has(x.str()!.toUpperCase())));
    if (!bad) return;
    if (bad.isAbsent) {
      if (!v.isAbsent) {
        ctx.report(bad, `ECR repository ${r.id} leaves ${key} unset, so it defaults to MUTABLE and pushed images can replace existing tags.`);
        return;
      }
      const map = r.body.node?.kind === 'map' ? (r.body.node as MapNode) : undefined;
      const edits = map && ctx.edits.addPair(map, key, 'IMMUTABLE');
      ctx.report(r.anchor, `ECR repository ${r.id} does not set ${key}, which defaults to MUTABLE, so pushed images can replace existing tags.`, {
        fix: edits && edits.length > 0 ? { title: `Add ${key}: IMMUTABLE`, edits } : undefined,
      });
      return;
    }
    const value = bad.str()!;
    // MUTABLE_WITH_EXCLUSION has exclusion filters that mean the opposite under IMMUTABLE: no quick-fix.
    const edits = value.toUpperCase() === 'MUTABLE' ? ctx.edits.setValue(bad, 'IMMUTABLE') : undefined;
    ctx.report(bad, `ECR repository ${r.id} sets ${key} to ${value}, so pushed images can replace existing tags.`, {
      fix: edits && { title: `Set ${key} to IMMUTABLE`, edits },
    });
  };
}

export default defineRule({
  id: 'CL-AWS-102',
  slug: 'ecr-tag-mutable',
  title: 'ECR repository allows image tags to be overwritten',
  severity: 'low',
  fixable: true,
  description:
    'With mutable tags (the default) anyone who can push to the repository can replace the image behind an existing tag such as v1.4.2, and the next deployment or scale-out silently pulls the new image. Immutable tags make every tag point to one image for good.',
  remediation: 'Set ImageTagMutability (image_tag_mutability) to IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for a few moving tags such as latest.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'workload',
    provider: 'AWS runs the registry and stores images by content digest',
    customer: 'whether tags may be moved to other images, and who may push, is your setting',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_AWS_51'],
    kics: ['33f41d31-86b1-46a4-81f7-9c9a671f59ac'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-repository.html#cfn-ecr-repository-imagetagmutability',
    'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImageTagMutability.html',
  ],
  checks: {
    cloudformation: { types: ['AWS::ECR::Repository'], run: check('ImageTagMutability') },
    terraform: { types: ['aws_ecr_repository'], run: check('image_tag_mutability') },
  },
});
