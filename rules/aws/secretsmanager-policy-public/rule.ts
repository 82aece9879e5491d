// CL-AWS-116: a Secrets Manager resource policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnDoc, defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-116',
  slug: 'secretsmanager-policy-public',
  title: 'Secrets Manager resource policy allows anyone',
  severity: 'critical',
  fixable: false,
  description:
    'A secret\'s resource policy statement that allows Principal "*" without a Condition lets principals of any AWS account read, change or delete the secret, depending on the actions it lists (the secret must then use a key they may use, but the policy no longer limits who).',
  remediation: 'Name the roles and accounts that need the secret, or narrow the statement with a Condition such as aws:PrincipalOrgID or aws:PrincipalAccount; set BlockPublicPolicy (block_public_policy) to true.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS stores the secret encrypted and enforces its resource policy on every request',
    'who may read and change the secret is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  equivalents: { kics: ['fa00ce45-386d-4718-8392-fb485e1f3c5b'] },
  docs: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html',
    cfnDoc('aws-resource-secretsmanager-resourcepolicy'),
    tfDoc('secretsmanager_secret_policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.secretsmanager),
});
