// CL-K8S-019: a container mounts /proc unmasked (procMount: Unmasked).
import { defineRule } from '../../kit';
import { PSS_DOC, SECURITY_CONTEXT_DOC, containerSettingCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

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
    trivy: ['AVD-KSV-0027'],
    kubeLinter: ['unsafe-proc-mount'],
    polaris: ['procMount'],
  },
  docs: [`${PSS_DOC}#baseline`, SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'procMount'],
      consequence: 'so the runtime does not mask /proc for it',
      want: 'Default',
      absentMeans: null,
      // Only Unmasked turns masking off (the API knows no other value; the case is the API's).
      ok: (v) => (v.str() === undefined ? undefined : v.str() !== 'Unmasked'),
      // Unmasked is set on purpose (nested containers, rootless builders), which Default breaks: the title says so.
      fixNote: 'nested container runtimes need Unmasked',
      linuxOnly: true,
    }),
  },
});
