// CL-AWS-012: IAM actions that let a principal raise its own (or anyone's) privileges, allowed on every resource.
import { type CheckContext, defineRule, type Resource } from '../../kit';
import { globMatch, IDENTITY_POLICY_CFN_TYPES, IDENTITY_POLICY_TF_TYPES, identityStatements, policyHolder, quoteList } from '../../lib/iam';

/** Actions that, on any user, group, role or policy, are a known path to more privileges (documented in the README). */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:PutUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
];

/** The escalation actions an action pattern grants; `*` and `iam:*` are left to CL-AWS-003 and CL-AWS-010. */
export function escalationsOf(action: string): string[] {
  const colon = action.indexOf(':');
  if (colon < 0 || action.slice(colon + 1) === '*') return [];
  return ESCALATION_ACTIONS.filter((e) => globMatch(action, e));
}

function check(r: Resource, ctx: CheckContext): void {
  for (const s of identityStatements(r)) {
    if (!s.allows || !s.resources.some((x) => x.str() === '*')) continue;
    for (const a of s.actions) {
      const action = a.str();
      const granted = action === undefined ? [] : escalationsOf(action);
      if (granted.length === 0) continue;
      const what = granted.length === 1 && granted[0].toLowerCase() === action!.toLowerCase() ? granted[0] : `"${action}" (${quoteList(granted)})`;
      ctx.report(a, `${policyHolder(r)} allows ${what} on every resource ("*"), which lets it give itself or others more privileges.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-012',
  slug: 'iam-privilege-escalation-actions',
  title: 'IAM policy allows privilege-escalation actions on every resource',
  severity: 'high',
  fixable: false,
  description:
    'Actions such as iam:CreatePolicyVersion, iam:AttachRolePolicy, iam:PutUserPolicy, iam:CreateAccessKey or iam:UpdateAssumeRolePolicy on Resource "*" let the holder rewrite or attach policies, take over other users or roles, and so reach administrator access from a narrow starting point.',
  remediation: 'Grant these actions only on the specific users, roles or policies the principal manages, or move them to an administrator role.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs IAM and evaluates every request against the policies you attach',
    customer: 'who may change identities and their permissions is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-6'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.2'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.3'] },
  ],
  equivalents: { checkov: ['CKV_AWS_110'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run: check },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run: check },
  },
});
