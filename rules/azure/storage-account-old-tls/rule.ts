// CL-AZ-003: a storage account that accepts TLS 1.0 or 1.1.
import { azurermDoc, cisAzure, defineRule, settingChecks, TLS_VERSIONS } from '../../kit';

export default defineRule({
  id: 'CL-AZ-003',
  slug: 'storage-account-old-tls',
  title: 'Storage account accepts TLS 1.0 or 1.1',
  severity: 'medium',
  fixable: true,
  description:
    'A storage account whose minimum TLS version is 1.0 or 1.1 lets clients negotiate protocol versions with known weaknesses that Microsoft and PCI DSS no longer accept; data and shared keys then travel over them.',
  remediation: 'Set min_tls_version to "TLS1_2" (the provider default since azurerm 3.0).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs the storage service, its hosts and its network, and encrypts the data at rest',
    customer: 'the oldest TLS version the account accepts is your setting',
  },
  frameworks: [cisAzure('3.15'), ...TLS_VERSIONS],
  equivalents: { checkov: ['CKV_AZURE_44'], kics: ['8263f146-5e03-43e0-9cfe-db960d56d1e7'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version',
    azurermDoc('storage_account', 'min_tls_version'),
  ],
  checks: settingChecks({
    subject: 'Storage account',
    consequence: 'so clients may connect with TLS versions that are no longer considered secure',
    want: 'TLS1_2',
    // The azurerm provider defaults to TLS1_2 (since 3.0): absent is fine.
    absentMeans: null,
    ok: (v) => (v.str() === undefined ? undefined : !['TLS1_0', 'TLS1_1'].includes(v.str()!)),
    formats: { terraform: { types: ['azurerm_storage_account'], path: ['min_tls_version'] } },
  }),
});
