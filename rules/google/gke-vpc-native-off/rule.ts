// CL-GCP-056: a routes-based GKE cluster (networking_mode = "ROUTES"), not VPC-native.
import { defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-056',
  slug: 'gke-vpc-native-off',
  title: 'GKE cluster is routes-based, not VPC-native',
  severity: 'low',
  fixable: false,
  description:
    'In a routes-based cluster, pod addresses are not VPC addresses: VPC firewall rules, anti-spoofing checks and VPC Flow Logs cannot tell pods apart, and features such as Private Service Connect, Network Endpoint Groups and some private-cluster setups need VPC-native (alias IP) networking.',
  remediation: 'Remove networking_mode = "ROUTES" (new clusters default to VPC_NATIVE) and give the cluster an ip_allocation_policy; the change recreates the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'network',
    provider: 'Google programs the VPC routes or alias IP ranges the cluster’s mode asks for',
    customer: 'the cluster’s networking mode and its address ranges are yours',
  },
  frameworks: [nist('SC-7')],
  equivalents: { kics: ['c606ba1d-d736-43eb-ac24-e16108f3a9e0'] },
  docs: [
    'https://cloud.google.com/kubernetes-engine/docs/concepts/alias-ips',
    tfGoogleDoc('container_cluster', 'networking_mode'),
  ],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: 'so pod addresses are not VPC addresses that firewall rules, anti-spoofing and flow logs can see',
    want: 'VPC_NATIVE',
    // Absent: the provider (5.0 and later) creates VPC-native clusters, with or without ip_allocation_policy.
    absentMeans: null,
    ok: (v) => {
      const s = v.str()?.toUpperCase();
      return s === undefined ? undefined : s !== 'ROUTES';
    },
    // Changing the mode recreates the cluster and needs secondary ranges chosen for pods and services.
    fix: false,
    formats: { terraform: { types: [CLUSTER], path: ['networking_mode'] } },
  }),
});
