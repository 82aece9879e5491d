// CL-K8S-084: a workload that a HorizontalPodAutoscaler in the same file scales also sets spec.replicas.
import { defineRule } from '../../kit';
import { SCALED_KINDS, autoscalersByTarget } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-084',
  slug: 'hpa-target-sets-replicas',
  title: 'Workload scaled by a HorizontalPodAutoscaler also sets replicas',
  severity: 'low',
  fixable: false,
  description:
    "When a HorizontalPodAutoscaler scales a workload whose manifest also sets spec.replicas, every apply of the manifest resets the replica count to that number, undoing the autoscaler: a deploy during a traffic peak can scale the workload down to a fraction of what it needs. This is a reliability check, not a security control.",
  remediation: 'Remove spec.replicas from the workload and let the autoscaler own it (with minReplicas for the floor); see the migration note in the Kubernetes HPA documentation.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the control plane runs the autoscaler, which sets the replica count of the workloads you point it at',
    customer: 'whether your manifests or the autoscaler own a workload\'s replica count is yours',
  },
  frameworks: [],
  equivalents: {
    kics: ['5744cbb8-5946-4b75-a196-ade44449525b'],
    kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  },
  docs: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling'],
  checks: {
    kubernetes: {
      reads: 'scope',
      types: SCALED_KINDS,
      run(r, ctx) {
        const replicas = r.body.path('spec', 'replicas');
        if (replicas.isAbsent || replicas.isUnknown) return;
        const kind = r.k8s?.kind;
        const name = r.k8s?.name;
        if (!kind || !name) return;
        const hpas = autoscalersByTarget(ctx).get(`${r.k8s?.namespace ?? ''}\u0000${kind}\u0000${name}`);
        if (!hpas || hpas.length === 0) return;
        const hpa = hpas[0].k8s?.name ?? '(unnamed)';
        ctx.report(replicas, `${kind} ${name} sets spec.replicas to ${replicas.str() ?? replicas.num()}, but HorizontalPodAutoscaler ${hpa} scales it, so each apply of this manifest resets the replica count the autoscaler chose.`);
      },
    },
  },
});
