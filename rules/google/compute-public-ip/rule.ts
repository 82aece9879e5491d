// CL-GCP-014: a VM or template whose network interface has an external (public) IP address.
import { cisGcp, defineRule, keyNode, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { VM_TYPES, vmSubject } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-014',
  slug: 'compute-public-ip',
  title: 'VM has an external IP address',
  severity: 'medium',
  fixable: false,
  description:
    'An access_config block gives the network interface an external IP address: the VM is reachable from the internet on every port a firewall rule opens, now or later, and can reach the internet without going through Cloud NAT.',
  remediation: 'Remove the access_config block; reach the VM through Identity-Aware Proxy or a load balancer, and the internet through Cloud NAT.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'Google routes traffic to external addresses and enforces your firewall rules on it',
    customer: 'whether a VM has an internet-facing address is yours',
  },
  frameworks: [cisGcp('4.9'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_GCP_40'] },
  docs: ['https://cloud.google.com/compute/docs/ip-addresses/configure-static-external-ip-address', tfGoogleDoc('compute_instance', 'access_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: VM_TYPES,
      run(r, ctx) {
        r.body.get('network_interface').list().forEach((nic, i) => {
          const access = nic.get('access_config');
          if (access.isAbsent || access.isUnknown || (access.isSeq && access.items().length === 0)) return;
          ctx.report(
            keyNode(nic, 'access_config') ?? access,
            `${vmSubject(r)} ${r.id} gives network_interface[${i}] an access_config, so it has an external IP address reachable from the internet.`,
          );
        });
      },
    },
  },
});
