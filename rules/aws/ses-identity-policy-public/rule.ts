// CL-AWS-275: an SES identity (sending authorization) policy with an Allow to Principal "*" and no Condition that
// narrows who. Terraform only: CloudFormation has no resource type for SES identity policies.
import { defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-275',
  slug: 'ses-identity-policy-public',
  title: 'SES identity policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A sending authorization policy statement that allows Principal "*" without a Condition lets principals of any AWS account use the identity, depending on the actions it lists: send mail from your verified domain or address through their own SES account (mail that passes your domain\'s DKIM and SPF checks), or read and change the identity\'s settings.',
  remediation:
    'Name the accounts, users or roles that may send for the identity, or narrow the statement with a Condition such as aws:PrincipalOrgID or aws:SourceAccount.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs SES and enforces the identity\'s sending authorization policies on every request that uses the identity',
    'who may send mail as your verified identities is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  equivalents: { kics: ['34b921bd-90a0-402e-a0a5-dc73371fd963'] },
  docs: [
    'https://docs.aws.amazon.com/ses/latest/dg/policy-anatomy.html',
    'https://docs.aws.amazon.com/ses/latest/dg/identity-authorization-policy-examples.html',
    tfDoc('ses_identity_policy', 'policy'),
    tfDoc('sesv2_email_identity_policy', 'policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.ses),
});
