// CL-AZ-049: a key vault that keeps deleted vaults, keys and secrets for less than 90 days.
import { azurermDoc, BACKUPS, defineRule, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-049',
  slug: 'key-vault-short-soft-delete-retention',
  title: 'Key vault keeps deleted objects for less than 90 days',
  severity: 'low',
  fixable: false,
  description:
    'Soft delete keeps a deleted vault, key, secret or certificate recoverable for soft_delete_retention_days (7 to 90, default 90). A shorter period leaves less time to notice an accidental or malicious deletion before the object, and the data encrypted with a key, is gone for good.',
  remediation: 'Leave soft_delete_retention_days at 90 (or remove it) when creating the vault; the period cannot be changed afterwards.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'Microsoft runs the vault service and keeps soft-deleted objects for the period you chose',
    customer: 'how long deleted keys and secrets stay recoverable is your setting',
  },
  frameworks: [...BACKUPS],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview',
    azurermDoc('key_vault', 'soft_delete_retention_days'),
  ],
  checks: settingChecks({
    subject: 'Key vault',
    consequence: 'so deleted vaults, keys and secrets can be recovered for less than the 90-day maximum',
    want: 90,
    absentMeans: null,
    ok: (v) => {
      const n = v.num();
      return n === undefined ? undefined : n >= 90;
    },
    fix: false,
    formats: { terraform: { types: ['azurerm_key_vault'], path: ['soft_delete_retention_days'] } },
  }),
});
