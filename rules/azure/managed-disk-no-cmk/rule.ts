// CL-AZ-048: a managed disk encrypted only with a platform-managed key (no disk encryption set).
import { azurermDoc, type CheckContext, cisAzure, defineRule, nist, type Resource } from '../../kit';

const DISK = 'azurerm_managed_disk';

export default defineRule({
  id: 'CL-AZ-048',
  slug: 'managed-disk-no-cmk',
  title: 'Managed disk is not encrypted with a customer-managed key',
  severity: 'low',
  fixable: false,
  description:
    'Without a disk encryption set, Azure encrypts the disk with a platform-managed key. The data is encrypted either way; a customer-managed key in your key vault lets you control, audit and revoke access to the disk and its snapshots.',
  remediation: 'Set disk_encryption_set_id to an azurerm_disk_encryption_set whose key is in your key vault (or secure_vm_disk_encryption_set_id for confidential VM disks).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Microsoft encrypts every managed disk at rest, with a platform-managed key unless you name a disk encryption set',
    customer: 'choosing a customer-managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [cisAzure('7.3', '7.4'), nist('SC-12', 'SC-28')],
  equivalents: { checkov: ['CKV_AZURE_93'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption',
    azurermDoc('managed_disk', 'disk_encryption_set_id'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: [DISK],
      run(r: Resource, ctx: CheckContext) {
        if (!r.body.get('disk_encryption_set_id').isAbsent || !r.body.get('secure_vm_disk_encryption_set_id').isAbsent) return;
        ctx.report(r.anchor, `Managed disk ${r.id} does not set disk_encryption_set_id, so it is encrypted only with a platform-managed key that you cannot control or revoke.`);
      },
    },
  },
});
