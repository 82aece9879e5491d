// CL-GCP-026: a BigQuery dataset readable by allUsers or allAuthenticatedUsers (access blocks, dataset access
// resources, or dataset IAM members, bindings and policies).
import type { CheckContext, Resource } from '../../kit';
import { cisGcp, defineRule, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { PUBLIC_MEMBERS, publicGrantCheck, whoIs } from '../../lib/gcp-iam';

const IAM_TYPES = ['google_bigquery_dataset_iam_member', 'google_bigquery_dataset_iam_binding', 'google_bigquery_dataset_iam_policy'];
const consequence = (member: string) => `so ${whoIs(member)} can query its tables`;
const iam = publicGrantCheck({
  types: IAM_TYPES,
  subject: (r) => `BigQuery dataset IAM ${r.type.split('_iam_')[1]}`,
  consequence,
});

/** `access` blocks of a dataset, or the body of a `google_bigquery_dataset_access`: special_group or iam_member. */
function checkAccess(r: Resource, ctx: CheckContext): void {
  const entries = r.type === 'google_bigquery_dataset' ? r.body.get('access').list() : [r.body];
  const subject = r.type === 'google_bigquery_dataset' ? 'BigQuery dataset' : 'BigQuery dataset access';
  for (const a of entries) {
    for (const key of ['special_group', 'iam_member']) {
      const v = a.get(key);
      const member = v.str();
      if (member === undefined || !PUBLIC_MEMBERS.has(member)) continue;
      const role = a.get('role').str();
      ctx.report(v, `${subject} ${r.id} grants ${role ?? 'access'} to ${member} (access.${key}), ${consequence(member)}.`);
    }
  }
}

export default defineRule({
  id: 'CL-GCP-026',
  slug: 'bigquery-dataset-public',
  title: 'BigQuery dataset is open to allUsers or allAuthenticatedUsers',
  severity: 'high',
  fixable: false,
  description:
    'A dataset role granted to allUsers or allAuthenticatedUsers lets anyone (or any Google account) list and query its tables, at your cost for storage and theirs for queries: analytics data is often the most sensitive a company holds.',
  remediation: 'Grant dataset roles to the groups and service accounts that need them; publish data deliberately through Analytics Hub or authorized views.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google runs BigQuery and enforces dataset access as you set it',
    customer: 'who may read your datasets is yours',
  },
  frameworks: [cisGcp('7.1'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_GCP_15'], kics: ['e576ce44-dd03-4022-a8c0-3906acca2ab4'], trivy: ['google-bigquery-no-public-access'] },
  docs: ['https://cloud.google.com/bigquery/docs/control-access-to-resources-iam', tfGoogleDoc('bigquery_dataset', 'access'), tfGoogleDoc('bigquery_dataset_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: ['google_bigquery_dataset', 'google_bigquery_dataset_access', ...IAM_TYPES],
      run(r, ctx) {
        if (IAM_TYPES.includes(r.type)) iam.run(r, ctx);
        else checkAccess(r, ctx);
      },
    },
  },
});
