// CL-AZ-038: a Cosmos DB account reachable from every network.
import { azurermDoc, cisAzure, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-038',
  slug: 'cosmosdb-public-network-access',
  title: 'Cosmos DB account accepts connections from every network',
  severity: 'medium',
  fixable: false,
  description:
    'A Cosmos DB account with public network access and no IP or virtual network filter accepts requests from any address; only its keys or tokens protect the data.',
  remediation: 'Set public_network_access_enabled to false (private endpoints), or restrict it with ip_range_filter or virtual network rules.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the database service, replicates and backs it up and encrypts data at rest',
    customer: 'which networks may reach the account is yours to decide',
  },
  frameworks: [cisAzure('4.5.1'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_101'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall',
    azurermDoc('cosmosdb_account', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Cosmos DB account',
    consequence: 'and has no IP or virtual network filter, so it accepts requests from every network',
    want: false,
    absentMeans: true,
    appliesTo: (r) => r.body.get('ip_range_filter').isAbsent && r.body.get('is_virtual_network_filter_enabled').bool() !== true,
    fix: false,
    formats: { terraform: { types: ['azurerm_cosmosdb_account'], path: ['public_network_access_enabled'] } },
  }),
});
