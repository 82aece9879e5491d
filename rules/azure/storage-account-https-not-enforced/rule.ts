// CL-AZ-004: a storage account that accepts plain HTTP.
import { azurermDoc, checkSetting, cisAzure, defineRule, IN_TRANSIT_STORES, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_storage_account'];

/** azurerm 4.0 renamed enable_https_traffic_only to https_traffic_only_enabled (both default to true). */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['https_traffic_only_enabled'] },
  { types: TYPES, path: ['enable_https_traffic_only'] },
];

const SPEC: SettingSpec = {
  subject: 'Storage account',
  consequence: 'so it accepts unencrypted HTTP and SMB connections',
  want: true,
  absentMeans: true,
  formats: { terraform: { types: TYPES, path: ['https_traffic_only_enabled'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-004',
  slug: 'storage-account-https-not-enforced',
  title: 'Storage account accepts HTTP (secure transfer not required)',
  severity: 'high',
  fixable: true,
  description:
    'With secure transfer not required, the storage account accepts REST calls over plain HTTP and SMB without encryption, so data, SAS tokens and authorization headers can be read or changed in transit.',
  remediation: 'Set https_traffic_only_enabled (enable_https_traffic_only before azurerm 4.0) to true, or leave it out (the default).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs the storage service, its hosts and its network, and encrypts the data at rest',
    customer: 'requiring encrypted connections to the account is your setting',
  },
  frameworks: [cisAzure('3.1'), ...IN_TRANSIT_STORES],
  equivalents: { checkov: ['CKV_AZURE_3'], kics: ['12944ec4-1fa0-47be-8b17-42a034f937c2'], trivy: ['azure-storage-enforce-https'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer',
    azurermDoc('storage_account', 'https_traffic_only_enabled'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
