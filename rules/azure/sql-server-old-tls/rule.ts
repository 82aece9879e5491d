// CL-AZ-014: an Azure SQL logical server that accepts TLS 1.0 or 1.1 (or any version).
import { azurermDoc, defineRule, settingChecks, TLS_VERSIONS } from '../../kit';

export default defineRule({
  id: 'CL-AZ-014',
  slug: 'sql-server-old-tls',
  title: 'SQL server accepts TLS 1.0 or 1.1',
  severity: 'medium',
  fixable: true,
  description:
    'An Azure SQL logical server whose minimum TLS version is 1.0, 1.1 or "Disabled" (no minimum) accepts connections on deprecated TLS versions with known weaknesses.',
  remediation: 'Set minimum_tls_version to "1.2" (the provider default).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft patches the database engine and the hosts and encrypts data at rest by default',
    customer: 'the oldest TLS version the server accepts is your setting',
  },
  frameworks: TLS_VERSIONS,
  equivalents: { checkov: ['CKV_AZURE_52'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimum-tls-version',
    azurermDoc('mssql_server', 'minimum_tls_version'),
  ],
  checks: settingChecks({
    subject: 'SQL server',
    consequence: 'so clients may connect with TLS versions that are no longer considered secure',
    want: '1.2',
    // The azurerm provider defaults to 1.2: absent is fine.
    absentMeans: null,
    ok: (v) => (v.str() === undefined ? undefined : !['1.0', '1.1', 'disabled'].includes(v.str()!.toLowerCase())),
    formats: { terraform: { types: ['azurerm_mssql_server'], path: ['minimum_tls_version'] } },
  }),
});
