// CL-AZ-046: an Azure AI services (Cognitive Services) account reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';
import { noDenyByDefault } from '../../lib/azure-network';

/** network_acls.default_action is required by the provider: an absent one is not known to allow. */
const ACLS = { block: 'network_acls', absentAllows: false } as const;

export default defineRule({
  id: 'CL-AZ-046',
  slug: 'cognitive-services-public-network-access',
  title: 'Azure AI services account accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'An Azure AI services (Cognitive Services) account with public network access and no network ACL that denies by default answers every address; only its keys or tokens protect the models and the data sent to them.',
  remediation: 'Set public_network_access_enabled to false (private endpoints), or add a network_acls block with default_action = "Deny" and the IP ranges or subnets that need access.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the AI services and enforces the network rules you set',
    customer: 'which networks may reach the account is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_134'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/ai-services/cognitive-services-virtual-networks',
    azurermDoc('cognitive_account', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Azure AI services account',
    consequence: 'and has no network ACL that denies by default, so it accepts connections from every network',
    want: false,
    absentMeans: true,
    appliesTo: (r) => noDenyByDefault(r, ACLS),
    fix: false,
    formats: { terraform: { types: ['azurerm_cognitive_account'], path: ['public_network_access_enabled'] } },
  }),
});
