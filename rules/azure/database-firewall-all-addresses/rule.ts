// CL-AZ-012: a server-level firewall rule of Azure SQL, MySQL, PostgreSQL, MariaDB or Redis that admits every IPv4
// address (0.0.0.0 to 255.255.255.255); for the SQL family also 0.0.0.0 to 0.0.0.0, which admits every Azure service
// of every customer (reported at a lower severity).
import { azurermDoc, cisAzure, defineRule, NOT_PUBLIC, type Val } from '../../kit';

/** Firewall rule types and the names of their start and end attributes. */
const TYPES: Record<string, { start: string; end: string; azureServices: boolean }> = {
  azurerm_sql_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_mssql_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_mysql_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_mysql_flexible_server_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_postgresql_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_postgresql_flexible_server_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_mariadb_firewall_rule: { start: 'start_ip_address', end: 'end_ip_address', azureServices: true },
  azurerm_redis_firewall_rule: { start: 'start_ip', end: 'end_ip', azureServices: false },
};

const ip = (v: Val) => v.str()?.trim();

export default defineRule({
  id: 'CL-AZ-012',
  slug: 'database-firewall-all-addresses',
  title: 'Database firewall rule admits every address',
  severity: 'high',
  fixable: false,
  description:
    'A server firewall rule from 0.0.0.0 to 255.255.255.255 lets every internet address reach the database or cache, leaving only the login between the data and the world. A SQL, MySQL, PostgreSQL or MariaDB rule from 0.0.0.0 to 0.0.0.0 ("Allow Azure services") admits every service in Azure, including other customers\' resources.',
  remediation: 'Allow only the addresses of your clients (or use private endpoints and turn public network access off); remove the 0.0.0.0 rules.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Microsoft enforces the server firewall at its gateway and denies everything no rule allows',
    customer: 'which addresses your firewall rules admit is yours to decide',
  },
  frameworks: [cisAzure('4.1.2', '4.3.7'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_AZURE_11'], kics: ['25c0ea09-f1c5-4380-b055-3b83863f2bb8'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure',
    azurermDoc('mssql_firewall_rule'),
    azurermDoc('postgresql_flexible_server_firewall_rule'),
    azurermDoc('redis_firewall_rule'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: Object.keys(TYPES),
      run(r, ctx) {
        const t = TYPES[r.type];
        const start = r.body.get(t.start);
        const end = r.body.get(t.end);
        if (ip(start) !== '0.0.0.0') return;
        if (ip(end) === '255.255.255.255') {
          ctx.report(start, `Firewall rule ${r.id} admits ${t.start} 0.0.0.0 to ${t.end} 255.255.255.255, so every internet address can reach the server.`);
        } else if (ip(end) === '0.0.0.0' && t.azureServices) {
          ctx.report(start, `Firewall rule ${r.id} admits 0.0.0.0 to 0.0.0.0 ("Allow Azure services"), so every Azure service, including other customers' resources, can reach the server.`, { severity: 'medium' });
        }
      },
    },
  },
});
