// CL-AZ-008: a network security group rule (inline or a separate azurerm_network_security_rule) that lets the internet
// reach SSH, RDP or every port.
import { azurermDoc, cisAzure, defineRule, nist, pci } from '../../kit';
import { AZ_ADMIN_TABLE, NSG_PROVIDER, nsgOpenPortChecks } from '../../lib/azure-network';

export default defineRule({
  id: 'CL-AZ-008',
  slug: 'nsg-admin-ports-open',
  title: 'Network security group allows SSH, RDP or every port from the internet',
  severity: 'high',
  fixable: false,
  description:
    'An inbound Allow rule from any address (*, Internet, Any, 0.0.0.0/0) to SSH (22), RDP (3389) or every port exposes remote administration to the whole internet, where it is scanned and brute-forced within minutes of appearing.',
  remediation: 'Allow SSH and RDP only from known address ranges, or use Azure Bastion or just-in-time VM access instead of an open rule.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: NSG_PROVIDER,
    customer: 'which sources may reach which ports of your machines is yours to decide',
  },
  frameworks: [cisAzure('6.1', '6.2'), nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: {
    checkov: ['CKV_AZURE_9', 'CKV_AZURE_10'],
    kics: ['3e3c175e-aadf-4e2b-a464-3fdac5748d24', 'efbf6449-5ec5-4cfe-8f15-acc51e0d787c'],
  },
  docs: [
    'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview',
    'https://learn.microsoft.com/en-us/azure/bastion/bastion-overview',
    azurermDoc('network_security_group', 'security_rule'),
    azurermDoc('network_security_rule'),
  ],
  checks: nsgOpenPortChecks(AZ_ADMIN_TABLE, 'so remote administration is reachable by anyone'),
});
