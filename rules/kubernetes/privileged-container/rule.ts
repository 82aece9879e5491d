// CL-K8S-001: a container runs privileged.
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, PSS_DOC, containerLabel, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

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
    kubeLinter: ['privileged-container'],
    polaris: ['runAsPrivileged'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const c of pod.containers) {
        const v = c.val.path('securityContext', 'privileged');
        if (!v.isTrue()) continue;
        const edits = ctx.edits.setValue(v, false);
        ctx.report(v, `The ${containerLabel(c)} of ${pod.label} sets securityContext.privileged to true, which gives it every capability and the node's devices.`, {
          fix: edits && { title: 'Set privileged to false', edits },
        });
      }
    }),
  },
});
