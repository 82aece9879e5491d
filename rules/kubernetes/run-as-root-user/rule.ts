// CL-K8S-004: a container runs as UID 0, set on the container or inherited from the pod.
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
  reportZeroId,
} from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-004',
  slug: 'run-as-root-user',
  title: 'Container runs as root (runAsUser: 0)',
  severity: 'medium',
  fixable: true,
  description:
    'runAsUser: 0 runs the container\'s processes as root. A process that breaks out of a root container is root on the node, and root inside the container can undo most in-container hardening.',
  remediation: 'Set runAsUser to a non-zero UID that the image supports, and runAsNonRoot: true.',
  responsibility: podResponsibility('which user your containers run as is set by your images and pod specs'),
  frameworks: podSecurityFrameworks(['5.2.7']),
  equivalents: {
    checkov: ['CKV_K8S_23'],
    kics: ['cf34805e-3872-4c08-bf92-6ff7bb0cfadb'],
    trivy: ['AVD-KSV-0105'],
    polaris: ['runAsRootAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      reportZeroId(pod, ctx, 'runAsUser', 'as root');
    }),
  },
});
