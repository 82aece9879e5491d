// CL-K8S-073: a container of a long-running workload has no liveness probe (reliability).
import { defineRule } from '../../kit';
import { probeCheck } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-073',
  slug: 'liveness-probe-missing',
  title: 'Container has no liveness probe',
  severity: 'info',
  fixable: false,
  description:
    'Without a liveness probe the kubelet restarts a container only when its process exits: a container that hangs or deadlocks keeps running, and keeps its share of the work, until someone notices. This is a reliability check, not a security control.',
  remediation: "Add a livenessProbe that fails only when the container cannot recover by itself (a cheap HTTP, TCP, gRPC or exec check, not one that depends on other services).",
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the kubelet runs the probes you define and restarts a container whose liveness probe fails',
    customer: 'whether and how your containers are checked for health is yours',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_K8S_8'],
    kics: ['ade74944-a674-4e00-859e-c6eab5bde441'],
    kubeLinter: ['no-liveness-probe'],
    polaris: ['livenessProbeMissing'],
    kubeScore: ['pod-probes'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  checks: {
    kubernetes: probeCheck('livenessProbe', 'so the kubelet restarts it only when its process exits, not when it hangs'),
  },
});
