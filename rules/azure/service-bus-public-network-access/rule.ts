// CL-AZ-045: a Service Bus namespace reachable from every network.
import { azurermDoc, type CheckContext, defineRule, NOT_PUBLIC, type Resource, settingChecks } from '../../kit';

/** The network rule set written as its own resource (azurerm_servicebus_namespace_network_rule_set). */
const RULE_SET = ['azurerm_servicebus_namespace_network_rule_set'];

/**
 * True when the namespace has no network_rule_set block, or every block's default_action is Allow (the default), and
 * no separate rule set resource that refers to it denies by default (or says it in a way not known here).
 */
function noDenyRuleSet(r: Resource, ctx: CheckContext): boolean {
  for (const set of ctx.referrers(r, RULE_SET)) {
    const a = set.body.get('default_action');
    if (!(a.isAbsent || a.str()?.toLowerCase() === 'allow')) return false;
  }
  const v = r.body.get('network_rule_set');
  if (v.isAbsent) return true;
  const blocks = v.list();
  return blocks.length > 0 && blocks.every((b) => {
    const a = b.get('default_action');
    return a.isAbsent || a.str()?.toLowerCase() === 'allow';
  });
}

export default defineRule({
  id: 'CL-AZ-045',
  slug: 'service-bus-public-network-access',
  title: 'Service Bus namespace accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'A Service Bus namespace with public network access and no network rule set that denies by default accepts connections from any address; only its keys or tokens protect the messages.',
  remediation: 'Set public_network_access_enabled to false (private endpoints), or (Premium tier) add a network_rule_set block with default_action = "Deny" and the IP ranges or subnets that need access.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the messaging service and enforces the network rules you set',
    customer: 'which networks may reach the namespace is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_204'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/service-bus-messaging/network-security',
    azurermDoc('servicebus_namespace', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Service Bus namespace',
    consequence: 'and has no network rule set that denies by default, so it accepts connections from every network',
    want: false,
    absentMeans: true,
    appliesTo: noDenyRuleSet,
    fix: false,
    formats: { terraform: { types: ['azurerm_servicebus_namespace'], path: ['public_network_access_enabled'] } },
  }),
});
