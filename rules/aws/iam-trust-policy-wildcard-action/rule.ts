// CL-AWS-175: a role trust policy statement that allows a wildcard action ("*", "sts:*", "sts:AssumeRole*")
// instead of the one assume action its principal uses.
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource, soc2, tfDoc } from '../../kit';
import { identityResponsibility, trustStatements } from '../../lib/iam-trust';

function check(r: Resource, ctx: CheckContext): void {
  const holder = r.type === 'data.aws_iam_policy_document' ? `Policy document ${r.id}` : `The trust policy of role ${r.id}`;
  for (const s of trustStatements(r)) {
    if (!s.allows) continue;
    for (const a of s.actions) {
      const x = a.str();
      if (x === undefined || !(x.includes('*') || x.includes('?'))) continue;
      ctx.report(a, `${holder} allows "${x}" to its principals instead of naming the assume action they use (sts:AssumeRole, sts:AssumeRoleWithWebIdentity, …) and the session actions they need.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-175',
  slug: 'iam-trust-policy-wildcard-action',
  title: 'Role trust policy allows a wildcard action',
  severity: 'medium',
  fixable: false,
  description:
    'A trust statement with Action "*", "sts:*" or "sts:AssumeRole*" lets its principals assume the role in every way STS offers (with a web identity or SAML assertion too) and tag sessions or set a source identity, not just the one way they are meant to.',
  remediation: 'Name the action the principal uses: sts:AssumeRole for accounts and services, sts:AssumeRoleWithWebIdentity for OIDC, sts:AssumeRoleWithSAML for SAML, plus sts:TagSession or sts:SetSourceIdentity only where needed.',
  responsibility: identityResponsibility('which ways of assuming each role you allow is yours to decide', 'AWS runs STS and enforces the trust policy on every AssumeRole* call'),
  frameworks: [nist('AC-6'), soc2('CC6.1')],
  equivalents: { cfnNag: ['F2'], kics: ['b1ffa705-19a3-4b73-b9d0-0c97d0663842'] },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    tfDoc('iam_role', 'assume_role_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::Role'], run: check },
    terraform: { reads: 'resource', types: ['aws_iam_role', 'data.aws_iam_policy_document'], run: check },
  },
});
