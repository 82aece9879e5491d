// CL-AZ-047: a managed disk that can be exported or imported through a SAS URL from any network.
import { azurermDoc, defineRule, NOT_PUBLIC, type Resource, settingChecks } from '../../kit';

/** True when network_access_policy is not written or is known to be AllowAll (the provider's default). */
function allowAll(r: Resource): boolean {
  const p = r.body.get('network_access_policy');
  return p.isAbsent || p.str()?.toLowerCase() === 'allowall';
}

export default defineRule({
  id: 'CL-AZ-047',
  slug: 'managed-disk-public-network-access',
  title: 'Managed disk can be exported or imported from every network',
  severity: 'low',
  fixable: false,
  description:
    'A managed disk whose network access policy is AllowAll and whose public network access is on can be downloaded (exported) or overwritten (imported) through a SAS URL from any address; whoever holds the URL gets a copy of the whole disk.',
  remediation: 'Set public_network_access_enabled to false and network_access_policy to "DenyAll" (or "AllowPrivate" with a disk_access_id for private endpoints).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Microsoft stores and replicates the disk and enforces the network access policy you set',
    customer: 'from which networks the disk may be exported or imported is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AZURE_251'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-machines/disks-restrict-import-export-overview',
    azurermDoc('managed_disk', 'public_network_access_enabled'),
    azurermDoc('managed_disk', 'network_access_policy'),
  ],
  checks: settingChecks({
    subject: 'Managed disk',
    consequence: 'and its network_access_policy is AllowAll, so it can be exported or imported through a SAS URL from every network',
    want: false,
    absentMeans: true,
    appliesTo: allowAll,
    fix: false,
    formats: { terraform: { types: ['azurerm_managed_disk'], path: ['public_network_access_enabled'] } },
  }),
});
