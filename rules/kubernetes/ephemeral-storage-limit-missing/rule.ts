// CL-K8S-080: a container sets no ephemeral-storage limit.
import { defineRule, nist, nsaK8s } from '../../kit';
import { containerAnchor, containerLabel, ephemeralStorageLimitMissing, podCheck } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-080',
  slug: 'ephemeral-storage-limit-missing',
  title: 'Container has no ephemeral-storage limit',
  severity: 'low',
  fixable: false,
  description:
    "Without an ephemeral-storage limit a container can fill its node's disk with logs, emptyDir data and writes to its own filesystem: the node comes under disk pressure and the kubelet evicts pods, other workloads' included.",
  remediation: 'Set resources.limits.ephemeral-storage (and a request) for each container, or a default with a LimitRange in its namespace.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the kubelet enforces the ephemeral-storage limits you set and evicts pods when the node runs low on disk',
    customer: 'sizing each container\'s local storage, or a LimitRange that sets defaults for the namespace, is yours',
  },
  frameworks: [nsaK8s('Resource policies'), nist('SC-6')],
  equivalents: {
    kubeScore: ['container-ephemeral-storage-request-and-limit'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const c of pod.containers) {
        if (!ephemeralStorageLimitMissing(c)) continue;
        const label = containerLabel(c);
        ctx.report(
          containerAnchor(c),
          `${label[0].toUpperCase()}${label.slice(1)} of ${pod.label} sets no ephemeral-storage limit (resources.limits.ephemeral-storage), so it can fill its node's disk until the kubelet evicts pods.`,
        );
      }
    }),
  },
});
