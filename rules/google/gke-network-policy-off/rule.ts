// CL-GCP-036: a GKE Standard cluster that cannot enforce Kubernetes NetworkPolicy.
import type { Resource } from '../../kit';
import { defineRule, keyNode, nist, tfGoogleDoc } from '../../kit';
import { CLUSTER, mayBeAutopilot } from '../../lib/gcp-gke';

const CONSEQUENCE = 'so NetworkPolicy objects are not enforced and every pod can reach every other';

export default defineRule({
  id: 'CL-GCP-036',
  slug: 'gke-network-policy-off',
  title: 'GKE cluster does not enforce network policies',
  severity: 'medium',
  fixable: false,
  description:
    'Without network policy enforcement (Calico, or GKE Dataplane V2), NetworkPolicy objects are accepted but ignored: any compromised pod can connect to every other pod and service in the cluster.',
  remediation: 'Use Dataplane V2 (datapath_provider = "ADVANCED_DATAPATH"), or set network_policy.enabled = true together with addons_config.network_policy_config.disabled = false.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Google runs the network policy engine when you turn it on',
    customer: 'turning it on and writing the policies is yours',
  },
  frameworks: [nist('SC-7', 'AC-4')],
  equivalents: { checkov: ['CKV_GCP_12'], kics: ['11e7550e-c4b6-472e-adff-c698f157cdd7'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy', tfGoogleDoc('container_cluster', 'network_policy')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [CLUSTER],
      run(r: Resource, ctx) {
        const b = r.body;
        if (mayBeAutopilot(r)) return;
        const datapath = b.get('datapath_provider');
        if (datapath.isUnknown || datapath.str() === 'ADVANCED_DATAPATH') return;
        if (!b.get('dynamic').get('network_policy').isAbsent || !b.get('dynamic').get('addons_config').isAbsent) return;
        const np = b.get('network_policy').list()[0] ?? b.get('network_policy');
        const enabled = np.get('enabled');
        if (enabled.isUnknown || np.isUnknown) return;
        if (enabled.isFalse()) return void ctx.report(enabled, `GKE cluster ${r.id} sets network_policy.enabled to false, ${CONSEQUENCE}.`);
        if (!enabled.isTrue()) {
          const at = (!np.isAbsent && keyNode(b, 'network_policy')) || r.anchor;
          return void ctx.report(at, `GKE cluster ${r.id} does not set network_policy.enabled (nor uses Dataplane V2), ${CONSEQUENCE}.`);
        }
        const addons = b.get('addons_config').list()[0] ?? b.get('addons_config');
        const npc = addons.get('network_policy_config').list()[0] ?? addons.get('network_policy_config');
        const disabled = npc.get('disabled');
        if (disabled.isUnknown || npc.isUnknown || addons.isUnknown || disabled.isFalse()) return;
        if (disabled.isTrue()) return void ctx.report(disabled, `GKE cluster ${r.id} sets addons_config.network_policy_config.disabled to true, ${CONSEQUENCE}.`);
        const at = (!npc.isAbsent && keyNode(addons, 'network_policy_config')) || (!addons.isAbsent && keyNode(b, 'addons_config')) || keyNode(b, 'network_policy') || r.anchor;
        ctx.report(at, `GKE cluster ${r.id} enables network_policy but not the addon (addons_config.network_policy_config.disabled = false), ${CONSEQUENCE}.`);
      },
    },
  },
});
