// CL-K8S-002: a container may gain more privileges than its parent process (setuid binaries, file capabilities).
import { defineRule, type Val } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  addToContainerSecurityContext,
  capabilityName,
  containerAnchor,
  containerLabel,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
  type Container,
} from '../../lib/k8s-security-context';

/** Privileged or CAP_SYS_ADMIN: escalation is always allowed, and the API server rejects allowPrivilegeEscalation: false. */
function forcedBy(c: Container): string | undefined {
  const sc = c.val.get('securityContext');
  if (sc.get('privileged').isTrue()) return 'it is privileged';
  if (sc.path('capabilities', 'add').strings().some((s) => capabilityName(s) === 'SYS_ADMIN')) return 'it adds CAP_SYS_ADMIN';
  return undefined;
}

export default defineRule({
  id: 'CL-K8S-002',
  slug: 'allow-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  fixable: true,
  description:
    'Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent, through setuid binaries or file capabilities. It is always allowed for a privileged container or one with CAP_SYS_ADMIN.',
  remediation: 'Set securityContext.allowPrivilegeEscalation to false on every container.',
  responsibility: podResponsibility('the no_new_privs flag is set only when your container spec asks for it'),
  frameworks: podSecurityFrameworks(['5.2.6']),
  equivalents: {
    checkov: ['CKV_K8S_20'],
    kics: ['5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d'],
    kubeLinter: ['privilege-escalation-container'],
    polaris: ['privilegeEscalationAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      for (const c of pod.containers) {
        const sc = c.val.get('securityContext');
        if (sc.isUnknown) continue;
        const v: Val = sc.get('allowPrivilegeEscalation');
        if (v.isUnknown || v.isFalse()) continue;
        const forced = forcedBy(c);
        const why = forced ? ` (it is always allowed because ${forced})` : '';
        if (v.isAbsent) {
          const edits = forced ? undefined : addToContainerSecurityContext(ctx, c, 'allowPrivilegeEscalation', false);
          ctx.report(containerAnchor(c), `The ${containerLabel(c)} of ${pod.label} does not set securityContext.allowPrivilegeEscalation to false, so its processes can gain more privileges than their parent${why}.`, {
            fix: edits && { title: 'Add allowPrivilegeEscalation: false', edits },
          });
        } else if (v.isTrue()) {
          const edits = forced ? undefined : ctx.edits.setValue(v, false);
          ctx.report(v, `The ${containerLabel(c)} of ${pod.label} sets securityContext.allowPrivilegeEscalation to true, so its processes can gain more privileges than their parent${why}.`, {
            fix: edits && { title: 'Set allowPrivilegeEscalation to false', edits },
          });
        }
      }
    }),
  },
});
