// CL-AZ-011: an Azure Database for MySQL, PostgreSQL or MariaDB (single) server reachable over its public endpoint.
import { azurermDoc, defineRule, NOT_PUBLIC, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-011',
  slug: 'database-server-public-network-access',
  title: 'MySQL, PostgreSQL or MariaDB server allows public network access',
  severity: 'medium',
  fixable: false,
  description:
    'With public network access enabled (the default), the server accepts connections from every address its firewall rules admit; with it disabled, only private endpoints reach it.',
  remediation: 'Set public_network_access_enabled to false and connect through private endpoints.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft runs the public endpoint and enforces your firewall rules',
    customer: 'whether the server has a public endpoint at all is your decision',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_53', 'CKV_AZURE_68', 'CKV_AZURE_48'], kics: ['f118890b-2468-42b1-9ce9-af35146b425b', '7f0a8696-7159-4337-ad0d-8a3ab4a78195'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/mysql/single-server/concepts-data-access-security-private-link',
    azurermDoc('postgresql_server', 'public_network_access_enabled'),
    azurermDoc('mysql_server', 'public_network_access_enabled'),
    azurermDoc('mariadb_server', 'public_network_access_enabled'),
  ],
  checks: settingChecks({
    subject: 'Database server',
    consequence: 'so its public endpoint accepts connections from the addresses its firewall rules admit',
    want: false,
    absentMeans: true,
    fix: false,
    formats: { terraform: { types: ['azurerm_mysql_server', 'azurerm_postgresql_server', 'azurerm_mariadb_server'], path: ['public_network_access_enabled'] } },
  }),
});
