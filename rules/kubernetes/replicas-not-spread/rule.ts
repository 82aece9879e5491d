// CL-K8S-085: a replicated workload does not keep its replicas apart (no pod anti-affinity or topology spread).
import { defineRule } from '../../kit';
import { REPLICATED_KINDS, podOf, spreadOf } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-085',
  slug: 'replicas-not-spread',
  title: 'Replicas are not spread across nodes',
  severity: 'info',
  fixable: false,
  description:
    "A workload with several replicas and neither a pod anti-affinity that selects its own pods nor topologySpreadConstraints leaves placement to the scheduler's soft defaults: its replicas can share one node or zone, and that node's failure or drain takes them all. This is a reliability check, not a security control.",
  remediation: 'Add topologySpreadConstraints (topologyKey kubernetes.io/hostname, and topology.kubernetes.io/zone) or a podAntiAffinity term whose labelSelector matches the pod template\'s labels.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the provider runs the scheduler and spreads nodes across zones when you ask it to',
    customer: 'how your replicas are spread over nodes and zones is set by your pod specs',
  },
  frameworks: [],
  equivalents: {
    kics: ['a31b7b82-d994-48c4-bd21-3bab6c31827a', 'd740d048-8ed3-49d3-b77b-6f072f3b669e'],
    kubeLinter: ['no-anti-affinity'],
    kubeScore: ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'],
  },
  docs: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/', 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity'],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: REPLICATED_KINDS,
      run(r, ctx) {
        const pod = podOf(r);
        if (!pod) return;
        const replicas = r.body.path('spec', 'replicas');
        const n = replicas.num();
        if (n === undefined || replicas.isUnknown || n < 2) return;
        const spread = spreadOf(pod);
        if (spread.kind === 'none') {
          ctx.report(replicas, `${pod.label} runs ${n} replicas with no podAntiAffinity or topologySpreadConstraints, so they can all land on one node and fail together.`);
        } else if (spread.kind === 'self-missed') {
          ctx.report(spread.at, `${pod.label} runs ${n} replicas, but its podAntiAffinity selects no pod of its own template (the labels differ), so they can all land on one node and fail together.`);
        }
      },
    },
  },
});
