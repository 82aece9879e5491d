// CL-AZ-057: a virtual machine that accepts extension operations (the default) although the module installs none on it.
import { azurermDoc, type CheckContext, defineRule, nist, pci, type Resource, settingChecks } from '../../kit';
import { configsOf } from '../../lib/s3';

const EXTENSION = 'azurerm_virtual_machine_extension';

/**
 * True when extension operations are the machine's choice to make here: the VM agent is not turned off (without it,
 * no extension runs and the provider requires allow_extension_operations = false), and no extension of the file refers
 * to the machine or may refer to it (an extension whose virtual_machine_id is not known here): a machine that
 * installs extensions needs the operations.
 */
function noExtensions(r: Resource, ctx: CheckContext): boolean {
  if (r.body.get('provision_vm_agent').isFalse()) return false;
  const { linked, possible } = configsOf(r, ctx, [EXTENSION], 'virtual_machine_id');
  return linked.length === 0 && possible.length === 0;
}

export default defineRule({
  id: 'CL-AZ-057',
  slug: 'vm-extension-operations-allowed',
  title: 'Virtual machine allows extension operations it does not use',
  severity: 'low',
  fixable: false,
  description:
    'Extensions run as root or SYSTEM inside the guest. While extension operations are allowed (the default), anyone who may write the VM\'s extensions in Azure (Contributor, Virtual Machine Contributor) can run any command on it through the Custom Script extension or Run Command, without signing in.',
  remediation: 'Set allow_extension_operations to false on machines that need no extension (it can only be turned off while none is installed).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the VM agent\'s control channel and the extensions you or your administrators install',
    customer: 'whether the machine accepts extensions at all, and who may install them, are yours',
  },
  frameworks: [nist('CM-7', 'AC-6'), pci('2.2.4')],
  equivalents: { checkov: ['CKV_AZURE_50'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-machines/extensions/overview',
    azurermDoc('linux_virtual_machine', 'allow_extension_operations'),
  ],
  checks: settingChecks({
    subject: 'Virtual machine',
    consequence: 'and no extension of this module is installed on it, so whoever may write its extensions can run commands on it as root or SYSTEM',
    want: false,
    absentMeans: true,
    appliesTo: noExtensions,
    fix: false,
    formats: { terraform: { types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'], path: ['allow_extension_operations'] } },
  }),
});
