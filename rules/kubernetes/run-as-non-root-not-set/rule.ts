// CL-K8S-003: nothing makes a container run as a non-root user: no runAsNonRoot: true, no non-zero runAsUser.
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  addToContainerSecurityContext,
  containerAnchor,
  containerLabel,
  effective,
  once,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
} from '../../lib/k8s-security-context';

/** What the fix does besides: the kubelet checks the image's user. */
const NOTE = ' (the kubelet then refuses to start an image that runs as root)';

export default defineRule({
  id: 'CL-K8S-003',
  slug: 'run-as-non-root-not-set',
  title: 'Container may run as root',
  severity: 'medium',
  fixable: true,
  description:
    'Neither the container nor its pod sets runAsNonRoot: true or a non-zero runAsUser, so the container runs as whatever user its image names, which is root for most images. A process that breaks out of a root container is root on the node.',
  remediation: 'Set runAsNonRoot: true (and a non-zero runAsUser if the image names no user) in the pod or container securityContext.',
  responsibility: podResponsibility('which user your containers run as is set by your images and pod specs'),
  frameworks: podSecurityFrameworks(['5.2.7']),
  equivalents: {
    checkov: ['CKV_K8S_23'],
    kics: ['cf34805e-3872-4c08-bf92-6ff7bb0cfadb'],
    kubeLinter: ['run-as-non-root'],
    polaris: ['runAsRootAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      const report = once(ctx);
      for (const c of pod.containers) {
        const nonRoot = effective(pod, c, 'runAsNonRoot');
        const user = effective(pod, c, 'runAsUser');
        if (nonRoot.val.isUnknown || user.val.isUnknown || nonRoot.val.isTrue()) continue;
        // A known user decides it: non-zero is not root, 0 is CL-K8S-004's finding, anything else is invalid.
        if (!user.val.isAbsent) continue;
        if (nonRoot.val.isFalse()) {
          const msg =
            nonRoot.from === 'container'
              ? `The ${containerLabel(c)} of ${pod.label} sets securityContext.runAsNonRoot to false and sets no runAsUser, so it runs as root if its image does.`
              : `${pod.label} sets runAsNonRoot to false in its pod securityContext and its containers set no runAsUser, so they run as root if their images do.`;
          const edits = ctx.edits.setValue(nonRoot.val, true);
          report(nonRoot.val, msg, { fix: edits && { title: `Set runAsNonRoot to true${NOTE}`, edits } });
        } else if (nonRoot.val.isAbsent) {
          const edits = addToContainerSecurityContext(ctx, c, 'runAsNonRoot', true);
          ctx.report(containerAnchor(c), `The ${containerLabel(c)} of ${pod.label} sets neither runAsNonRoot: true nor a non-zero runAsUser (nor does its pod), so it runs as root if its image does.`, {
            fix: edits && { title: `Add runAsNonRoot: true${NOTE}`, edits },
          });
        }
      }
    }),
  },
});
