// CL-GCP-012: a VM or template that may forward packets it did not originate.
import { cisGcp, defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';
import { VM_TYPES, vmSubject } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-012',
  slug: 'compute-ip-forwarding-enabled',
  title: 'VM can forward IP packets',
  severity: 'medium',
  fixable: false,
  description:
    'With IP forwarding on, the VM may send and receive packets whose addresses are not its own: a compromised VM can route traffic around firewall rules or spoof other addresses of the network.',
  remediation: 'Set can_ip_forward to false, unless the VM is a NAT gateway, router or network appliance on purpose.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google drops packets whose source or destination is not the VM’s own unless forwarding is on',
    customer: 'which VMs may route traffic is yours',
  },
  frameworks: [cisGcp('4.6'), nist('SC-7')],
  equivalents: { checkov: ['CKV_GCP_36'], kics: ['f34c0c25-47b4-41eb-9c79-249b4dd47b89'], trivy: ['google-compute-no-ip-forwarding'] },
  docs: ['https://cloud.google.com/vpc/docs/using-routes#canipforward', tfGoogleDoc('compute_instance', 'can_ip_forward')],
  checks: settingChecks({
    subject: vmSubject,
    consequence: 'so it can route and spoof traffic that is not its own',
    want: false,
    absentMeans: null,
    // Turning forwarding off breaks a NAT or router VM and replaces the instance: the decision is the user's.
    fix: false,
    formats: {
      terraform: { types: VM_TYPES, path: ['can_ip_forward'] },
    },
  }),
});
