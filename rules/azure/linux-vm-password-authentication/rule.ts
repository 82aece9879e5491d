// CL-AZ-017: a Linux virtual machine that allows password sign-in over SSH.
import { azurermDoc, checkSetting, defineRule, nist, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_virtual_machine'];

/** The older azurerm_virtual_machine keeps it in os_profile_linux_config. */
const PATHS: Record<string, readonly string[]> = {
  azurerm_virtual_machine: ['os_profile_linux_config', 'disable_password_authentication'],
};

const SPEC: SettingSpec = {
  subject: 'Linux virtual machine',
  consequence: 'so SSH accepts password logins that can be guessed or reused',
  want: true,
  // Defaults to true on azurerm_linux_virtual_machine and its scale sets, and is required in os_profile_linux_config: absent is fine.
  absentMeans: null,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['disable_password_authentication'] } },
};

const formatOf = (r: Resource): SettingFormat => ({ types: TYPES, path: PATHS[r.type] ?? SPEC.formats.terraform!.path });

export default defineRule({
  id: 'CL-AZ-017',
  slug: 'linux-vm-password-authentication',
  title: 'Linux virtual machine allows password authentication',
  severity: 'medium',
  fixable: false,
  description:
    'A Linux VM with password authentication enabled accepts SSH logins with a password, which can be guessed, brute-forced and reused; SSH keys cannot.',
  remediation: 'Set disable_password_authentication to true (the default on azurerm_linux_virtual_machine) and give admin_ssh_key blocks instead.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft secures the hosts and the hypervisor',
    customer: 'how people sign in to the guest operating system is yours',
  },
  frameworks: [nist('IA-2', 'IA-5')],
  equivalents: { checkov: ['CKV_AZURE_1'], kics: ['dafe30ec-325d-4516-85d1-e8e6776f012c'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed',
    azurermDoc('linux_virtual_machine', 'disable_password_authentication'),
    azurermDoc('virtual_machine', 'disable_password_authentication'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
