// CL-AWS-260: a WAFv2 web ACL with no rules whose default action allows: it lets every request through uninspected.
import { cfnDoc, type CheckContext, defineRule, jsonDocuments, nist, ofType, pci, type Resource, tfDoc, type Val } from '../../kit';

const CONSEQUENCE = 'so it allows every request it sees without inspecting it';

/** Terraform resources that add a rule to a web ACL from outside it (the web ACL then ignores changes to `rule`). */
const RULE_ADDERS = ['aws_wafv2_web_acl_rule_group_association', 'aws_wafv2_web_acl_rule'];

/** 'allow' when the default action allows, 'other' when it blocks, 'unknown' when it cannot be told. */
function defaultAction(action: Val, allow: string, block: string): 'allow' | 'other' | 'unknown' {
  if (action.isUnknown || action.alts.length !== 1) return 'unknown';
  const blocks = action.list();
  if (blocks.length !== 1) return 'unknown';
  const a = blocks[0];
  if (a.get(allow).isUnknown || a.get(block).isUnknown || !a.get('dynamic').isAbsent) return 'unknown';
  if (a.get(allow).list().length > 0) return 'allow';
  return 'other';
}

/** The first alternative of a rule list that holds no rule (absent or an empty list); undefined when every one has rules or is unknown. */
const empty = (rules: Val): Val | undefined => rules.find((alt) => !alt.isUnknown && (alt.isAbsent || (alt.isSeq && alt.items().length === 0)));

function cloudformation(r: Resource, ctx: CheckContext): void {
  if (defaultAction(r.body.get('DefaultAction'), 'Allow', 'Block') !== 'allow') return;
  const rules = r.body.get('Rules');
  const bad = empty(rules);
  if (!bad) return;
  const at = bad.isAbsent && rules.alts.length === 1 ? r.anchor : bad;
  ctx.report(at, `Web ACL ${r.id} has no Rules and its DefaultAction is Allow, ${CONSEQUENCE}.`);
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('rule').isAbsent) return;
  if (defaultAction(r.body.get('default_action'), 'allow', 'block') !== 'allow') return;
  const rules = r.body.get('rule');
  const json = r.body.get('rule_json');
  if (rules.isUnknown || json.isUnknown && jsonDocuments(json, r).length === 0) return;
  // Rules added by separate resources: one that refers to this web ACL, or whose web ACL is not known, may add them.
  const adders = ofType(ctx, ...RULE_ADDERS);
  if (adders.length > 0) {
    if (ctx.referrers(r, RULE_ADDERS).length > 0) return;
    if (adders.some((a) => a.references('web_acl_arn').length === 0)) return;
  }
  if (!json.isAbsent) {
    // rule_json (which the provider does not allow beside rule blocks): an empty JSON list written in place.
    if (!rules.isAbsent || json.alts.length !== 1) return;
    const docs = jsonDocuments(json, r);
    if (docs.length !== 1 || !docs[0].isSeq || docs[0].items().length > 0) return;
    ctx.report(json, `Web ACL ${r.id} sets rule_json to an empty list and its default_action is allow, ${CONSEQUENCE}.`);
    return;
  }
  const bad = empty(rules);
  if (!bad) return;
  ctx.report(bad.isAbsent ? r.anchor : bad, `Web ACL ${r.id} has no rule and its default_action is allow, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-260',
  slug: 'wafv2-web-acl-no-rules',
  title: 'WAF web ACL has no rules and allows by default',
  severity: 'low',
  fixable: false,
  description:
    'A web ACL applies its rules in order and its default action to the requests no rule matched. With no rules and a default action of Allow, it inspects nothing: every resource associated with it looks protected by AWS WAF while every request gets through.',
  remediation: 'Add rules to the web ACL: AWS managed rule groups (the core rule set, known bad inputs), a rate-based rule, and your own rules; or make the default action Block with rules that allow the expected traffic.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'network',
    provider: 'AWS evaluates the web ACL on every request sent to the resources associated with it and provides managed rule groups',
    customer: 'the rules of the web ACL and its default action are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV_AWS_175'],
  },
  docs: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-default-action.html',
    cfnDoc('aws-resource-wafv2-webacl'),
    tfDoc('wafv2_web_acl', 'rule'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::WAFv2::WebACL'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_wafv2_web_acl'], run: terraform },
  },
});
