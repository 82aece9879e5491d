// CL-K8S-003: nothing makes a container run as a non-root user: no runAsNonRoot: true, no non-zero runAsUser.
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, PSS_DOC, containerSettingCheck, effective, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

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
    trivy: ['AVD-KSV-0012'],
    kubeLinter: ['run-as-non-root'],
    polaris: ['runAsRootAllowed'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'runAsNonRoot'],
      consequence: 'and neither it nor its pod sets runAsUser, so it runs as root if its image does',
      want: true,
      absentMeans: false,
      // What the fix does besides: the kubelet checks the image's user.
      fixNote: 'the kubelet then refuses to start an image that runs as root',
      // A runAsUser in force decides it (known or not): non-zero is not root, 0 is CL-K8S-004's finding.
      only: (pod, c) => effective(pod, c, 'runAsUser').from === 'none',
      inherit: {
        path: ['securityContext', 'runAsNonRoot'],
        shown: 'runAsNonRoot in its pod securityContext',
        consequence: 'and its containers set no runAsUser, so they run as root if their images do',
      },
    }),
  },
});
