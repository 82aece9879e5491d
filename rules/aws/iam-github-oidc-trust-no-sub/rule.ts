// CL-AWS-163: a role that trusts GitHub Actions' OIDC provider without pinning the token's `sub` claim to your
// repositories, so any workflow of any GitHub repository can assume it.
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource, soc2, tfDoc, type Val } from '../../kit';
import { conditionsOf, identityResponsibility, trustStatements, writtenText } from '../../lib/iam-trust';

const GITHUB = 'token.actions.githubusercontent.com';
const SUB = `${GITHUB}:sub`;

function allowsWebIdentity(actions: readonly Val[]): boolean {
  return actions.some((a) => {
    const x = a.str()?.toLowerCase();
    return x === 'sts:assumerolewithwebidentity' || x === 'sts:*' || x === '*';
  });
}

/** A `sub` pattern that any repository can match: `*`, `repo:*`, or an owner part with a wildcard (`repo:octo*`). */
function matchesAnyOwner(sub: string): boolean {
  if (sub === '*' || sub.startsWith('*')) return true;
  if (!sub.toLowerCase().startsWith('repo:')) return false;
  const owner = sub.slice(5).split('/')[0];
  return owner.includes('*') || owner.includes('?');
}

function check(r: Resource, ctx: CheckContext): void {
  const holder = r.type === 'data.aws_iam_policy_document' ? `Policy document ${r.id}` : `Role ${r.id}`;
  for (const s of trustStatements(r)) {
    if (!s.allows || !allowsWebIdentity(s.actions)) continue;
    const conditions = conditionsOf(s);
    if (conditions === undefined) continue;
    const federated = s.principals.find((p) => p.type === 'Federated' && (writtenText(p.value) ?? '').includes(GITHUB));
    const githubKeys = conditions.filter((c) => c.key.toLowerCase().startsWith(`${GITHUB}:`));
    if (!federated && githubKeys.length === 0) continue;
    const subs = conditions.filter((c) => c.key.toLowerCase() === SUB);
    if (subs.length === 0) {
      const at = federated?.value ?? s.principals.find((p) => p.type === 'Federated')?.value;
      if (at) ctx.report(at, `${holder} trusts GitHub Actions' OIDC provider with no condition on ${SUB}, so a workflow in any GitHub repository can assume it.`);
      continue;
    }
    for (const c of subs) {
      for (const v of c.values) {
        const x = v.str();
        if (x !== undefined && matchesAnyOwner(x)) {
          ctx.report(v, `${holder} lets GitHub Actions assume it when ${SUB} is "${x}", which a workflow of any GitHub owner's repository matches.`);
        }
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-163',
  slug: 'iam-github-oidc-trust-no-sub',
  title: 'Role trusting GitHub Actions OIDC does not restrict the repository (sub claim)',
  severity: 'high',
  fixable: false,
  description:
    'GitHub issues OIDC tokens to every workflow of every repository, all with the same issuer and audience. A role that trusts token.actions.githubusercontent.com without a condition on the sub claim (or with a sub pattern any owner matches) can be assumed from anyone\'s repository.',
  remediation: 'Add a StringEquals or StringLike condition on token.actions.githubusercontent.com:sub naming your organisation and repository (repo:my-org/my-repo:ref:refs/heads/main, or an environment).',
  responsibility: identityResponsibility('which repositories and workflows may assume a role is yours to decide', 'AWS runs STS, validates the OIDC token\'s signature, issuer and audience, and enforces the trust policy\'s conditions'),
  frameworks: [nist('AC-3', 'IA-8'), soc2('CC6.1')],
  equivalents: {
    checkov: ['CKV_AWS_358', 'CKV_AWS_393'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    tfDoc('iam_role', 'assume_role_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::Role'], run: check },
    terraform: { reads: 'resource', types: ['aws_iam_role', 'data.aws_iam_policy_document'], run: check },
  },
});
