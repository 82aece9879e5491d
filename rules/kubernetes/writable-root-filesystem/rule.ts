// CL-K8S-006: a container's root filesystem is writable (readOnlyRootFilesystem not true).
import { defineRule } from '../../kit';
import { SECURITY_CONTEXT_DOC, containerSettingCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

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
    trivy: ['AVD-KSV-0014'],
    kubeLinter: ['no-read-only-root-fs'],
    polaris: ['notReadOnlyRootFilesystem'],
    kubeScore: ['container-security-context-readonlyrootfilesystem'],
  },
  docs: [SECURITY_CONTEXT_DOC, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1'],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'readOnlyRootFilesystem'],
      consequence: 'so its root filesystem is writable',
      want: true,
      absentMeans: false,
      fixNote: 'mount an emptyDir where the program writes',
      linuxOnly: true, // not supported on Windows
    }),
  },
});
