// CL-AWS-174: one IAM user given two (or more) active access keys in the same file (CIS AWS 1.13).
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, get, nist, ofType, type Resource, str, tfDoc } from '../../kit';
import { identityResponsibility } from '../../lib/iam-trust';

const TYPES = ['AWS::IAM::AccessKey', 'aws_iam_access_key'];

/** Which user a key belongs to, as written: a known name, a `!Ref` to a user resource, or a Terraform expression. */
function userKey(r: Resource): string | undefined {
  const cfn = r.format === 'cloudformation';
  const status = r.body.get(cfn ? 'Status' : 'status');
  if (!status.isAbsent && status.str()?.toLowerCase() !== 'active') return undefined;
  const user = r.body.get(cfn ? 'UserName' : 'user');
  if (user.alts.length !== 1) return undefined;
  const name = user.str();
  if (name !== undefined) return `name:${name}`;
  const ref = str(get(user.at, 'Ref'));
  if (ref !== undefined) return `ref:${ref}`;
  if (cfn) return undefined;
  // Terraform: the user resource the expression refers to (a plan holds the name as known after apply; its
  // configuration keeps the reference), else the expression as written.
  const refs = r.references('user');
  if (refs.length === 1) return `expr:${refs[0]}`;
  const text = str(user.at);
  return text !== undefined && text.startsWith('${') ? `expr:${text}` : undefined;
}

/** The active keys of the file grouped by user, in file order (built once per lint). */
function keysByUser(ctx: CheckContext): Map<string, Resource[]> {
  return ctx.shared('iam-user-multiple-access-keys', () => {
    const out = new Map<string, Resource[]>();
    for (const k of ofType(ctx, ...TYPES)) {
      const u = userKey(k);
      if (u === undefined) continue;
      const list = out.get(`${k.format}\u0000${u}`) ?? [];
      list.push(k);
      out.set(`${k.format}\u0000${u}`, list);
    }
    return out;
  });
}

function check(r: Resource, ctx: CheckContext): void {
  const u = userKey(r);
  if (u === undefined) return;
  const keys = keysByUser(ctx).get(`${r.format}\u0000${u}`) ?? [];
  const first = keys[0];
  if (keys.length < 2 || first === r) return;
  const who = u.startsWith('name:') ? `IAM user ${u.slice(5)}` : u.startsWith('ref:') ? `IAM user ${u.slice(4)}` : 'The same IAM user';
  ctx.report(r.anchor, `${who} gets a second active access key here (${r.id}) besides ${first.id}: two long-term credentials to track, rotate and revoke.`, {
    related: [{ node: first.anchor, message: `the first active key, ${first.id}` }],
  });
}

export default defineRule({
  id: 'CL-AWS-174',
  slug: 'iam-user-multiple-access-keys',
  title: 'IAM user has more than one active access key',
  severity: 'low',
  fixable: false,
  description:
    'Two active access keys for one user double the long-term credentials that can leak, and the older one tends to outlive the rotation it was kept for. CIS AWS Foundations asks for at most one active key per user.',
  remediation: 'Keep one active key per user (deactivate the other: Status Inactive) outside a short rotation window; prefer roles over user keys.',
  responsibility: identityResponsibility('which identities have long-term credentials, and how many, is yours to decide', 'AWS runs IAM and allows up to two access keys per user to make rotation possible'),
  frameworks: [cisAws('1.13'), nist('IA-5', 'AC-2')],
  equivalents: {
    kics: ['48677914-6fdf-40ec-80c4-2b0e94079f54', '3561130e-9c5f-485b-9e16-2764c82763e5'],
    trivy: ['aws-iam-limit-user-access-keys'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    cfnGuideDoc('aws-resource-iam-accesskey'),
    tfDoc('iam_access_key'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::IAM::AccessKey'], run: check },
    terraform: { reads: 'scope', types: ['aws_iam_access_key'], run: check },
  },
});
