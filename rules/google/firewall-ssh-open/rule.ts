// CL-GCP-005: a VPC firewall rule that lets the whole internet reach SSH (tcp 22).
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { worldPortCheck } from '../../lib/gcp-firewall';

export default defineRule({
  id: 'CL-GCP-005',
  slug: 'firewall-ssh-open',
  title: 'Firewall rule allows SSH from the internet',
  severity: 'high',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 (or ::/0) that opens tcp port 22 exposes the SSH daemon of every VM it targets to password guessing, key theft and daemon vulnerabilities from anywhere.',
  remediation: 'Limit source_ranges to your own addresses, or to 35.235.240.0/20 and connect through Identity-Aware Proxy TCP forwarding.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google enforces the firewall rules you configure on every VM of the network',
    customer: 'which sources may reach which ports is yours',
  },
  frameworks: [cisGcp('3.6'), nist('AC-17', 'SC-7'), pci('1.3.1')],
  equivalents: { checkov: ['CKV_GCP_2'], kics: ['c4dcdcdf-10dd-4bf4-b4a0-8f6239e6aaa0'], trivy: ['google-compute-no-public-ingress'] },
  docs: ['https://cloud.google.com/iap/docs/using-tcp-forwarding', 'https://cloud.google.com/firewall/docs/firewalls', tfGoogleDoc('compute_firewall')],
  checks: {
    terraform: worldPortCheck({
      matches: (o) => (o.protocol === 'tcp' || o.protocol === 'all') && o.from <= 22 && o.to >= 22,
      service: 'SSH (22)',
      consequence: 'so anyone on the internet can try to log in to the VMs it targets',
    }),
  },
});
