// CL-AWS-003: an identity policy that allows every action on every resource (full administrator access).
import { cfnGuideDoc, cisAws, defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { allowedActionChecks, identityResponsibility, ON_EVERY_RESOURCE } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-003',
  slug: 'iam-policy-admin-wildcard',
  title: 'IAM policy grants full administrator access',
  severity: 'high',
  fixable: false,
  description:
    'A policy statement that allows Action "*" on Resource "*" gives whoever holds it every permission in the account, including changing IAM itself. A leaked key or a compromised workload with this policy is a full account takeover.',
  remediation: 'Replace "*" with the actions the principal needs, on the resources it needs them for; keep administrator access to a few roles assumed with MFA.',
  responsibility: identityResponsibility('which actions each policy allows on which resources is yours to decide'),
  frameworks: [cisAws('1.16'), nist('AC-6'), pci('7.2.2'), iso27001('A.8.2'), soc2('CC6.3')],
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
    cfnGuideDoc('aws-resource-iam-policy'),
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document',
  ],
  // The first "*" of a statement on Resource "*".
  checks: allowedActionChecks((a) =>
    a.action === '*' && a.onEverything && a.first ? `every action ("*") ${ON_EVERY_RESOURCE}, which is full administrator access.` : undefined,
  ),
});
