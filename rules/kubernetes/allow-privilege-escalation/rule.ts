// CL-K8S-002: a container may gain more privileges than its parent process (setuid binaries, file capabilities).
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  capabilityName,
  containerSettingCheck,
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
    trivy: ['AVD-KSV-0001'],
    kubeLinter: ['privilege-escalation-container'],
    polaris: ['privilegeEscalationAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'allowPrivilegeEscalation'],
      consequence: 'so its processes can gain more privileges than their parent',
      want: false,
      absentMeans: true,
      linuxOnly: true,
      forced: (c) => (forcedBy(c) ? `it is always allowed because ${forcedBy(c)}` : undefined),
    }),
  },
});
