// CL-K8S-070: a container runs with a UID below 10000, set on the container or inherited from the pod.
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, podCheck, podResponsibility, podSecurityFrameworks, reportLowId } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-070',
  slug: 'run-as-low-uid',
  title: 'Container runs with a UID below 10000',
  severity: 'low',
  fixable: true,
  description:
    "A UID below 10000 is usually one of the node's own system or login users: a process that escapes the container acts as that user on the node, with its files.",
  remediation: 'Set runAsUser to a UID of 10000 or more that the image supports.',
  responsibility: podResponsibility('which user your containers run as is set by your images and pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    checkov: ['CKV_K8S_40'],
    kics: ['02323c00-cdc3-4fdc-a310-4f2b3e7a1660'],
    trivy: ['AVD-KSV-0020'],
    kubeScore: ['container-security-context-user-group-id'],
  },
  docs: [SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      reportLowId(pod, ctx, 'runAsUser', 'user');
    }),
  },
});
