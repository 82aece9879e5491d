// CL-AZ-013: an Azure Database for MySQL, PostgreSQL or MariaDB (single) server that accepts unencrypted connections.
import { azurermDoc, cisAzure, defineRule, IN_TRANSIT_STORES, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-013',
  slug: 'database-server-ssl-not-enforced',
  title: 'MySQL, PostgreSQL or MariaDB server does not enforce SSL',
  severity: 'high',
  fixable: true,
  description:
    'With SSL enforcement off, clients may connect without TLS: passwords and query results cross the network in clear text.',
  remediation: 'Set ssl_enforcement_enabled to true (and ssl_minimal_tls_version_enforced to TLS1_2).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft offers TLS on every server endpoint',
    customer: 'requiring it from every client is your setting',
  },
  frameworks: [cisAzure('4.3.1', '4.4.1'), ...IN_TRANSIT_STORES],
  equivalents: { checkov: ['CKV_AZURE_28', 'CKV_AZURE_29'], kics: ['0437633b-daa6-4bbc-8526-c0d2443b946e', '73e42469-3a86-4f39-ad78-098f325b4e9f'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-ssl-connection-security',
    azurermDoc('postgresql_server', 'ssl_enforcement_enabled'),
    azurermDoc('mysql_server', 'ssl_enforcement_enabled'),
  ],
  checks: settingChecks({
    subject: 'Database server',
    consequence: 'so clients may connect without encryption',
    want: true,
    // Required by the provider (3.x): absent is a configuration error, not a default.
    absentMeans: null,
    formats: { terraform: { types: ['azurerm_mysql_server', 'azurerm_postgresql_server', 'azurerm_mariadb_server'], path: ['ssl_enforcement_enabled'] } },
  }),
});
