// CL-K8S-071: a container runs with a GID below 10000, set on the container or inherited from the pod.
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, podCheck, podResponsibility, podSecurityFrameworks, reportLowId } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-071',
  slug: 'run-as-low-gid',
  title: 'Container runs with a GID below 10000',
  severity: 'low',
  fixable: true,
  description:
    "A GID below 10000 is usually one of the node's own system groups (disk, docker, adm…): a process that escapes the container has that group's access to the node's files and sockets.",
  remediation: 'Set runAsGroup to a GID of 10000 or more that the image and its volumes support.',
  responsibility: podResponsibility('which group your containers run as is set by your images and pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    trivy: ['AVD-KSV-0021'],
    kubeScore: ['container-security-context-user-group-id'],
  },
  docs: [SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      reportLowId(pod, ctx, 'runAsGroup', 'group');
    }),
  },
});
