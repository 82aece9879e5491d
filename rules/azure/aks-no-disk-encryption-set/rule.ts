// CL-AZ-050: an AKS cluster whose node disks are not encrypted with a customer-managed key.
import { azurermDoc, type CheckContext, defineRule, nist, type Resource } from '../../kit';

export default defineRule({
  id: 'CL-AZ-050',
  slug: 'aks-no-disk-encryption-set',
  title: 'AKS cluster node disks are not encrypted with a customer-managed key',
  severity: 'low',
  fixable: false,
  description:
    'Without disk_encryption_set_id, the OS and data disks of the cluster\'s nodes are encrypted with platform-managed keys. The data is encrypted either way; a disk encryption set with a key in your key vault lets you control, audit and revoke access to the node disks.',
  remediation: 'Set disk_encryption_set_id to an azurerm_disk_encryption_set whose key is in your key vault when creating the cluster (changing it replaces the cluster).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'data-protection',
    provider: 'Microsoft runs the Kubernetes control plane and encrypts every node disk at rest, with a platform-managed key unless you name a disk encryption set',
    customer: 'choosing a customer-managed key for the node disks is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28')],
  equivalents: { checkov: ['CKV_AZURE_117'], kics: ['b17d8bb8-4c08-4785-867e-cb9e62a622aa'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/aks/azure-disk-customer-managed-keys',
    azurermDoc('kubernetes_cluster', 'disk_encryption_set_id'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_kubernetes_cluster'],
      run(r: Resource, ctx: CheckContext) {
        if (!r.body.get('disk_encryption_set_id').isAbsent) return;
        ctx.report(r.anchor, `AKS cluster ${r.id} does not set disk_encryption_set_id, so its node disks are encrypted only with platform-managed keys that you cannot control or revoke.`);
      },
    },
  },
});
