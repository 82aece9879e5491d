// CL-AWS-128: an SSM document shared with every AWS account (permissions account_ids "All").
import { type CheckContext, defineRule, NOT_PUBLIC, type Resource, tfDoc } from '../../kit';

function check(r: Resource, ctx: CheckContext): void {
  for (const perms of r.body.get('permissions').list()) {
    for (const v of perms.get('account_ids').each()) {
      const ids = v.str()?.split(',').map((s) => s.trim().toLowerCase());
      if (ids?.includes('all')) {
        ctx.report(v, `SSM document ${r.id} is shared with account_ids "All", so every AWS account can read and run it.`);
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-128',
  slug: 'ssm-document-public',
  title: 'SSM document is shared publicly',
  severity: 'high',
  fixable: false,
  description:
    'An SSM document shared with "All" is public: every AWS account can read its content (scripts, parameters, internal host names and sometimes credentials) and run it on their own instances.',
  remediation: 'Share the document with the account IDs that need it (permissions account_ids), and keep block public sharing for SSM documents turned on.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS stores the documents and enforces their sharing permissions',
    customer: 'which accounts may read and run your documents is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_303'] },
  docs: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html',
    tfDoc('ssm_document', 'permissions'),
  ],
  checks: { terraform: { reads: 'resource', types: ['aws_ssm_document'], run: check } },
});
