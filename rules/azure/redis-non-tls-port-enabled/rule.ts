// CL-AZ-032: an Azure Cache for Redis with the non-TLS port (6379) open.
import { azurermDoc, checkSetting, defineRule, IN_TRANSIT_STORES, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_redis_cache'];

/** azurerm 4.0 renamed enable_non_ssl_port to non_ssl_port_enabled (both default to false). */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['non_ssl_port_enabled'] },
  { types: TYPES, path: ['enable_non_ssl_port'] },
];

const SPEC: SettingSpec = {
  subject: 'Redis cache',
  consequence: 'so clients can send the access key and data unencrypted on port 6379',
  want: false,
  absentMeans: false,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['non_ssl_port_enabled'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-032',
  slug: 'redis-non-tls-port-enabled',
  title: 'Redis cache has the non-TLS port enabled',
  severity: 'high',
  fixable: false,
  description:
    'With the non-TLS port enabled, clients can connect on 6379 without encryption: the access key and every cached value cross the network in clear text.',
  remediation: 'Set non_ssl_port_enabled (enable_non_ssl_port before azurerm 4.0) to false and connect on the TLS port 6380.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs and patches the cache nodes and Redis itself',
    customer: 'whether clients may connect without TLS is your setting',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: { checkov: ['CKV_AZURE_91'], kics: ['e29a75e6-aba3-4896-b42d-b87818c16b58'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports',
    azurermDoc('redis_cache', 'non_ssl_port_enabled'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
