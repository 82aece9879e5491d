// CL-AWS-225: a WAFv2 web ACL that does not block requests with the AWS managed Known Bad Inputs rule group (Log4Shell).
import { cfnGuideDoc, type CheckContext, defineRule, jsonDocuments, keyNode, type Node, nist, pci, type Resource, tfDoc, type Val } from '../../kit';

const GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';
/** The rule of the group that matches Log4j JNDI lookups. */
const LOG4J_RULE = 'Log4JRCE';
const THREAT = 'requests carrying Log4j JNDI lookups (CVE-2021-44228)';

/** The property names of one format. */
interface Names {
  readonly rules: string;
  readonly statement: string;
  readonly managed: string;
  readonly name: string;
  readonly vendor: string;
  readonly override: string;
  readonly count: string;
  readonly excluded: string;
  readonly actionOverrides: string;
  readonly actionToUse: string;
  readonly allow: string;
  /** A web ACL without the group is reported at the rule list's key (CloudFormation) or at the resource name. */
  readonly atRules: boolean;
}

const CFN: Names = {
  rules: 'Rules',
  statement: 'Statement',
  managed: 'ManagedRuleGroupStatement',
  name: 'Name',
  vendor: 'VendorName',
  override: 'OverrideAction',
  count: 'Count',
  excluded: 'ExcludedRules',
  actionOverrides: 'RuleActionOverrides',
  actionToUse: 'ActionToUse',
  allow: 'Allow',
  atRules: true,
};

const TF: Names = {
  rules: 'rule',
  statement: 'statement',
  managed: 'managed_rule_group_statement',
  name: 'name',
  vendor: 'vendor_name',
  override: 'override_action',
  count: 'count',
  excluded: 'excluded_rule',
  actionOverrides: 'rule_action_override',
  actionToUse: 'action_to_use',
  allow: 'allow',
  atRules: false,
};

/** What one rule of the web ACL does about the group: blocks with it, uses it without blocking, or cannot be told. */
type Verdict =
  | { readonly kind: 'blocks' | 'other' | 'unknown' }
  | { readonly kind: 'weakened'; readonly at: Val | Node; readonly message: string };

/** The one block of a Terraform block list or a CloudFormation mapping; undefined when it cannot be told. */
function single(v: Val): Val | undefined {
  if (v.isUnknown || v.alts.length !== 1) return undefined;
  const list = v.list();
  return list.length === 1 ? list[0] : undefined;
}

/** True when `action` (an action block) holds the `key` action (CloudFormation `Count: {}`, Terraform `count {}`). */
function has(action: Val, key: string): boolean {
  return action.get(key).list().length > 0;
}

function verdict(rule: Val, n: Names, id: string): Verdict {
  if (rule.isUnknown || rule.alts.length !== 1 || !rule.get('dynamic').isAbsent) return { kind: 'unknown' };
  const statementVal = rule.get(n.statement);
  if (statementVal.isAbsent) return { kind: 'other' };
  const statement = single(statementVal);
  if (!statement || !statement.get('dynamic').isAbsent) return { kind: 'unknown' };
  const managedVal = statement.get(n.managed);
  if (managedVal.isAbsent) return { kind: 'other' };
  const managed = single(managedVal);
  if (!managed) return { kind: 'unknown' };
  const name = managed.get(n.name);
  const vendor = managed.get(n.vendor);
  if (name.isUnknown || vendor.isUnknown || name.alts.length !== 1 || vendor.alts.length !== 1) return { kind: 'unknown' };
  if (name.str() !== GROUP || vendor.str() !== 'AWS') return { kind: 'other' };
  if (!managed.get('dynamic').isAbsent) return { kind: 'unknown' };

  // The whole group in count mode: its rules only count.
  const overrideVal = rule.get(n.override);
  if (!overrideVal.isAbsent) {
    const override = single(overrideVal);
    if (!override) return { kind: 'unknown' };
    if (has(override, n.count)) {
      const at = keyNode(override, n.count) ?? override;
      return { kind: 'weakened', at, message: `Web ACL ${id} runs the managed rule group ${GROUP} in count mode (${n.override} ${n.count}), so ${THREAT} are counted, not blocked.` };
    }
    if (override.get(n.count).isUnknown) return { kind: 'unknown' };
  }
  // Excluded rules are set to count (the older way of overriding one rule).
  const excluded = managed.get(n.excluded);
  if (excluded.isUnknown) return { kind: 'unknown' };
  for (const e of excluded.list()) {
    const ruleName = e.get(n.name);
    if (ruleName.isUnknown) return { kind: 'unknown' };
    if (ruleName.str() === LOG4J_RULE) {
      return { kind: 'weakened', at: ruleName, message: `Web ACL ${id} excludes rule ${LOG4J_RULE} of the managed rule group ${GROUP} (${n.excluded}), so ${THREAT} are counted, not blocked.` };
    }
  }
  // A rule action override that counts (or allows) what Log4JRCE matches.
  const overrides = managed.get(n.actionOverrides);
  if (overrides.isUnknown) return { kind: 'unknown' };
  for (const o of overrides.list()) {
    const ruleName = o.get(n.name);
    if (ruleName.isUnknown) return { kind: 'unknown' };
    if (ruleName.str() !== LOG4J_RULE) continue;
    const action = single(o.get(n.actionToUse));
    if (!action) return { kind: 'unknown' };
    const to = has(action, n.count) ? n.count : has(action, n.allow) ? n.allow : undefined;
    if (to) {
      return { kind: 'weakened', at: ruleName, message: `Web ACL ${id} overrides rule ${LOG4J_RULE} of the managed rule group ${GROUP} to ${to} (${n.actionOverrides}), so ${THREAT} are not blocked.` };
    }
  }
  return { kind: 'blocks' };
}

