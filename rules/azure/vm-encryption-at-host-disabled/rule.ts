// CL-AZ-037: a virtual machine without encryption at host.
import { AT_REST, azurermDoc, defineRule, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-037',
  slug: 'vm-encryption-at-host-disabled',
  title: 'Virtual machine does not use encryption at host',
  severity: 'low',
  fixable: false,
  description:
    'Managed disks are encrypted at rest in the storage service, but a VM\'s temporary disk and its OS and data disk caches live on the host unencrypted unless encryption at host is on.',
  remediation: 'Set encryption_at_host_enabled to true (the EncryptionAtHost feature must be registered in the subscription).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Microsoft encrypts managed disks at rest in the storage service',
    customer: 'encrypting the temporary disk and disk caches on the host is your choice',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AZURE_97', 'CKV_AZURE_151'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data',
    azurermDoc('linux_virtual_machine', 'encryption_at_host_enabled'),
  ],
  checks: settingChecks({
    subject: 'Virtual machine',
    consequence: 'so its temporary disk and disk caches are not encrypted on the host',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'], path: ['encryption_at_host_enabled'] } },
  }),
});
