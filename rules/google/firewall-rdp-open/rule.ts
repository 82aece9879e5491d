// CL-GCP-006: a VPC firewall rule that lets the whole internet reach RDP (3389, TCP or UDP).
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { worldPortCheck } from '../../lib/gcp-firewall';

export default defineRule({
  id: 'CL-GCP-006',
  slug: 'firewall-rdp-open',
  title: 'Firewall rule allows RDP from the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 (or ::/0) that opens port 3389 exposes Windows Remote Desktop to password spraying and to RDP vulnerabilities from anywhere; it is one of the most attacked services on the internet.',
  remediation: 'Limit source_ranges to your own addresses, or to 35.235.240.0/20 and connect through Identity-Aware Proxy TCP forwarding.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google enforces the firewall rules you configure on every VM of the network',
    customer: 'which sources may reach which ports is yours',
  },
  frameworks: [cisGcp('3.7'), nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: { checkov: ['CKV_GCP_3'], kics: ['678fd659-96f2-454a-a2a0-c2571f83a4a3'], trivy: ['google-compute-no-public-ingress'] },
  docs: ['https://cloud.google.com/iap/docs/using-tcp-forwarding', 'https://cloud.google.com/firewall/docs/firewalls', tfGoogleDoc('compute_firewall')],
  checks: {
    terraform: worldPortCheck({
      // RDP listens on TCP 3389 and, for its UDP transport, on UDP 3389.
      matches: (o) => ['tcp', 'udp', 'all'].includes(o.protocol) && o.from <= 3389 && o.to >= 3389,
      service: 'RDP (3389)',
      consequence: 'so anyone on the internet can try to sign in to the VMs it targets',
    }),
  },
});
