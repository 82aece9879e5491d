// CL-K8S-019: a container mounts /proc unmasked (procMount: Unmasked).
import { defineRule } from '../../kit';
import { PSS_DOC, SECURITY_CONTEXT_DOC, containerLabel, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-019',
  slug: 'proc-mount-unmasked',
  title: 'Container mounts /proc unmasked',
  severity: 'medium',
  fixable: true,
  description:
    "procMount: Unmasked turns off the masking and read-only paths the runtime applies to /proc (such as /proc/sys, /proc/kcore, /proc/sysrq-trigger), exposing kernel interfaces a container escape can use. Pod Security Standards (baseline) allow only Default.",
  remediation: 'Set securityContext.procMount to Default (or remove it).',
  responsibility: podResponsibility('how /proc is mounted in your containers is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {
    kics: ['f922827f-aab6-447c-832a-e1ff63312bd3'],
    kubeLinter: ['unsafe-proc-mount'],
  },
  docs: [`${PSS_DOC}#baseline`, SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return;
      for (const c of pod.containers) {
        const v = c.val.path('securityContext', 'procMount');
        if (v.isUnknown || v.str() !== 'Unmasked') continue;
        // Unmasked is set on purpose (nested containers, rootless builders), which Default breaks: the title says so.
        const edits = ctx.edits.setValue(v, 'Default');
        ctx.report(v, `The ${containerLabel(c)} of ${pod.label} sets securityContext.procMount to Unmasked, so the runtime does not mask /proc for it.`, {
          fix: edits && { title: 'Set procMount to Default (nested container runtimes need Unmasked)', edits },
        });
      }
    }),
  },
});
