// CL-AZ-040: an Azure AI Search service reachable from every network.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-040',
  slug: 'search-service-public-network-access',
  title: 'Search service accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'A search service with public network access and no allowed IP list answers every address; its admin and query keys (or tokens) are the only protection of the indexed content.',
  remediation: 'Set public_network_access_enabled to false (private endpoints) or list allowed_ips.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the search service and enforces its network settings',
    customer: 'which networks may reach the service is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_124'], kics: ['4a9e0f00-0765-4f72-a0d4-d31110b78279'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/search/service-configure-firewall',
    azurermDoc('search_service', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Search service',
    consequence: 'and lists no allowed_ips, so it accepts requests from every network',
    want: false,
    absentMeans: true,
    appliesTo: (r) => r.body.get('allowed_ips').isAbsent,
    fix: false,
    formats: { terraform: { types: ['azurerm_search_service'], path: ['public_network_access_enabled'] } },
  }),
});
