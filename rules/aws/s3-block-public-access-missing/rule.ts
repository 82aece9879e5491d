// CL-AWS-002: an S3 bucket without any Block Public Access configuration of its own.
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, nist, ofType, pci, type Resource, tfDoc } from '../../kit';
import { addProperty, bucketChecks, configsOf, PUBLIC_ACCESS_BLOCK_KICS } from '../../lib/s3';

const ALL_ON = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const CONSEQUENCE = 'so whether public ACLs and policies are blocked depends on the account-level setting and on when the bucket was created';

function cloudformation(r: Resource, ctx: CheckContext) {
  const cfg = r.body.get('PublicAccessBlockConfiguration');
  const missing = cfg.find((v) => v.isAbsent);
  if (!missing) return;
  if (cfg.alts.length === 1) {
    const edits = addProperty(r, ctx, { PublicAccessBlockConfiguration: ALL_ON });
    ctx.report(r.anchor, `S3 bucket ${r.id} has no PublicAccessBlockConfiguration, ${CONSEQUENCE}.`, {
      fix: edits && { title: 'Add PublicAccessBlockConfiguration with all four settings true', edits },
    });
  } else {
    // One branch of Fn::If drops the configuration (AWS::NoValue): reported at that branch, under its condition.
    ctx.report(missing, `S3 bucket ${r.id} has no PublicAccessBlockConfiguration, ${CONSEQUENCE}.`);
  }
}

/** True when an account-level block in the file turns (or may turn) all four settings on. */
function accountBlocks(ctx: CheckContext): boolean {
  return ofType(ctx, 'aws_s3_account_public_access_block').some((a) =>
    ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((k) => {
      const v = a.body.get(k);
      return v.isTrue() || v.isUnknown;
    }),
  );
}

function terraform(r: Resource, ctx: CheckContext) {
  const { linked, possible } = configsOf(r, ctx, ['aws_s3_bucket_public_access_block']);
  if (linked.length > 0 || possible.length > 0 || accountBlocks(ctx)) return;
  ctx.report(r.anchor, `S3 bucket ${r.id} has no aws_s3_bucket_public_access_block that refers to it, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-002',
  slug: 's3-block-public-access-missing',
  title: 'S3 bucket has no Block Public Access configuration',
  severity: 'low',
  fixable: true,
  description:
    'A bucket without its own Block Public Access configuration relies on the account-level setting and on the default S3 applies to new buckets (on since April 2023). Buckets created earlier, accounts that turned the setting off, and stacks that re-create buckets in such accounts are then open to a single public ACL or policy statement.',
  remediation: 'Give the bucket a PublicAccessBlockConfiguration (an aws_s3_bucket_public_access_block referring to it) with all four settings true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS enforces Block Public Access and has turned it on for new buckets by default since April 2023',
    customer: 'stating it for each bucket, so that it holds whatever the account setting and the bucket\'s age, is yours',
  },
  frameworks: [cisAws('2.1.4'), nist('AC-3'), pci('1.4.4')],
  equivalents: {
    checkov: ['CKV2_AWS_6'],
    kics: PUBLIC_ACCESS_BLOCK_KICS,
    trivy: ['aws-s3-specify-public-access-block'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    'https://aws.amazon.com/blogs/aws/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023/',
    cfnGuideDoc('aws-properties-s3-bucket-publicaccessblockconfiguration'),
    tfDoc('s3_bucket_public_access_block'),
  ],
  checks: bucketChecks(cloudformation, terraform),
});
