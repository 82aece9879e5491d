// CL-AZ-041: a container registry reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-041',
  slug: 'container-registry-public-network-access',
  title: 'Container registry accepts connections from every network',
  severity: 'low',
  fixable: false,
  description:
    'A registry with public network access and no network rule set accepts pushes and pulls from any address; a leaked token or password is usable from anywhere.',
  remediation: 'Set public_network_access_enabled to false (private endpoints, Premium SKU) or add a network_rule_set with default_action "Deny".',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the registry service and enforces its network settings',
    customer: 'which networks may reach the registry is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_139'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks',
    azurermDoc('container_registry', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Container registry',
    consequence: 'and has no network rule set, so it accepts pushes and pulls from every network',
    want: false,
    absentMeans: true,
    appliesTo: (r) => r.body.get('network_rule_set').isAbsent,
    fix: false,
    formats: { terraform: { types: ['azurerm_container_registry'], path: ['public_network_access_enabled'] } },
  }),
});
