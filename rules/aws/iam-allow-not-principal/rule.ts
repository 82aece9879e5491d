// CL-AWS-170: an Allow statement written with NotPrincipal that a Condition narrows (the unconditioned ones are
// CL-AWS-013 and CL-AWS-015 to CL-AWS-019's: they grant everyone).
import { cfnGuideDoc, defineRule, nist, soc2 } from '../../kit';
import { atKey, heldStatementChecks, identityResponsibility } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-170',
  slug: 'iam-allow-not-principal',
  title: 'Policy allows every principal except a list (Allow with NotPrincipal)',
  severity: 'medium',
  fixable: false,
  description:
    'An Allow statement with NotPrincipal grants every principal of every AWS account, and anonymous callers, except the ones listed; only its Condition keeps the world out. AWS recommends against NotPrincipal with Allow.',
  remediation: 'Name the principals that need access in Principal, or grant "*" with an explicit Condition such as aws:PrincipalOrgID or aws:PrincipalAccount; keep NotPrincipal for Deny statements.',
  responsibility: identityResponsibility('who each resource and trust policy lets in is yours to decide', 'AWS evaluates resource and trust policies, their principals and conditions, on every request'),
  frameworks: [nist('AC-3', 'AC-6'), soc2('CC6.1')],
  equivalents: {
    cfnNag: ['F6', 'F7', 'F8', 'F9'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document#not_principals',
  ],
  checks: heldStatementChecks(({ statement: s, holder }, r, ctx) => {
    const np = s.not('principal');
    if (!np || !s.allows) return;
    // Without a narrowing Condition, the grant to everyone is CL-AWS-013's (trust) or CL-AWS-015 to -019's (resources).
    if (!s.mayBeNarrowed && np.isKnown) return;
    ctx.report(atKey(np, r), `${holder} allows every principal not listed in NotPrincipal, in any account and anonymous ones; only its Condition narrows who.`);
  }),
});
