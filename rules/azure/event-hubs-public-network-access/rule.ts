// CL-AZ-044: an Event Hubs namespace reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';
import { noDenyByDefault } from '../../lib/azure-network';

/** network_rulesets.default_action is required by the provider: an absent one is not known to allow. */
const RULESETS = { block: 'network_rulesets', absentAllows: false } as const;

export default defineRule({
  id: 'CL-AZ-044',
  slug: 'event-hubs-public-network-access',
  title: 'Event Hubs namespace accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'An Event Hubs namespace with public network access and no network rule set that denies by default accepts connections from any address; only its keys or tokens protect the events.',
  remediation: 'Set public_network_access_enabled to false (private endpoints), or add a network_rulesets block with default_action = "Deny" and the IP ranges or subnets that need access.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the event streaming service and enforces the network rules you set',
    customer: 'which networks may reach the namespace is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_230'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/event-hubs/network-security',
    azurermDoc('eventhub_namespace', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Event Hubs namespace',
    consequence: 'and has no network rule set that denies by default, so it accepts connections from every network',
    want: false,
    absentMeans: true,
    appliesTo: (r) => noDenyByDefault(r, RULESETS),
    fix: false,
    formats: { terraform: { types: ['azurerm_eventhub_namespace'], path: ['public_network_access_enabled'] } },
  }),
});
