// CL-AWS-120: a Glacier vault access policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnDoc, defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_DATA_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-120',
  slug: 'glacier-vault-policy-public',
  title: 'Glacier vault access policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A vault access policy statement that allows Principal "*" without a Condition lets principals of any AWS account retrieve, upload or delete archives, depending on the actions it lists.',
  remediation: 'Name the accounts and roles that use the vault, or narrow the statement with a Condition such as aws:PrincipalOrgID.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS stores the archives durably and enforces the vault access policy on every request',
    'who may read, write and delete archives is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: { checkov: ['CKV_AWS_167'] },
  docs: [
    'https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html',
    cfnDoc('aws-resource-glacier-vault', 'cfn-glacier-vault-accesspolicy'),
    tfDoc('glacier_vault', 'access_policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.glacier),
});
