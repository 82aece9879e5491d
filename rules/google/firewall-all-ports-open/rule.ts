// CL-GCP-007: a VPC firewall rule that lets the whole internet reach every port (a protocol without ports, or 0-65535).
import { defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { isEveryPort, worldPortCheck } from '../../lib/gcp-firewall';

export default defineRule({
  id: 'CL-GCP-007',
  slug: 'firewall-all-ports-open',
  title: 'Firewall rule allows every port from the internet',
  severity: 'critical',
  fixable: false,
  description:
    'An ingress rule from 0.0.0.0/0 (or ::/0) that allows every port (protocol all, a protocol without ports, or 0-65535) exposes every service of the VMs it targets, databases and admin consoles included.',
  remediation: 'Allow only the ports the VMs serve to the public (such as tcp 443), and only from the sources that need the rest.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google enforces the firewall rules you configure on every VM of the network',
    customer: 'which sources may reach which ports is yours',
  },
  frameworks: [nist('AC-4', 'SC-7'), pci('1.3.1')],
  equivalents: { kics: ['22ef1d26-80f8-4a6c-8c15-f35aab3cac78'], trivy: ['google-compute-no-public-ingress'] },
  docs: ['https://cloud.google.com/firewall/docs/firewalls', tfGoogleDoc('compute_firewall', 'allow')],
  checks: {
    terraform: worldPortCheck({
      matches: isEveryPort,
      service: 'every service the VMs run',
      consequence: 'so anyone on the internet can reach all of them',
    }),
  },
});
