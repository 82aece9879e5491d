// CL-AWS-211: an Allow statement written with NotResource, in an identity, resource or trust policy.
import { cfnGuideDoc, defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { atKey, heldStatementChecks, identityResponsibility, quoteList } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-211',
  slug: 'iam-allow-not-resource',
  title: 'Policy allows actions on every resource except a list (Allow with NotResource)',
  severity: 'medium',
  fixable: false,
  description:
    'An Allow statement with NotResource grants its actions on every resource of every account the actions reach, except the ones listed, including resources created later. It is almost always broader than intended; AWS recommends NotResource only with Deny.',
  remediation: 'List the resources the principal needs in Resource; keep NotResource for Deny statements (for example "deny everything outside these buckets").',
  responsibility: identityResponsibility('which resources each policy allows actions on is yours to decide'),
  frameworks: [nist('AC-6'), soc2('CC6.3'), iso27001('A.8.2'), pci('7.2.2')],
  equivalents: {
    cfnNag: ['W21', 'W22', 'W23'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    cfnGuideDoc('aws-resource-iam-policy'),
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document#not_resources',
  ],
  checks: heldStatementChecks(({ statement: s, holder }, r, ctx) => {
    const not = s.not('resource');
    if (!not || !s.allows) return;
    const listed = s.val.get(s.syntax === 'json' ? 'NotResource' : 'not_resources');
    const names = [];
    for (const a of listed.isSeq ? listed.items() : [listed]) {
      const x = a.str();
      if (x !== undefined) names.push(x);
    }
    const except = names.length > 0 ? ` except ${quoteList(names)}` : ' except those in NotResource';
    const actions = s.actions.map((a) => a.str());
    const what = actions.length > 0 && actions.every((a): a is string => a !== undefined) ? quoteList(actions) : 'its actions';
    ctx.report(atKey(not, r), `${holder} allows ${what} on every resource${except}, including resources created later and in other accounts.`);
  }),
});
