// CL-AWS-011: iam:PassRole allowed on every role.
import { type CheckContext, defineRule, type Resource } from '../../kit';
import { globMatch, IDENTITY_POLICY_CFN_TYPES, IDENTITY_POLICY_TF_TYPES, identityStatements, policyHolder } from '../../lib/iam';

/**
 * True for an action that names PassRole explicitly or by a pattern narrower than the whole service
 * (`iam:PassRole`, `iam:Pass*`, `iam:P*`); `*` and `iam:*` are CL-AWS-003 and CL-AWS-010.
 */
export function grantsPassRole(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon < 0 || action.slice(colon + 1) === '*') return false;
  return globMatch(action, 'iam:PassRole');
}

function check(r: Resource, ctx: CheckContext): void {
  for (const s of identityStatements(r)) {
    if (!s.allows || !s.resources.some((x) => x.str() === '*')) continue;
    for (const a of s.actions) {
      const action = a.str();
      if (action === undefined || !grantsPassRole(action)) continue;
      ctx.report(
        a,
        `${policyHolder(r)} allows ${action === 'iam:PassRole' ? 'iam:PassRole' : `"${action}" (iam:PassRole)`} on every resource ("*"), so it can hand any role in the account to a service it controls.`,
      );
    }
  }
}

export default defineRule({
  id: 'CL-AWS-011',
  slug: 'iam-passrole-wildcard',
  title: 'IAM policy allows iam:PassRole on every role',
  severity: 'high',
  fixable: false,
  description:
    'iam:PassRole on Resource "*" lets the holder attach any role of the account, including administrator roles, to an EC2 instance, Lambda function, ECS task or CloudFormation stack it creates, and then act with that role\'s permissions.',
  remediation: 'Limit iam:PassRole to the ARNs of the roles the principal must pass, and add an iam:PassedToService condition.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs IAM and checks iam:PassRole whenever a role is handed to a service',
    customer: 'which roles each principal may pass is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-6'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.3'] },
  ],
  equivalents: { kics: ['e39bee8c-fe54-4a3f-824d-e5e2d1cca40a'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run: check },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run: check },
  },
});
