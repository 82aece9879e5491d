// CL-AZ-045: a Service Bus namespace reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';
import { noDenyByDefault } from '../../lib/azure-network';

/**
 * The network_rule_set block, or a separate azurerm_servicebus_namespace_network_rule_set that refers to the
 * namespace; default_action defaults to Allow in both.
 */
const RULE_SET = { block: 'network_rule_set', absentAllows: true, separate: ['azurerm_servicebus_namespace_network_rule_set'] } as const;

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
    appliesTo: (r, ctx) => noDenyByDefault(r, RULE_SET, ctx),
    fix: false,
    formats: { terraform: { types: ['azurerm_servicebus_namespace'], path: ['public_network_access_enabled'] } },
  }),
});
