// CL-GCP-039: a GKE cluster with Shielded GKE Nodes turned off.
import { defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-039',
  slug: 'gke-shielded-nodes-off',
  title: 'GKE cluster has Shielded GKE Nodes off',
  severity: 'medium',
  fixable: true,
  description:
    'Shielded GKE Nodes give each node a verifiable identity and measured boot: without them, an attacker who gets a node’s bootstrap credentials (through a pod that reads instance metadata) can impersonate a node and read secrets of its pods.',
  remediation: 'Set enable_shielded_nodes to true (the default).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'Google provides the Shielded VM firmware, vTPM and node identity verification',
    customer: 'keeping them on for your nodes is yours',
  },
  frameworks: [nist('SI-7', 'IA-3')],
  equivalents: { kics: ['579a0727-9c29-4d58-8195-fc5802a8bdb4'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes', tfGoogleDoc('container_cluster', 'enable_shielded_nodes')],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: 'so nodes have no verifiable identity or measured boot',
    want: true,
    absentMeans: null,
    fixNote: 'nodes are recreated',
    formats: { terraform: { types: [CLUSTER], path: ['enable_shielded_nodes'] } },
  }),
});