/** The label namespace the group adds to the requests it matches, for rules after it (`...:Log4JRCE`). */
const LABELS = 'awswaf:managed:aws:known-bad-inputs:';

/** True when a rule acts on the group's labels (a label match statement anywhere in it names one). */
function usesLabels(rule: Val, depth = 0): boolean {
  if (depth > 32) return false;
  const s = rule.str();
  if (s !== undefined) return s.startsWith(LABELS);
  for (const [, child] of rule.entries()) if (usesLabels(child, depth + 1)) return true;
  for (const child of rule.items()) if (usesLabels(child, depth + 1)) return true;
  return false;
}

/**
 * Terraform's `rule_json`: the web ACL's rules as the WAFv2 API writes them (a JSON string, or `jsonencode` of a list),
 * whose names are CloudFormation's. A finding about a missing group lands on the attribute's name.
 */
const TF_JSON: Names = { ...CFN, rules: 'rule_json', atRules: true };

function check(formatNames: Names) {
  return (r: Resource, ctx: CheckContext): void => {
    let n = formatNames;
    if (!r.body.get('dynamic').get(n.rules).isAbsent) return;
    let rules = r.body.get(n.rules);
    // Terraform rules written as one JSON document (rule_json, which the provider does not allow beside rule blocks).
    const json = n === TF ? r.body.get('rule_json') : undefined;
    if (json && !json.isAbsent) {
      if (!rules.isAbsent) return;
      const docs = jsonDocuments(json, r);
      // A value that is not one JSON list as written (a variable, a function of one, a conditional) is not judged.
      if (json.alts.length !== 1 || docs.length !== 1 || !docs[0].isSeq) return;
      n = TF_JSON;
      rules = docs[0];
    }
    if (rules.isUnknown) return;
    for (const alt of rules.each()) {
      const verdicts = alt.isAbsent ? [] : alt.list().map((rule) => verdict(rule, n, r.id));
      if (verdicts.some((v) => v.kind === 'blocks' || v.kind === 'unknown')) continue;
      const weakened = verdicts.filter((v) => v.kind === 'weakened');
      // The group counts, and another rule acts on its labels (blocks what Log4JRCE matched): not judged here.
      if (weakened.length > 0 && alt.list().some((rule) => usesLabels(rule))) continue;
      if (weakened.length > 0) {
        for (const w of weakened) if (w.kind === 'weakened') ctx.report(w.at, w.message);
        return;
      }
      const at = rules.alts.length > 1 ? alt : ((n.atRules ? keyNode(r.body, n.rules) : undefined) ?? r.anchor);
      const what = alt.isAbsent ? `has no ${n.rules}` : `has no rule that uses the AWS managed rule group ${GROUP}`;
      ctx.report(at, `Web ACL ${r.id} ${what}, so ${THREAT} and other known exploit patterns are not blocked.`);
      return;
    }
  };
}

export default defineRule({
  id: 'CL-AWS-225',
  slug: 'wafv2-no-known-bad-inputs',
  title: 'WAF web ACL does not block known bad inputs (Log4j)',
  severity: 'medium',
  fixable: false,
  description:
    'The AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet blocks request patterns of known exploits, among them the Log4j JNDI lookups of CVE-2021-44228 (Log4Shell) in headers, URI, query string and body. A web ACL without it, or with it in count mode or with its Log4JRCE rule excluded or counted, lets such requests through to applications that may still log them with a vulnerable Log4j.',
  remediation: 'Add a rule with a ManagedRuleGroupStatement (managed_rule_group_statement) for AWSManagedRulesKnownBadInputsRuleSet, vendor AWS, with OverrideAction None, and do not exclude or count its Log4JRCE rule.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'network',
    provider: 'AWS writes and updates the managed rule group as new exploit patterns appear and evaluates it on each request',
    customer: 'adding the rule group to your web ACL and letting it block are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV_AWS_192'],
  },
  docs: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html',
    cfnGuideDoc('aws-properties-wafv2-webacl-managedrulegroupstatement'),
    tfDoc('wafv2_web_acl', 'managed_rule_group_statement'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::WAFv2::WebACL'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_wafv2_web_acl'], run: check(TF) },
  },
});
