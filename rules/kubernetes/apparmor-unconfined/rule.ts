// CL-K8S-017: a container runs without AppArmor confinement: appArmorProfile.type Unconfined (container or pod,
// Kubernetes 1.30+) or the legacy annotation container.apparmor.security.beta.kubernetes.io/<container>: unconfined.
import { defineRule } from '../../kit';
import { PSS_DOC, appArmorOf, once, podCheck, podResponsibility, podSecurityFrameworks, profileMessage, runtimeDefaultFix } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-017',
  slug: 'apparmor-unconfined',
  title: 'Container runs without AppArmor confinement',
  severity: 'medium',
  fixable: true,
  description:
    "An Unconfined AppArmor profile removes the runtime's default AppArmor policy, which denies writes to /proc and /sys, mounts and other operations container escapes rely on. Pod Security Standards (baseline) forbid it.",
  remediation: 'Remove the Unconfined setting (the runtime default profile then applies) or set appArmorProfile.type to RuntimeDefault or Localhost.',
  responsibility: podResponsibility('which AppArmor profile your containers run under is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {
    trivy: ['AVD-KSV-0002'],
  },
  docs: ['https://kubernetes.io/docs/tutorials/security/apparmor/', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      const report = once(ctx);
      for (const c of pod.containers) {
        for (const profile of appArmorOf(pod, c)) {
          if (profile.type === 'Unconfined') report(profile.val, profileMessage(pod, c, profile, 'without AppArmor confinement'), { fix: runtimeDefaultFix(ctx, profile) });
        }
      }
    }),
  },
});
