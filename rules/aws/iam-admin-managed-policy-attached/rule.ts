// CL-AWS-103: an AWS managed administrator policy (AdministratorAccess, PowerUserAccess, IAMFullAccess) attached to a
// role, user, group or AWS SAM function or state machine.
import { cfnDoc, type CheckContext, defineRule, iso27001, nist, pci, type Resource, soc2, tfDoc, type Val } from '../../kit';
import { ADMIN_MANAGED_POLICIES, awsManagedPolicyName, identityResponsibility } from '../../lib/iam';

/** Where each type lists the policies it attaches, how messages name it, and whether bare policy names count. */
const SITES: Readonly<Record<string, { key: string; holder: string; names?: boolean }>> = {
  'AWS::IAM::Role': { key: 'ManagedPolicyArns', holder: 'IAM role' },
  'AWS::IAM::User': { key: 'ManagedPolicyArns', holder: 'IAM user' },
  'AWS::IAM::Group': { key: 'ManagedPolicyArns', holder: 'IAM group' },
  // AWS SAM: `Policies` is one policy or a list; a string item is an AWS managed policy name or a policy ARN.
  'AWS::Serverless::Function': { key: 'Policies', holder: 'The execution role of function', names: true },
  'AWS::Serverless::StateMachine': { key: 'Policies', holder: 'The execution role of state machine', names: true },
  aws_iam_role: { key: 'managed_policy_arns', holder: 'IAM role' },
  aws_iam_role_policy_attachments_exclusive: { key: 'policy_arns', holder: 'Role policy attachments' },
  aws_iam_role_policy_attachment: { key: 'policy_arn', holder: 'Role policy attachment' },
  aws_iam_user_policy_attachment: { key: 'policy_arn', holder: 'User policy attachment' },
  aws_iam_group_policy_attachment: { key: 'policy_arn', holder: 'Group policy attachment' },
  aws_iam_policy_attachment: { key: 'policy_arn', holder: 'Policy attachment' },
};

/** Every alternative of every policy the value names: a single value or the items of a list. */
function policies(v: Val): Val[] {
  return v.each().flatMap((alt) => (alt.isSeq ? alt.items().flatMap((i) => i.each()) : [alt]));
}

function run(r: Resource, ctx: CheckContext): void {
  const site = SITES[r.type];
  for (const alt of policies(r.body.get(site.key))) {
    const name = awsManagedPolicyName(alt, r, site.names);
    const allows = name === undefined ? undefined : ADMIN_MANAGED_POLICIES[name];
    if (allows) ctx.report(alt, `${site.holder} ${r.id} attaches the AWS managed policy ${name} (${site.key}), which allows ${allows}.`);
  }
}

const types = (format: 'cloudformation' | 'terraform') => Object.keys(SITES).filter((t) => (format === 'cloudformation') === t.startsWith('AWS::'));

export default defineRule({
  id: 'CL-AWS-103',
  slug: 'iam-admin-managed-policy-attached',
  title: 'AWS managed administrator policy attached to an identity',
  severity: 'high',
  fixable: false,
  description:
    'AdministratorAccess, PowerUserAccess and IAMFullAccess are AWS managed policies that give their holder every action on every resource, everything but identity management, or the power to grant itself anything. A role, user or function holding one of them turns a leaked key or a compromised workload into control of the account.',
  remediation: 'Attach a policy that allows only the actions and resources the identity needs; keep administrator access to a few roles assumed with MFA, or to IAM Identity Center permission sets.',
  responsibility: identityResponsibility('which policies your roles, users and groups hold is yours to decide', 'AWS writes and maintains its managed policies and evaluates every request against the policies you attach'),
  frameworks: [nist('AC-6', 'AC-6(5)'), pci('7.2.2'), iso27001('A.8.2'), soc2('CC6.3')],
  equivalents: {
    checkov: ['CKV_AWS_274', 'CKV_AWS_275', 'CKV2_AWS_56'],
    cfnNag: ['W43', 'W44'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    cfnDoc('aws-resource-iam-role', 'cfn-iam-role-managedpolicyarns'),
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies',
    tfDoc('iam_role_policy_attachment'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: types('cloudformation'), run },
    terraform: { reads: 'resource', types: types('terraform'), run },
  },
});
