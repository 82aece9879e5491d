// CL-AWS-050: an S3 bucket ACL that grants access to everyone or to every AWS account.
import { cfnGuideDoc, type CheckContext, defineRule, nist, pci, type Resource, tfDoc, type Val } from '../../kit';
import { bucketChecks } from '../../lib/s3';

/** Canned ACLs that grant to a public group, CloudFormation name → what it lets through. */
const CFN_CANNED: Record<string, string> = {
  PublicRead: 'anyone on the internet can list its objects',
  PublicReadWrite: 'anyone on the internet can list its objects and write to it',
  AuthenticatedRead: 'anyone with an AWS account can list its objects',
};
const TF_CANNED: Record<string, string> = {
  'public-read': CFN_CANNED.PublicRead,
  'public-read-write': CFN_CANNED.PublicReadWrite,
  'authenticated-read': CFN_CANNED.AuthenticatedRead,
};
const GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers (anyone on the internet)',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers (anyone with an AWS account)',
};

function canned(r: Resource, ctx: CheckContext, key: string, table: Record<string, string>, safe: string, subject: string) {
  const bad = r.body.get(key).find((v) => v.str() !== undefined && table[v.str()!] !== undefined);
  if (!bad) return;
  const value = bad.str()!;
  const edits = ctx.edits.setValue(bad, safe);
  ctx.report(bad, `${subject} sets ${key} to ${value}, so ${table[value]}.`, {
    fix: edits && { title: `Set ${key} to ${safe}`, edits },
  });
}

/** Grants to a public group: each `uri` of a `Group` grantee, with the grant's permissions. */
function publicGrants(grants: Val[], grantee: (g: Val) => Val[], permissions: (g: Val) => string[], subject: string, ctx: CheckContext) {
  for (const g of grants) {
    for (const who of grantee(g)) {
      const uri = who.get('uri').find((u) => u.str() !== undefined && GROUPS[u.str()!] !== undefined);
      if (!uri) continue;
      const perms = permissions(g);
      const what = perms.length ? perms.join(', ') : 'access';
      ctx.report(uri, `${subject} grants ${what} to ${GROUPS[uri.str()!]}.`);
    }
  }
}

function cloudformation(r: Resource, ctx: CheckContext) {
  canned(r, ctx, 'AccessControl', CFN_CANNED, 'Private', `S3 bucket ${r.id}`);
}

function terraform(r: Resource, ctx: CheckContext) {
  if (r.type === 'aws_s3_bucket') {
    canned(r, ctx, 'acl', TF_CANNED, 'private', `S3 bucket ${r.id}`);
    // Legacy inline grants: grant { type = "Group", uri = …, permissions = [...] }.
    publicGrants(r.body.get('grant').list(), (g) => [g], (g) => g.get('permissions').strings(), `S3 bucket ${r.id}`, ctx);
  } else {
    canned(r, ctx, 'acl', TF_CANNED, 'private', `Bucket ACL ${r.id}`);
    // access_control_policy { grant { grantee { type = "Group", uri = … } permission = "READ" } }.
    const grants = r.body.get('access_control_policy').list().flatMap((p) => p.get('grant').list());
    publicGrants(grants, (g) => g.get('grantee').list(), (g) => g.get('permission').strings(), `Bucket ACL ${r.id}`, ctx);
  }
}

export default defineRule({
  id: 'CL-AWS-050',
  slug: 's3-public-acl',
  title: 'S3 bucket ACL grants access to everyone',
  severity: 'high',
  fixable: true,
  description:
    'A bucket ACL of PublicRead, PublicReadWrite or AuthenticatedRead (or a grant to the AllUsers or AuthenticatedUsers group) lets anyone on the internet, or anyone with an AWS account, list the bucket and, for PublicReadWrite, write to it.',
  remediation: 'Use the Private ACL (or none: new buckets disable ACLs through BucketOwnerEnforced object ownership) and grant access with a bucket policy naming the principals that need it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS enforces the ACLs and policies you set and, since April 2023, disables ACLs and blocks public access on new buckets by default',
    customer: 'whom an ACL grants access to is your decision, and so is turning ACLs and Block Public Access back off'
  },
  frameworks: [nist('AC-3', 'AC-6'), pci('1.4.4')],
  equivalents: {
    checkov: ['CKV_AWS_20', 'CKV_AWS_57', 'CKV2_AWS_43'],
    kics: [
      '219f4c95-aa50-44e0-97de-cf71f4641170',
      '07dda8de-d90d-469e-9b37-1aca53526ced',
      '835d5497-a526-4aea-a23f-98a9afd1635f',
      '38c5ee0d-7f22-4260-ab72-5073048df100',
      '57b9893d-33b1-4419-bcea-a717ea87e139',
      'bd0088a5-c133-4b20-b129-ec9968b16ef3',
    ],
    trivy: ['aws-s3-no-public-access-with-acl', 'aws-cloudtrail-no-public-log-access'],
    cfnNag: ['W31', 'F14'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
    cfnGuideDoc('aws-resource-s3-bucket', 'cfn-s3-bucket-accesscontrol'),
    tfDoc('s3_bucket_acl'),
  ],
  checks: bucketChecks(cloudformation, terraform, ['aws_s3_bucket', 'aws_s3_bucket_acl']),
});
