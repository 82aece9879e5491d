// CL-AZ-033: an Azure Cache for Redis that accepts TLS 1.0 or 1.1.
import { azurermDoc, defineRule, settingChecks, TLS_VERSIONS } from '../../kit';

export default defineRule({
  id: 'CL-AZ-033',
  slug: 'redis-old-tls',
  title: 'Redis cache accepts TLS 1.0 or 1.1',
  severity: 'medium',
  fixable: true,
  description:
    'A cache whose minimum TLS version is 1.0 or 1.1 lets clients negotiate deprecated protocol versions with known weaknesses; Azure Cache for Redis is retiring them.',
  remediation: 'Set minimum_tls_version to "1.2" (the provider default since azurerm 3.0).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs and patches the cache nodes and Redis itself',
    customer: 'the oldest TLS version the cache accepts is your setting',
  },
  frameworks: TLS_VERSIONS,
  equivalents: { checkov: ['CKV_AZURE_148'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-remove-tls-10-11',
    azurermDoc('redis_cache', 'minimum_tls_version'),
  ],
  checks: settingChecks({
    subject: 'Redis cache',
    consequence: 'so clients may connect with TLS versions that are no longer considered secure',
    want: '1.2',
    // The azurerm provider defaults to 1.2 (since 3.0): absent is fine.
    absentMeans: null,
    ok: (v) => (v.str() === undefined ? undefined : !['1.0', '1.1'].includes(v.str()!)),
    formats: { terraform: { types: ['azurerm_redis_cache'], path: ['minimum_tls_version'] } },
  }),
});
