// CL-AWS-212: an identity policy that allows, on every resource and with no Condition, actions that return or create credentials.
import { defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { actionClassChecks, CREDENTIAL_EXPOSURE_ACTIONS, identityResponsibility } from '../../lib/iam-action-classes';

export default defineRule({
  id: 'CL-AWS-212',
  slug: 'iam-credential-exposure-any-resource',
  title: 'IAM policy allows credential-exposure actions on every resource',
  severity: 'high',
  fixable: false,
  description:
    'Actions such as sts:AssumeRole, iam:UpdateAccessKey, iam:CreateServiceSpecificCredential, redshift:GetClusterCredentials or sso:GetRoleCredentials return or create credentials. Allowed on Resource "*" with no Condition, they hand the holder the credentials of any role, user or database that accepts them, and so the permissions that go with those credentials.',
  remediation: 'Allow these actions only on the roles, users or clusters the principal needs (their ARNs), or narrow the statement with a Condition (for example on resource tags).',
  responsibility: identityResponsibility('which credentials each principal may obtain is yours to decide'),
  frameworks: [nist('AC-6'), iso27001('A.8.2'), soc2('CC6.3'), pci('7.2.2')],
  equivalents: { checkov: ['CKV_AWS_107', 'CKV_AWS_287'], kics: ['e835bd0d-65da-49f7-b6d1-b646da8727e6'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html',
  ],
  checks: actionClassChecks({
    name: 'credential exposure',
    actions: CREDENTIAL_EXPOSURE_ACTIONS,
    consequence: 'since these actions return or create credentials for any identity or database that accepts them',
  }),
});
