// CL-AZ-006: a storage account that accepts Shared Key authorization (account keys and SAS signed with them).
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-006',
  slug: 'storage-account-shared-key-access',
  title: 'Storage account allows Shared Key authorization',
  severity: 'low',
  fixable: false,
  description:
    'While Shared Key access is allowed, anyone holding one of the two account keys, or a SAS token signed with them, has full access to the data with no identity attached, and keys are easily leaked in connection strings. Microsoft Entra ID authorization gives per-identity, auditable and revocable access instead.',
  remediation: 'Set shared_access_key_enabled to false once clients use Microsoft Entra ID (and default_to_oauth_authentication to true).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the storage service, its hosts and its network, and encrypts the data at rest',
    customer: 'how clients authenticate to the account, and whether account keys work at all, is your choice',
  },
  frameworks: [nist('IA-2', 'AC-3')],
  equivalents: { checkov: ['CKV2_AZURE_40'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent',
    azurermDoc('storage_account', 'shared_access_key_enabled'),
  ],
  checks: settingChecks({
    subject: 'Storage account',
    consequence: 'so its account keys (and SAS tokens signed with them) grant full access with no identity attached',
    want: false,
    absentMeans: true,
    fix: false,
    formats: { terraform: { types: ['azurerm_storage_account'], path: ['shared_access_key_enabled'] } },
  }),
});
