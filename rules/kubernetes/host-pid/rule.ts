// CL-K8S-010: the pod uses the node's process ID namespace.
import { defineRule } from '../../kit';
import { PSS_DOC, podFlagCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-010',
  slug: 'host-pid',
  title: "Pod uses the node's process namespace",
  severity: 'high',
  fixable: true,
  description:
    "With hostPID: true the pod's containers see every process on the node, can read their environment and command lines, and with ptrace or root can signal or inject into them.",
  remediation: 'Set hostPID to false (or remove it).',
  responsibility: podResponsibility("whether your pods share the node's process namespace is set by your pod specs"),
  frameworks: podSecurityFrameworks(['5.2.3']),
  equivalents: {
    checkov: ['CKV_K8S_17'],
    kics: ['302736f4-b16c-41b8-befe-c0baffa0bd9d'],
    trivy: ['AVD-KSV-0010'],
    kubeLinter: ['host-pid'],
    polaris: ['hostPIDSet'],
  },
  docs: [`${PSS_DOC}#baseline`, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution'],
  checks: {
    kubernetes: podFlagCheck('hostPID', "its containers see and can signal every process on the node"),
  },
});
