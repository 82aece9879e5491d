// CL-K8S-014: a hostPath volume on a path that CL-K8S-013 does not already report.
import { defineRule } from '../../kit';
import { PSS_DOC, hostPathVolumes, podCheck, podResponsibility, podSecurityFrameworks, sensitiveHostPath } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-014',
  slug: 'host-path-volume',
  title: 'Pod mounts a host path',
  severity: 'low',
  fixable: false,
  description:
    "A hostPath volume ties the pod to one node's filesystem and lets it read, and unless mounted read-only write, files other pods and the node rely on. Pod Security Standards (baseline) forbid hostPath volumes.",
  remediation: 'Use an emptyDir, ConfigMap, Secret or PersistentVolumeClaim instead; if a host path is needed, mount it read-only and restrict the pod to trusted namespaces.',
  responsibility: podResponsibility('which node directories your pods mount is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.2.12']),
  equivalents: {
    kics: ['aa8f7a35-9923-4cad-bd61-a19b7f6aac91'],
    trivy: ['AVD-KSV-0023'],
    polaris: ['hostPathSet'],
  },
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const v of hostPathVolumes(pod)) {
        if (v.path.isUnknown) {
          // The path is known only after rendering; that the pod mounts a host path is known now.
          ctx.report(v.key, `${pod.label} mounts a host path (volume ${v.name}).`);
          continue;
        }
        const p = v.path.str();
        if (p === undefined || sensitiveHostPath(p)) continue; // no path: invalid; sensitive: CL-K8S-013
        ctx.report(v.path, `${pod.label} mounts the host path ${p} (volume ${v.name}).`);
      }
    }),
  },
});
