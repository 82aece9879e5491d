// CL-K8S-074: a container of a long-running workload has no readiness probe (reliability).
import { defineRule } from '../../kit';
import { probeCheck } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-074',
  slug: 'readiness-probe-missing',
  title: 'Container has no readiness probe',
  severity: 'low',
  fixable: false,
  description:
    'Without a readiness probe a pod counts as ready as soon as its containers start: Services send it traffic before it can serve and while it is overloaded, and a rolling update moves on without waiting for the new pods to work. This is a reliability check, not a security control.',
  remediation: 'Add a readinessProbe that succeeds only when the container can serve requests (an HTTP, TCP, gRPC or exec check).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the kubelet runs the probes you define and Services route only to pods whose readiness probes pass',
    customer: 'whether and how your containers report that they are ready is yours',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_K8S_9'],
    kics: ['a659f3b5-9bf0-438a-bd9a-7d3a6427f1e3'],
    kubeLinter: ['no-readiness-probe'],
    polaris: ['readinessProbeMissing'],
    kubeScore: ['pod-probes'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  checks: {
    kubernetes: probeCheck('readinessProbe', 'so Services send it traffic from the moment it starts, whether or not it can serve'),
  },
});
