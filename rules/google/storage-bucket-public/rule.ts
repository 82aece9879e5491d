// CL-GCP-002: a Cloud Storage bucket opened to allUsers or allAuthenticatedUsers, by an IAM member, binding or
// policy of the bucket, or by a bucket, default object or object ACL. The grant is its own resource; the bucket it
// names (by reference) may enforce public access prevention, which blocks the grant: then the finding is low.
import type { CheckContext, Resource } from '../../kit';
import { cisGcp, defineRule, findById, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { publicGrantCheck, whoIs } from '../../lib/gcp-iam';

const IAM_TYPES = ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding', 'google_storage_bucket_iam_policy'];
const ACL_TYPES = ['google_storage_bucket_acl', 'google_storage_default_object_acl', 'google_storage_object_acl'];
const PUBLIC_ACLS: Record<string, string> = { publicRead: 'allUsers', publicReadWrite: 'allUsers', authenticatedRead: 'allAuthenticatedUsers' };

const SUBJECTS: Record<string, string> = {
  google_storage_bucket_iam_member: 'Storage bucket IAM member',
  google_storage_bucket_iam_binding: 'Storage bucket IAM binding',
  google_storage_bucket_iam_policy: 'Storage bucket IAM policy',
  google_storage_bucket_acl: 'Storage bucket ACL',
  google_storage_default_object_acl: 'Default object ACL',
  google_storage_object_acl: 'Object ACL',
};

const consequence = (member: string) => `so ${whoIs(member)} can reach the bucket's data`;

/** The bucket the grant names, when it is in the file and enforces public access prevention. */
function prevented(r: Resource, ctx: CheckContext) {
  const bucket = findById(ctx, ['google_storage_bucket'], r.references('bucket'));
  if (!bucket || bucket.body.get('public_access_prevention').str() !== 'enforced') return undefined;
  return { severity: 'low' as const, why: `not in effect while ${bucket.id} enforces public access prevention` };
}

const iam = publicGrantCheck({ types: IAM_TYPES, subject: (r) => SUBJECTS[r.type], consequence, lower: prevented });

/** ACL entries `ROLE:allUsers` and predefined ACLs that grant the public. */
function checkAcl(r: Resource, ctx: CheckContext): void {
  const lower = prevented(r, ctx);
  const tail = lower ? ` (${lower.why})` : '';
  const options = lower ? { severity: lower.severity } : {};
  const predefined = r.body.get('predefined_acl');
  const member = PUBLIC_ACLS[predefined.str() ?? ''];
  if (member) ctx.report(predefined, `${SUBJECTS[r.type]} ${r.id} sets predefined_acl to ${predefined.str()}, ${consequence(member)}${tail}.`, options);
  for (const entry of r.body.get('role_entity').items()) {
    const [role, entity] = (entry.str() ?? '').split(':');
    if (entity === 'allUsers' || entity === 'allAuthenticatedUsers') {
      ctx.report(entry, `${SUBJECTS[r.type]} ${r.id} grants ${role} to ${entity}, ${consequence(entity)}${tail}.`, options);
    }
  }
}

export default defineRule({
  id: 'CL-GCP-002',
  slug: 'storage-bucket-public',
  title: 'Cloud Storage bucket is open to allUsers or allAuthenticatedUsers',
  severity: 'high',
  fixable: false,
  description:
    'A grant to allUsers makes the bucket (or its objects) readable, or writable, by anyone on the internet without signing in; allAuthenticatedUsers means any of the billions of Google accounts, not your organisation.',
  remediation: 'Grant the role to the users, groups or service accounts that need it instead, and enforce public access prevention on the bucket.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Google enforces the IAM policy and ACLs you set, and public access prevention when you turn it on',
    customer: 'who may read and write the bucket is yours',
  },
  frameworks: [cisGcp('5.1'), ...NOT_PUBLIC],
  equivalents: {
    checkov: ['CKV_GCP_28'],
    kics: ['a6cd52a1-3056-4910-96a5-894de9f3f3b3', 'c010082c-76e0-4b91-91d9-6e8439e455dd'],
    trivy: ['google-storage-no-public-access'],
  },
  docs: [
    'https://cloud.google.com/storage/docs/access-control/making-data-public',
    'https://cloud.google.com/storage/docs/public-access-prevention',
    tfGoogleDoc('storage_bucket_iam'),
    tfGoogleDoc('storage_bucket_acl'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...IAM_TYPES, ...ACL_TYPES],
      run(r, ctx) {
        if (ACL_TYPES.includes(r.type)) checkAcl(r, ctx);
        else iam.run(r, ctx);
      },
    },
  },
});
