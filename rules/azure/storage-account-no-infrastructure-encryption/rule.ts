// CL-AZ-007: a storage account without infrastructure (double) encryption.
import { AT_REST, azurermDoc, cisAzure, defineRule, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-007',
  slug: 'storage-account-no-infrastructure-encryption',
  title: 'Storage account does not use infrastructure encryption',
  severity: 'low',
  fixable: false,
  description:
    'Azure Storage encrypts all data at rest once (256-bit AES, service level). Infrastructure encryption adds a second layer with a different algorithm and key at the infrastructure level, so one compromised key or algorithm does not expose the data. It can only be chosen when the account is created.',
  remediation: 'Create the account with infrastructure_encryption_enabled = true (this replaces an existing account: move the data first).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft runs the storage service, its hosts and its network, and encrypts the data at rest',
    customer: 'asking for the second, infrastructure-level layer of encryption is your choice at creation',
  },
  frameworks: [cisAzure('3.2'), ...AT_REST],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable',
    azurermDoc('storage_account', 'infrastructure_encryption_enabled'),
  ],
  checks: settingChecks({
    subject: 'Storage account',
    consequence: 'so its data is encrypted at rest once, not twice',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_storage_account'], path: ['infrastructure_encryption_enabled'] } },
  }),
});
