// CL-AWS-162: a role trust policy that lets principals of a named account assume the role without an
// sts:ExternalId or MFA condition.
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource, soc2, tfDoc } from '../../kit';
import { identityResponsibility, principalAccount, trustStatements, unguardedAssumption } from '../../lib/iam-trust';

function check(r: Resource, ctx: CheckContext): void {
  for (const s of trustStatements(r)) {
    if (!unguardedAssumption(s)) continue;
    for (const p of s.principals) {
      if (p.type !== 'AWS') continue;
      const value = p.value.str();
      const account = value === undefined ? undefined : principalAccount(value);
      if (account === undefined) continue;
      const holder = r.type === 'data.aws_iam_policy_document' ? `Policy document ${r.id}` : `Role ${r.id}`;
      ctx.report(p.value, `${holder} lets principals of account ${account} call sts:AssumeRole with no sts:ExternalId or aws:MultiFactorAuthPresent condition.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-162',
  slug: 'iam-cross-account-trust-no-external-id',
  title: 'Cross-account role trust has no external ID or MFA condition',
  severity: 'medium',
  fixable: false,
  description:
    'A role that trusts another account without an sts:ExternalId condition can be used by anyone that account lets call sts:AssumeRole, including a third-party service acting for another of its customers (the confused deputy). For people, aws:MultiFactorAuthPresent makes the assumption require MFA.',
  remediation: 'Add a Condition on sts:ExternalId (a third party) or aws:MultiFactorAuthPresent (people) to the trust statement, or name the exact role that may assume it and limit it with aws:PrincipalArn.',
  responsibility: identityResponsibility('who may assume each role, and under which conditions, is yours to decide', 'AWS runs STS and enforces the trust policy and its conditions on every AssumeRole call'),
  frameworks: [nist('AC-3', 'IA-2(1)'), soc2('CC6.1')],
  equivalents: { kics: ['85138beb-ce7c-4ca3-a09f-e8fbcc57ddd7', '09c35abf-5852-4622-ac7a-b987b331232e'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    tfDoc('iam_role', 'assume_role_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::Role'], run: check },
    terraform: { reads: 'resource', types: ['aws_iam_role', 'data.aws_iam_policy_document'], run: check },
  },
});
