// CL-AZ-046: an Azure AI services (Cognitive Services) account reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, type Resource, settingChecks } from '../../kit';

/** True when the account has no network_acls block, or every block's default_action is known to be Allow. */
function noDenyAcls(r: Resource): boolean {
  const v = r.body.get('network_acls');
  if (v.isAbsent) return true;
  const blocks = v.list();
  return blocks.length > 0 && blocks.every((b) => b.get('default_action').str()?.toLowerCase() === 'allow');
}

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
    appliesTo: noDenyAcls,
    fix: false,
    formats: { terraform: { types: ['azurerm_cognitive_account'], path: ['public_network_access_enabled'] } },
  }),
});
