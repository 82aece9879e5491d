// CL-AZ-010: an Azure SQL logical server reachable over its public endpoint.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-010',
  slug: 'sql-server-public-network-access',
  title: 'SQL server allows public network access',
  severity: 'medium',
  fixable: false,
  description:
    'With public network access enabled (the default), the server\'s public endpoint accepts connections from every address its firewall rules admit; with it disabled, only private endpoints reach the server, whatever the firewall rules say.',
  remediation: 'Set public_network_access_enabled to false and connect through private endpoints.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the gateway of the public endpoint and enforces your firewall rules',
    customer: 'whether the server has a public endpoint at all is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_113'], kics: ['ade36cf4-329f-4830-a83d-9db72c800507'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access',
    azurermDoc('mssql_server', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'SQL server',
    consequence: 'so its public endpoint accepts connections from the addresses its firewall rules admit',
    want: false,
    absentMeans: true,
    fix: false,
    formats: { terraform: { types: ['azurerm_mssql_server'], path: ['public_network_access_enabled'] } },
  }),
});
