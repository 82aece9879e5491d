// CL-AZ-031: a container registry with its admin user enabled.
import { azurermDoc, defineRule, nist, pci, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-031',
  slug: 'container-registry-admin-user',
  title: 'Container registry has the admin user enabled',
  severity: 'medium',
  fixable: false,
  description:
    'The admin user is one shared username and two passwords with push and pull rights on the whole registry. Anyone holding them can replace images that clusters and apps then run, and nothing ties their use to a person or workload.',
  remediation: 'Set admin_enabled to false and use Microsoft Entra identities (managed identities, service principals) or scoped tokens.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the registry service and its storage',
    customer: 'how clients authenticate, and whether the shared admin account exists, is yours',
  },
  frameworks: [nist('IA-2', 'IA-5', 'AC-6'), pci('2.2.2')],
  equivalents: { checkov: ['CKV_AZURE_137'], kics: ['b897dfbf-322c-45a8-b67c-1e698beeaa51'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account',
    azurermDoc('container_registry', 'admin_enabled'),
  ],
  checks: settingChecks({
    subject: 'Container registry',
    consequence: 'so one shared account can push and pull every image',
    want: false,
    // Defaults to false: absent is fine.
    absentMeans: null,
    fix: false,
    formats: { terraform: { types: ['azurerm_container_registry'], path: ['admin_enabled'] } },
  }),
});
