// CL-GCP-009: interactive serial console access turned on for a VM, a template or the whole project.
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { metadataFlagChecks } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-009',
  slug: 'compute-serial-port-enabled',
  title: 'Interactive serial console access is enabled',
  severity: 'medium',
  fixable: true,
  description:
    'The interactive serial console accepts connections from any IP address (firewall rules do not apply to it): anyone with a valid SSH key and the instance name can reach a login prompt on the VM.',
  remediation: 'Remove serial-port-enable from the metadata, or set it to false.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google runs the serial console proxy and authenticates each connection with your SSH keys',
    customer: 'whether a VM accepts serial console connections is your metadata setting',
  },
  frameworks: [cisGcp('4.5'), nist('AC-17', 'CM-7'), pci('2.2.4')],
  equivalents: { checkov: ['CKV_GCP_35'], kics: ['97fa667a-d05b-4f16-9071-58b939f34751'] },
  docs: ['https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console', tfGoogleDoc('compute_instance', 'metadata')],
  checks: metadataFlagChecks({
    key: 'serial-port-enable',
    want: false,
    // Off unless turned on, on the VM or the project.
    vmAbsent: null,
    projectAbsent: null,
    consequence: 'so its serial console accepts connections from any address',
  }),
});
