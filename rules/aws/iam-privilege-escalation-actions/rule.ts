// CL-AWS-012: IAM actions that let a principal raise its own (or anyone's) privileges, allowed on every resource.
import { defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { allowedActionChecks, globMatch, identityResponsibility, narrowerThanService, ON_EVERY_RESOURCE, quoteList } from '../../lib/iam';

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
  return narrowerThanService(action) ? ESCALATION_ACTIONS.filter((e) => globMatch(action, e)) : [];
}

/** What an action on Resource "*" grants of the escalation actions: the action itself when it is one, else its pattern and them. */
function grants(action: string): string | undefined {
  const granted = escalationsOf(action);
  if (granted.length === 0) return undefined;
  const what = granted.length === 1 && granted[0].toLowerCase() === action.toLowerCase() ? granted[0] : `"${action}" (${quoteList(granted)})`;
  return `${what} ${ON_EVERY_RESOURCE}, which lets it give itself or others more privileges.`;
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
  responsibility: identityResponsibility('who may change identities and their permissions is yours to decide'),
  frameworks: [nist('AC-6'), iso27001('A.8.2'), soc2('CC6.3'), pci('7.2.2')],
  equivalents: { checkov: ['CKV_AWS_110', 'CKV_AWS_286'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html',
  ],
  checks: allowedActionChecks((a) => (a.onEverything ? grants(a.action) : undefined)),
});
