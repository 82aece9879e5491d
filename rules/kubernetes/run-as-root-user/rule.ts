// CL-K8S-004: a container runs as UID 0, set on the container or inherited from the pod.
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  containerLabel,
  effective,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
} from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-004',
  slug: 'run-as-root-user',
  title: 'Container runs as root (runAsUser: 0)',
  severity: 'medium',
  fixable: false,
  description:
    'runAsUser: 0 runs the container\'s processes as root. A process that breaks out of a root container is root on the node, and root inside the container can undo most in-container hardening.',
  remediation: 'Set runAsUser to a non-zero UID that the image supports, and runAsNonRoot: true.',
  responsibility: podResponsibility('which user your containers run as is set by your images and pod specs'),
  frameworks: podSecurityFrameworks(['5.2.7']),
  equivalents: {
    checkov: ['CKV_K8S_23'],
    kics: ['cf34805e-3872-4c08-bf92-6ff7bb0cfadb'],
    polaris: ['runAsRootAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      const inheriting: string[] = [];
      for (const c of pod.containers) {
        const user = effective(pod, c, 'runAsUser');
        if (user.val.num() !== 0) continue;
        if (user.from === 'container') {
          ctx.report(user.val, `The ${containerLabel(c)} of ${pod.label} sets securityContext.runAsUser to 0, so it runs as root.`);
        } else {
          inheriting.push(c.name);
        }
      }
      if (inheriting.length > 0) {
        const who = inheriting.length === 1 ? `container ${inheriting[0]} does not override it, so it` : `containers ${inheriting.join(', ')} do not override it, so they`;
        ctx.report(pod.sc.get('runAsUser'), `${pod.label} sets runAsUser to 0 in its pod securityContext and ${who} ${inheriting.length === 1 ? 'runs' : 'run'} as root.`);
      }
    }),
  },
});
