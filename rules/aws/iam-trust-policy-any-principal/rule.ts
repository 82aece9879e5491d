// CL-AWS-013: a role whose trust policy lets any principal in any account assume it.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, samGlobal, soc2, tfDoc } from '../../kit';
import { identityResponsibility, policyStatements, publicGrants } from '../../lib/iam';

function check(attr: string) {
  return (r: Resource, ctx: CheckContext): void => {
    // AWS SAM: a function's AssumeRolePolicyDocument (or the one in Globals.Function) is the trust policy of the
    // execution role SAM creates for it; a function given an existing Role gets none.
    const sam = r.type === 'AWS::Serverless::Function';
    if (sam && !r.body.get('Role').isAbsent) return;
    const own = r.body.get(attr);
    const policy = sam && own.isAbsent ? samGlobal(r, attr) : own;
    const role = sam ? `The execution role of function ${r.id}` : `Role ${r.id}`;
    const from = sam && own.isAbsent ? ' (from Globals.Function)' : '';
    for (const g of publicGrants(policyStatements(policy, r, ctx))) {
      ctx.report(
        from ? r.anchor : g.at,
        g.notPrincipal
          ? `${role} can be assumed by every principal not listed in NotPrincipal of its ${attr}${from}, with no Condition.`
          : `${role} can be assumed by any AWS principal ("*") in any account: its ${attr}${from} statement has no Condition that narrows who.`,
        from ? { related: [{ node: g.at.at, message: 'The statement is set here for every function of the template.' }] } : undefined,
      );
    }
  };
}

export default defineRule({
  id: 'CL-AWS-013',
  slug: 'iam-trust-policy-any-principal',
  title: 'IAM role can be assumed by anyone',
  severity: 'critical',
  fixable: false,
  description:
    'A role trust policy that allows Principal "*" (or {"AWS": "*"}) without a Condition lets any IAM user or role in any AWS account call sts:AssumeRole and receive the role\'s permissions.',
  remediation: 'Name the accounts, roles or services that may assume the role, or add a Condition such as aws:PrincipalOrgID or sts:ExternalId.',
  responsibility: identityResponsibility('who is trusted to assume each role is yours to decide', 'AWS runs STS and enforces the trust policy on every AssumeRole call'),
  frameworks: [nist('AC-3', 'AC-6'), iso27001('A.5.15'), soc2('CC6.1')],
  equivalents: {
    checkov: ['CKV_AWS_60'],
    kics: ['f80e3aa7-7b34-4185-954e-440a6894dde6', '12b7e704-37f0-4d1e-911a-44bf60c48c21', 'bcdcbdc6-a350-4855-ae7c-d1e6436f7c97'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
    cfnGuideDoc('aws-resource-iam-role', 'cfn-iam-role-assumerolepolicydocument'),
    tfDoc('iam_role', 'assume_role_policy'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::IAM::Role', 'AWS::Serverless::Function'], run: check('AssumeRolePolicyDocument') },
    terraform: { reads: 'scope', types: ['aws_iam_role'], run: check('assume_role_policy') },
  },
});
