// CL-K8S-012: the pod's containers share one process namespace.
import { defineRule } from '../../kit';
import { podFlagCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-012',
  slug: 'share-process-namespace',
  title: 'Containers of the pod share a process namespace',
  severity: 'low',
  fixable: true,
  description:
    "With shareProcessNamespace: true every container of the pod sees the others' processes, can signal them and can read their filesystems and environment through /proc/<pid>/root and /proc/<pid>/environ: a compromised sidecar reaches the main container's secrets.",
  remediation: 'Set shareProcessNamespace to false (or remove it) unless a debugging or sidecar design needs it.',
  responsibility: podResponsibility("whether your pod's containers can see each other's processes is set by your pod specs"),
  frameworks: podSecurityFrameworks([]),
  equivalents: {},
  docs: ['https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/'],
  checks: {
    kubernetes: podFlagCheck('shareProcessNamespace', "each of its containers can see the others' processes, environment and files"),
  },
});
