// CL-K8S-016: a container runs without a RuntimeDefault or Localhost seccomp profile (Unconfined, or none set).
import { defineRule } from '../../kit';
import {
  PSS_DOC,
  addToContainerSecurityContext,
  containerAnchor,
  containerLabel,
  once,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
  profileMessage,
  runtimeDefaultFix,
  seccompOf,
} from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-016',
  slug: 'seccomp-not-restricted',
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  fixable: true,
  description:
    "Without seccompProfile type RuntimeDefault or Localhost the container can make every system call the kernel offers, including the rarely used ones most kernel exploits and container escapes rely on. Kubernetes runs containers Unconfined unless told otherwise (or the kubelet's seccompDefault is on).",
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) in the pod securityContext, or on every container.',
  responsibility: podResponsibility('which seccomp profile your containers run under is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.2']),
  equivalents: {
    checkov: ['CKV_K8S_31'],
    kics: ['f377b83e-bd07-4f48-a591-60c82b14a78b'],
    trivy: ['AVD-KSV-0030', 'AVD-KSV-0104'],
    kubeScore: ['container-seccomp-profile'],
  },
  docs: ['https://kubernetes.io/docs/tutorials/security/seccomp/', `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      const report = once(ctx);
      for (const c of pod.containers) {
        const profile = seccompOf(pod, c);
        if (!profile) {
          const edits = addToContainerSecurityContext(ctx, c, 'seccompProfile', { type: 'RuntimeDefault' });
          ctx.report(containerAnchor(c), `The ${containerLabel(c)} of ${pod.label} sets no seccomp profile (nor does its pod), so it runs Unconfined unless the kubelet's seccompDefault is on.`, {
            fix: edits && { title: 'Add seccompProfile type RuntimeDefault', edits },
          });
          continue;
        }
        if (profile.type === undefined || profile.type === 'RuntimeDefault' || profile.type === 'Localhost') continue;
        report(profile.val, profileMessage(pod, c, profile, 'without seccomp filtering'), { fix: runtimeDefaultFix(ctx, profile) });
      }
    }),
  },
});
