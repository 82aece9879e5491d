// CL-GCP-040: GKE nodes without Secure Boot.
import type { Resource } from '../../kit';
import { defineRule, keyNode, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER, NODE_POOL, nodeConfigs } from '../../lib/gcp-gke';

const CONSEQUENCE = 'so unsigned or tampered boot components and kernel modules can load on its nodes';

export default defineRule({
  id: 'CL-GCP-040',
  slug: 'gke-secure-boot-off',
  title: 'GKE nodes do not use Secure Boot',
  severity: 'low',
  fixable: false,
  description:
    'Secure Boot makes Shielded GKE Nodes verify the signature of every boot component: without it, a rootkit or bootkit that replaces the bootloader or loads an unsigned kernel module survives reboots unnoticed.',
  remediation: 'Set node_config.shielded_instance_config.enable_secure_boot to true on every node pool.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'Google provides signed node images and the Shielded VM firmware that verifies them',
    customer: 'turning Secure Boot on for your node pools is yours',
  },
  frameworks: [nist('SI-7')],
  equivalents: { checkov: ['CKV_GCP_68'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot', tfGoogleDoc('container_node_pool', 'shielded_instance_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER, NODE_POOL],
      run(r: Resource, ctx) {
        const configs = nodeConfigs(r);
        if (r.type === NODE_POOL && r.body.get('node_config').isAbsent && r.body.get('dynamic').get('node_config').isAbsent) {
          ctx.report(r.anchor, `Node pool ${r.id} has no node_config, and Secure Boot is off by default, ${CONSEQUENCE}.`);
        }
        for (const { config, name, key } of configs) {
          if (config.isUnknown) continue;
          const sic = config.get('shielded_instance_config').list()[0] ?? config.get('shielded_instance_config');
          const v = sic.get('enable_secure_boot');
          if (v.isTrue() || v.isUnknown || sic.isUnknown) continue;
          if (v.isFalse()) {
            ctx.report(v, `${name} sets node_config.shielded_instance_config.enable_secure_boot to false, ${CONSEQUENCE}.`);
            continue;
          }
          const at = (!sic.isAbsent && keyNode(config, 'shielded_instance_config')) || key || r.anchor;
          ctx.report(at, `${name} does not set node_config.shielded_instance_config.enable_secure_boot, which defaults to false, ${CONSEQUENCE}.`);
        }
      },
    },
  },
});
