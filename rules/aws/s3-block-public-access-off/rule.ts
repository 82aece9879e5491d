// CL-AWS-001: S3 Block Public Access written down but switched off, wholly or in part.
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, getPair, nist, type Node, pci, type Resource, tfDoc, Val } from '../../kit';
import { addToMap, bucketChecks, PUBLIC_ACCESS_BLOCK_KICS } from '../../lib/s3';

/** The four settings, CloudFormation name → Terraform name and what turning each off lets through. */
const SETTINGS = [
  { cfn: 'BlockPublicAcls', tf: 'block_public_acls', off: 'requests that set a public ACL on the bucket or its objects are accepted' },
  { cfn: 'BlockPublicPolicy', tf: 'block_public_policy', off: 'a bucket policy that grants public access can be attached' },
  { cfn: 'IgnorePublicAcls', tf: 'ignore_public_acls', off: 'public ACLs on the bucket and its objects take effect' },
  { cfn: 'RestrictPublicBuckets', tf: 'restrict_public_buckets', off: 'a public bucket policy gives anyone, including anonymous users, access to the bucket' },
] as const;

/**
 * Checks one configuration mapping (a CloudFormation PublicAccessBlockConfiguration, or a Terraform
 * aws_s3_bucket_public_access_block body): a finding per setting set to false, one finding naming every
 * setting left out (they default to false).
 */
function checkConfig(
  cfg: Val,
  ctx: CheckContext,
  names: 'cfn' | 'tf',
  subject: string,
  omittedAt: Val | Node,
  prefix: string,
) {
  const omitted: string[] = [];
  for (const s of SETTINGS) {
    const key = s[names];
    const v = cfg.get(key);
    const off = v.find((alt) => alt.isFalse());
    if (off) {
      const edits = ctx.edits.setValue(off, true);
      ctx.report(off, `${subject} sets ${prefix}${key} to false, so ${s.off}.`, {
        fix: edits && { title: `Set ${key} to true`, edits },
      });
    } else if (v.isAbsent) {
      omitted.push(key);
    }
  }
  if (omitted.length === 0) return;
  const list = omitted.length === 1 ? omitted[0] : `${omitted.slice(0, -1).join(', ')} and ${omitted[omitted.length - 1]}`;
  const verb = omitted.length === 1 ? 'it defaults' : 'they default';
  // Keys can be added only to a mapping written in place, not under a condition.
  const map = cfg.node && cfg.node === cfg.at && cfg.when.length === 0 ? cfg.node : undefined;
  const edits = addToMap(ctx, map, Object.fromEntries(omitted.map((k) => [k, true])));
  ctx.report(omittedAt, `${subject} leaves ${list} out of its Block Public Access configuration, so ${verb} to false and that protection is off.`, {
    fix: edits && { title: `Add ${omitted.length === 1 ? list : 'the missing settings'} as true`, edits },
  });
}

function cloudformation(r: Resource, ctx: CheckContext) {
  const cfg = r.body.get('PublicAccessBlockConfiguration');
  const props = r.body.node;
  const key = props?.kind === 'map' ? getPair(props, 'PublicAccessBlockConfiguration')?.key : undefined;
  // Each mapping the configuration may be (Fn::If branches are checked apart); absent and unknown are not ours.
  for (const alt of cfg.each()) {
    if (!alt.isMap || !alt.node) continue;
    // The omitted-keys finding goes on the configuration's key, with the branch's condition.
    const at = key ? new Val([{ state: 'known', node: alt.node, at: key, when: alt.when }], r.resolver) : alt;
    checkConfig(alt, ctx, 'cfn', `S3 bucket ${r.id}`, at, 'PublicAccessBlockConfiguration.');
  }
}

function terraform(r: Resource, ctx: CheckContext) {
  if (!r.body.isMap) return;
  checkConfig(r.body, ctx, 'tf', `Public access block ${r.id}`, r.anchor, '');
}

export default defineRule({
  id: 'CL-AWS-001',
  slug: 's3-block-public-access-off',
  title: 'S3 Block Public Access is switched off, wholly or in part',
  severity: 'medium',
  fixable: true,
  description:
    'S3 Block Public Access overrides ACLs and bucket policies that would make a bucket or its objects public. A configuration that sets one of its four settings to false, or leaves one out (it then defaults to false), removes that guard, so a single public ACL or policy statement exposes the data.',
  remediation: 'Set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets (block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS enforces Block Public Access on every request and turns it on for new buckets by default since April 2023',
    customer: 'a template that switches it off overrides that default, and who may read the bucket is your decision',
  },
  frameworks: [cisAws('2.1.4'), nist('AC-3', 'AC-6'), pci('1.4.4')],
  equivalents: {
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    kics: PUBLIC_ACCESS_BLOCK_KICS,
    trivy: ['aws-s3-block-public-acls', 'aws-s3-block-public-policy', 'aws-s3-ignore-public-acls', 'aws-s3-no-public-buckets'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    cfnGuideDoc('aws-properties-s3-bucket-publicaccessblockconfiguration'),
    tfDoc('s3_bucket_public_access_block'),
  ],
  checks: bucketChecks(cloudformation, terraform, ['aws_s3_bucket_public_access_block']),
});
