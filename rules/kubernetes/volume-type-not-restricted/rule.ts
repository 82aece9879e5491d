// CL-K8S-078: a pod declares an inline volume of a type the restricted Pod Security Standard does not allow.
import { defineRule } from '../../kit';
import { PSS_DOC, UNRESTRICTED_VOLUME_TYPES, podCheck, podResponsibility, podSecurityFrameworks, podVolumes } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-078',
  slug: 'volume-type-not-restricted',
  title: 'Pod uses a volume type the restricted Pod Security Standard does not allow',
  severity: 'low',
  fixable: false,
  description:
    'An inline nfs, iscsi, rbd, flexVolume or cloud-disk volume lets the pod name storage (a server, a disk, its credentials) directly, bypassing the PersistentVolumes and StorageClasses that administrators control; a FlexVolume driver runs as root on the node. The restricted Pod Security Standard allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.',
  remediation: 'Mount the storage through a PersistentVolumeClaim (bound to a PersistentVolume or a StorageClass an administrator defines) or a CSI volume.',
  responsibility: podResponsibility('which storage your pods mount, and how, is set by your pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {
    trivy: ['AVD-KSV-0028'],
  },
  docs: [`${PSS_DOC}#restricted`, 'https://kubernetes.io/docs/concepts/storage/volumes/'],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const v of podVolumes(pod)) {
        const what = v.source && UNRESTRICTED_VOLUME_TYPES.get(v.source.key);
        if (!v.source || !what) continue;
        ctx.report(v.source.keyNode, `${pod.label} declares volume ${v.name ?? '(unnamed)'} as ${v.source.key} (${what}), a volume type the restricted Pod Security Standard does not allow.`);
      }
    }),
  },
});
