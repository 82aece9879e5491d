// CL-AZ-019: a key vault reachable from every network.
import { azurermDoc, cisAzure, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-019',
  slug: 'key-vault-network-access-open',
  title: 'Key vault accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'A key vault without network ACLs, or whose network ACLs default to Allow, accepts data-plane requests from any network; a leaked token for an identity with access is then usable from anywhere.',
  remediation: 'Set network_acls.default_action to "Deny" with the subnets and IP ranges that need access (or public_network_access_enabled = false with private endpoints).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the vault service and enforces the network ACLs you set',
    customer: 'which networks may reach the vault is yours to decide',
  },
  frameworks: [cisAzure(), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_109'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/key-vault/general/network-security',
    azurermDoc('key_vault', 'network_acls'),
  ],
  checks: settingChecks({
    subject: 'Key vault',
    consequence: 'so it accepts requests from every network',
    want: 'Deny',
    absentMeans: 'Allow',
    appliesTo: (r) => r.body.get('public_network_access_enabled').bool() !== false,
    fix: false,
    formats: { terraform: { types: ['azurerm_key_vault'], path: ['network_acls', 'default_action'], absentInBlockMeans: null } },
  }),
});
