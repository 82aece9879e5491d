// CL-AWS-161: an Allow statement written with NotAction, in an identity, resource or trust policy.
import { cfnGuideDoc, defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { atKey, heldStatementChecks, identityResponsibility, quoteList } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-161',
  slug: 'iam-allow-not-action',
  title: 'Policy allows every action except a list (Allow with NotAction)',
  severity: 'medium',
  fixable: false,
  description:
    'An Allow statement with NotAction grants every action of every service except the ones listed, including actions AWS adds later. It is almost always broader than intended; AWS recommends NotAction only with Deny.',
  remediation: 'List the actions the principal needs in Action; keep NotAction for Deny statements (for example "deny everything but IAM self-service without MFA").',
  responsibility: identityResponsibility('which actions each policy allows is yours to decide'),
  frameworks: [nist('AC-6'), soc2('CC6.3'), iso27001('A.8.2'), pci('7.2.2')],
  equivalents: {
    kics: ['818f38ed-8446-4132-9c03-474d49e10195', '5ea624e4-c8b1-4bb3-87a4-4235a776adcc'],
    cfnNag: ['W14', 'W15', 'W16', 'W17', 'W18', 'W19', 'W20'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    cfnGuideDoc('aws-resource-iam-policy'),
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document#not_actions',
  ],
  checks: heldStatementChecks(({ statement: s, holder }, r, ctx) => {
    const not = s.not('action');
    if (!not || !s.allows) return;
    const listed = s.val.get(s.syntax === 'json' ? 'NotAction' : 'not_actions');
    const names = [];
    for (const a of (listed.isSeq ? listed.items() : [listed])) {
      const x = a.str();
      if (x !== undefined) names.push(x);
    }
    const except = names.length > 0 ? ` except ${quoteList(names)}` : ' except those in NotAction';
    const onEverything = s.resources.some((x) => x.str() === '*') ? ' on every resource ("*")' : '';
    ctx.report(atKey(not, r), `${holder} allows every action${except}${onEverything}, including actions AWS adds later.`);
  }),
});
