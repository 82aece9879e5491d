// CL-AZ-018: a key vault without purge protection.
import { azurermDoc, BACKUPS, cisAzure, defineRule, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-018',
  slug: 'key-vault-purge-protection-disabled',
  title: 'Key vault has purge protection disabled',
  severity: 'medium',
  fixable: false,
  description:
    'Soft delete keeps a deleted vault, key or secret recoverable for its retention period, but without purge protection anyone with purge permission (or an attacker with it) can erase it for good at once. Data encrypted with a purged key is lost.',
  remediation: 'Set purge_protection_enabled to true (it cannot be turned off again).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'Microsoft runs the vault service and its hardware security modules',
    customer: 'protecting keys and secrets from permanent deletion is your setting',
  },
  frameworks: [cisAzure('8.5'), ...BACKUPS],
  equivalents: { checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview',
    azurermDoc('key_vault', 'purge_protection_enabled'),
  ],
  checks: settingChecks({
    subject: 'Key vault',
    consequence: 'so a deleted vault, key or secret can be purged before its retention period ends',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_key_vault'], path: ['purge_protection_enabled'] } },
  }),
});
