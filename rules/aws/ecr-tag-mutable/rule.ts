// CL-AWS-102: an ECR repository whose image tags can be overwritten (MUTABLE, the default).
import { cfnGuideDoc, defineRule, settingChecks } from '../../kit';

/** IMMUTABLE_WITH_EXCLUSION keeps every tag immutable except the ones its filters name: accepted. */
const ACCEPTED = new Set(['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']);

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
    kics: ['33f41d31-86b1-46a4-81f7-9c9a671f59ac', 'd1846b12-20c5-4d45-8798-fc35b79268eb'],
    trivy: ['aws-ecr-enforce-immutable-repository'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
    cfnGuideDoc('aws-resource-ecr-repository', 'cfn-ecr-repository-imagetagmutability'),
    'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImageTagMutability.html',
  ],
  checks: settingChecks({
    subject: 'ECR repository',
    consequence: 'so pushed images can replace existing tags',
    want: 'IMMUTABLE',
    absentMeans: 'MUTABLE',
    ok: (v) => (v.str() === undefined ? undefined : ACCEPTED.has(v.str()!.toUpperCase())),
    // MUTABLE_WITH_EXCLUSION has exclusion filters that mean the opposite under IMMUTABLE: no quick-fix.
    fixWhen: (v) => v.str()?.toUpperCase() === 'MUTABLE',
    formats: {
      cloudformation: { types: ['AWS::ECR::Repository'], path: ['ImageTagMutability'] },
      terraform: { types: ['aws_ecr_repository'], path: ['image_tag_mutability'] },
    },
  }),
});
