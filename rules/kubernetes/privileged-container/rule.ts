// CL-K8S-001: a container runs privileged.
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, PSS_DOC, containerSettingCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-001',
  slug: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'high',
  fixable: true,
  description:
    'A privileged container gets every Linux capability, all of the node\'s devices and no seccomp or AppArmor confinement: whoever controls the process controls the node.',
  remediation: 'Set securityContext.privileged to false and grant only the specific capabilities the container needs.',
  responsibility: podResponsibility('whether a container runs privileged is your decision'),
  frameworks: podSecurityFrameworks(['5.2.2']),
  equivalents: {
    checkov: ['CKV_K8S_16'],
    kics: ['dd29336b-fe57-445b-a26e-e6aa867ae609'],
    trivy: ['AVD-KSV-0017'],
    kubeLinter: ['privileged-container'],
    polaris: ['runAsPrivileged'],
    kubeScore: ['container-security-context-privileged'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'privileged'],
      consequence: "which gives it every capability and the node's devices",
      want: false,
      absentMeans: null,
    }),
  },
});
