// CL-K8S-013: a hostPath volume mounts a sensitive part of the node: its root, a container runtime socket,
// /proc, /sys, /dev, /etc, the kubelet's or the runtime's state (see SENSITIVE_HOST_PATHS).
import { defineRule, type Check } from '../../kit';
import { PSS_DOC, hostPathVolumes, podCheck, podResponsibility, podSecurityFrameworks, sensitiveHostPath } from '../../lib/k8s-security-context';

/** A PersistentVolume with a sensitive hostPath is the same exposure, one claim away from any pod that binds it. */
function withPersistentVolumes(pods: Check): Check {
  return {
    reads: pods.reads,
    types: [...pods.types, 'PersistentVolume'],
    run(r, ctx) {
      if (r.type !== 'PersistentVolume') return pods.run(r, ctx);
      const path = r.body.path('spec', 'hostPath', 'path');
      const p = path.str();
      if (p === undefined || path.isUnknown) return;
      const hit = sensitiveHostPath(p);
      if (!hit) return;
      const what = hit.relation === 'is' ? `: ${hit.why}` : hit.relation === 'inside' ? `, inside ${hit.path} (${hit.why})` : `, which contains ${hit.path} (${hit.why})`;
      ctx.report(path, `PersistentVolume ${r.k8s?.name ?? r.id} exposes the host path ${p}${what} to every pod whose claim binds it.`);
    },
  };
}

export default defineRule({
  id: 'CL-K8S-013',
  slug: 'sensitive-host-path',
  title: 'Pod mounts a sensitive host path',
  severity: 'high',
  fixable: false,
  description:
    "A hostPath volume on the node's root, a container runtime socket, /proc, /sys, /dev, /etc, /boot, /root or the kubelet's, runtime's or etcd's state gives the container control of the node or its credentials, even when mounted read-only.",
  remediation: 'Remove the hostPath volume; use a ConfigMap, Secret, emptyDir or PersistentVolumeClaim, or a purpose-built API instead of the runtime socket.',
  responsibility: podResponsibility('which node directories your pods mount is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.2.12']),
  equivalents: {
    checkov: ['CKV_K8S_27'],
    kics: ['5308a7a8-06f8-45ac-bf10-791fe21de46e', 'a6f34658-fdfb-4154-9536-56d516f65828'],
    trivy: ['AVD-KSV-0006', 'AVD-KSV-0121'],
    kubeLinter: ['sensitive-host-mounts', 'docker-sock'],
  },
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: withPersistentVolumes(podCheck((pod, ctx) => {
      for (const v of hostPathVolumes(pod)) {
        const p = v.path.str();
        if (p === undefined || v.path.isUnknown) continue;
        const hit = sensitiveHostPath(p);
        if (!hit) continue;
        const what = hit.relation === 'is' ? `: ${hit.why}` : hit.relation === 'inside' ? `, inside ${hit.path} (${hit.why})` : `, which contains ${hit.path} (${hit.why})`;
        ctx.report(v.path, `${pod.label} mounts the host path ${p} (volume ${v.name})${what}.`);
      }
    })),
  },
});
