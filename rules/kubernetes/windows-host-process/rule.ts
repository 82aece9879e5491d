// CL-K8S-072: a Windows container runs as a HostProcess container (securityContext.windowsOptions.hostProcess: true).
import { defineRule } from '../../kit';
import { PSS_DOC, SECURITY_CONTEXT_DOC, containerSettingCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-072',
  slug: 'windows-host-process',
  title: 'Windows container runs as a HostProcess container',
  severity: 'high',
  fixable: false,
  description:
    "A HostProcess container runs as a process on the Windows node itself, in the node's network namespace, with no filesystem or process isolation and the rights of the account it runs as (SYSTEM or an administrator, typically). Pod Security Standards (baseline) forbid it.",
  remediation: 'Remove windowsOptions.hostProcess (or set it to false) and hostNetwork from the pod; keep HostProcess pods to node agents in a namespace of their own.',
  responsibility: podResponsibility('whether a Windows container runs on the node as a host process is your decision'),
  frameworks: podSecurityFrameworks(['5.2.11']),
  equivalents: {
    trivy: ['AVD-KSV-0103'],
    polaris: ['hostProcess'],
  },
  docs: [`${PSS_DOC}#baseline`, 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/', SECURITY_CONTEXT_DOC],
  checks: {
    kubernetes: containerSettingCheck({
      path: ['securityContext', 'windowsOptions', 'hostProcess'],
      consequence: 'so it runs as a process on the node, outside any container isolation',
      want: false,
      absentMeans: null,
      // Every container of a HostProcess pod must be one (and the pod must use hostNetwork): turning one value off
      // gives a pod the API server rejects, so removing HostProcess is a change to the whole pod, not a quick-fix.
      fix: false,
      inherit: {
        path: ['securityContext', 'windowsOptions', 'hostProcess'],
        shown: 'windowsOptions.hostProcess in its pod securityContext',
        consequence: 'so its containers run as processes on the node, outside any container isolation',
      },
    }),
  },
});
