// CL-K8S-011: the pod uses the node's IPC namespace.
import { defineRule } from '../../kit';
import { PSS_DOC, podFlagCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-011',
  slug: 'host-ipc',
  title: "Pod uses the node's IPC namespace",
  severity: 'medium',
  fixable: true,
  description:
    "With hostIPC: true the pod's containers share System V shared memory, semaphores and message queues with every process on the node, and can read or tamper with their data.",
  remediation: 'Set hostIPC to false (or remove it).',
  responsibility: podResponsibility("whether your pods share the node's IPC namespace is set by your pod specs"),
  frameworks: podSecurityFrameworks(['5.2.4']),
  equivalents: {
    checkov: ['CKV_K8S_18'],
    kics: ['cd290efd-6c82-4e9d-a698-be12ae31d536'],
    trivy: ['AVD-KSV-0008'],
    kubeLinter: ['host-ipc'],
    polaris: ['hostIPCSet'],
  },
  docs: [`${PSS_DOC}#baseline`, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution'],
  checks: {
    kubernetes: podFlagCheck('hostIPC', "its containers share shared memory and message queues with every process on the node"),
  },
});
