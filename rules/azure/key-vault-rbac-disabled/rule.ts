// CL-AZ-020: a key vault that uses access policies instead of Azure RBAC.
import { azurermDoc, checkSetting, cisAzure, defineRule, nist, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_key_vault'];

/** azurerm 4.x renamed enable_rbac_authorization to rbac_authorization_enabled (both default to false). */
const FORMATS: readonly SettingFormat[] = [
  { types: TYPES, path: ['rbac_authorization_enabled'] },
  { types: TYPES, path: ['enable_rbac_authorization'] },
];

const SPEC: SettingSpec = {
  subject: 'Key vault',
  consequence: 'so data access is granted by vault access policies, not Azure RBAC',
  want: true,
  absentMeans: false,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['rbac_authorization_enabled'] } },
};

/** The name the resource writes (the first of FORMATS when it writes none). */
const formatOf = (r: Resource): SettingFormat => FORMATS.find((f) => !r.body.get(f.path[0]).isAbsent) ?? FORMATS[0];

export default defineRule({
  id: 'CL-AZ-020',
  slug: 'key-vault-rbac-disabled',
  title: 'Key vault does not use Azure RBAC authorization',
  severity: 'low',
  fixable: false,
  description:
    'A vault on the legacy access policy model grants data-plane access per vault with no scopes below it and lets anyone with Contributor on the vault grant themselves access. Azure RBAC gives per-key and per-secret scopes, separates management from data access and is audited like other role assignments.',
  remediation: 'Set rbac_authorization_enabled (enable_rbac_authorization before azurerm 4.x) to true and grant Key Vault data roles instead of access policies.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the vault service and its hardware security modules',
    customer: 'the permission model of the vault and who gets which role are yours',
  },
  frameworks: [cisAzure('8.6'), nist('AC-3', 'AC-6')],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/key-vault/general/rbac-guide',
    azurermDoc('key_vault', 'rbac_authorization_enabled'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
