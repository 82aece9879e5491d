// CL-K8S-006: a container's root filesystem is writable (readOnlyRootFilesystem not true).
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  addToContainerSecurityContext,
  containerAnchor,
  containerLabel,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
} from '../../lib/k8s-security-context';

/** What the fix does besides. */
const NOTE = ' (mount an emptyDir where the program writes)';

export default defineRule({
  id: 'CL-K8S-006',
  slug: 'writable-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'low',
  fixable: true,
  description:
    'Without readOnlyRootFilesystem: true an attacker who gets code execution in the container can drop tools and binaries into it and change its programs and configuration.',
  remediation: 'Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the application must write (such as /tmp).',
  responsibility: podResponsibility('whether your containers can write to their own filesystem is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {
    checkov: ['CKV_K8S_22'],
    kics: ['a9c2f49d-0671-4fc9-9ece-f4e261e128d0'],
    kubeLinter: ['no-read-only-root-fs'],
    polaris: ['notReadOnlyRootFilesystem'],
  },
  docs: [SECURITY_CONTEXT_DOC, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1'],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      if (pod.windows) return; // not supported on Windows
      for (const c of pod.containers) {
        const sc = c.val.get('securityContext');
        if (sc.isUnknown) continue;
        const v = sc.get('readOnlyRootFilesystem');
        if (v.isUnknown || v.isTrue()) continue;
        if (v.isFalse()) {
          const edits = ctx.edits.setValue(v, true);
          ctx.report(v, `The ${containerLabel(c)} of ${pod.label} sets securityContext.readOnlyRootFilesystem to false, so its root filesystem is writable.`, {
            fix: edits && { title: `Set readOnlyRootFilesystem to true${NOTE}`, edits },
          });
        } else if (v.isAbsent) {
          const edits = addToContainerSecurityContext(ctx, c, 'readOnlyRootFilesystem', true);
          ctx.report(containerAnchor(c), `The ${containerLabel(c)} of ${pod.label} does not set securityContext.readOnlyRootFilesystem to true, so its root filesystem is writable.`, {
            fix: edits && { title: `Add readOnlyRootFilesystem: true${NOTE}`, edits },
          });
        }
      }
    }),
  },
});
