// CL-AWS-003: an identity policy that allows every action on every resource (full administrator access).
import { type CheckContext, defineRule, type Resource } from '../../kit';
import { IDENTITY_POLICY_CFN_TYPES, IDENTITY_POLICY_TF_TYPES, identityStatements, policyHolder } from '../../lib/iam';

function check(r: Resource, ctx: CheckContext): void {
  for (const s of identityStatements(r)) {
    if (!s.allows) continue;
    const star = s.actions.find((a) => a.str() === '*');
    if (!star || !s.resources.some((x) => x.str() === '*')) continue;
    ctx.report(star, `${policyHolder(r)} allows every action ("*") on every resource ("*"), which is full administrator access.`);
  }
}

export default defineRule({
  id: 'CL-AWS-003',
  slug: 'iam-policy-admin-wildcard',
  title: 'IAM policy grants full administrator access',
  severity: 'high',
  fixable: false,
  description:
    'A policy statement that allows Action "*" on Resource "*" gives whoever holds it every permission in the account, including changing IAM itself. A leaked key or a compromised workload with this policy is a full account takeover.',
  remediation: 'Replace "*" with the actions the principal needs, on the resources it needs them for; keep administrator access to a few roles assumed with MFA.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs IAM and evaluates every request against the policies you attach',
    customer: 'which actions each policy allows on which resources is yours to decide',
  },
  frameworks: [
    { framework: 'CIS AWS Foundations Benchmark', version: '3.0.0', controls: ['1.16'] },
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-6'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['7.2.2'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.2'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.3'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_1', 'CKV_AWS_62'],
    kics: [
      '953b3cdb-ce13-428a-aa12-318726506661',
      'f62aa827-4ade-4dc4-89e4-1433d384a368',
      '2f37c4a3-58b9-4afe-8a87-d7f1d2286f84',
      '575a2155-6af1-4026-b1af-d5bc8fe2a904',
    ],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-policy.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: IDENTITY_POLICY_CFN_TYPES, run: check },
    terraform: { reads: 'resource', types: IDENTITY_POLICY_TF_TYPES, run: check },
  },
});
