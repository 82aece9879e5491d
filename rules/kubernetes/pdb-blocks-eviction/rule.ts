// CL-K8S-083: a PodDisruptionBudget allows no voluntary disruption (maxUnavailable 0, or minAvailable 100%).
import { PATCHING, defineRule } from '../../kit';

export default defineRule({
  id: 'CL-K8S-083',
  slug: 'pdb-blocks-eviction',
  title: 'PodDisruptionBudget allows no pod to be evicted',
  severity: 'low',
  fixable: false,
  description:
    "A PodDisruptionBudget with maxUnavailable: 0 (or 0%), or minAvailable: 100%, refuses every eviction of the pods it selects: draining a node never finishes, so node upgrades and security patches stall or end in forced deletion.",
  remediation: 'Allow at least one pod to be disrupted: maxUnavailable: 1 (or a percentage above 0), or a minAvailable below the replica count.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: "on managed Kubernetes the provider's node upgrades drain nodes through the eviction API, which honours your budgets",
    customer: 'how many of your pods may be evicted at once is your setting',
  },
  frameworks: PATCHING,
  equivalents: {
    kubeLinter: ['pdb-max-unavailable'],
  },
  docs: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/', 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['PodDisruptionBudget'],
      run(r, ctx) {
        const name = `PodDisruptionBudget ${r.k8s?.name ?? '(unnamed)'}`;
        const max = r.body.path('spec', 'maxUnavailable');
        if (max.num() === 0 || max.str()?.trim() === '0%') {
          ctx.report(max, `${name} sets maxUnavailable to ${max.str() ?? 0}, so no pod it selects can be evicted and draining their nodes never finishes.`);
        }
        const min = r.body.path('spec', 'minAvailable');
        if (min.str()?.trim() === '100%') {
          ctx.report(min, `${name} sets minAvailable to 100%, so no pod it selects can be evicted and draining their nodes never finishes.`);
        }
      },
    },
  },
});
