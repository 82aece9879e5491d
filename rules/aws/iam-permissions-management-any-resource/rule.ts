// CL-AWS-214: an identity policy that allows, on every resource and with no Condition, actions that change IAM or resource policies.
import { defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { actionClassChecks, identityResponsibility, PERMISSIONS_MANAGEMENT_ACTIONS } from '../../lib/iam-action-classes';

export default defineRule({
  id: 'CL-AWS-214',
  slug: 'iam-permissions-management-any-resource',
  title: 'IAM policy allows permissions-management actions on every resource',
  severity: 'high',
  fixable: false,
  description:
    'Actions such as iam:CreatePolicy, iam:DetachRolePolicy, s3:PutBucketPolicy, kms:PutKeyPolicy, kms:CreateGrant or lambda:AddPermission change who may do what. Allowed on Resource "*" with no Condition, they let the holder rewrite the policies of every bucket, key, function and identity of the account, to open them to itself or to anyone.',
  remediation: 'Allow these actions only on the policies and resources the principal administers (their ARNs), or keep them in an administrator role assumed with MFA.',
  responsibility: identityResponsibility('who may change permissions, and on what, is yours to decide'),
  frameworks: [nist('AC-6'), iso27001('A.8.2'), soc2('CC6.3'), pci('7.2.2')],
  equivalents: { checkov: ['CKV_AWS_109', 'CKV_AWS_289'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
  ],
  checks: actionClassChecks({
    name: 'permissions management',
    actions: PERMISSIONS_MANAGEMENT_ACTIONS,
    consequence: 'since these actions rewrite IAM and resource policies, and so who may do what on every resource',
  }),
});
