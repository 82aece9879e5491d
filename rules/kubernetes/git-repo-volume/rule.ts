// CL-K8S-079: a pod declares a gitRepo volume (deprecated; the kubelet runs git on the node as root).
import { defineRule } from '../../kit';
import { PSS_DOC, podCheck, podResponsibility, podSecurityFrameworks, podVolumes } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-079',
  slug: 'git-repo-volume',
  title: 'Pod uses a gitRepo volume',
  severity: 'medium',
  fixable: false,
  description:
    'For a gitRepo volume the kubelet runs git on the node, as root, with a repository the pod names: it can clone other pods\' local repositories on the node (CVE-2025-1767, not fixed upstream), and on older kubelets a crafted repository runs commands on the node (CVE-2024-10220). The volume type is deprecated and receives no security fixes.',
  remediation: 'Clone the repository in an init container (git-sync or git clone) into an emptyDir volume that the app container mounts.',
  responsibility: podResponsibility('which volume types your pods use is set by your pod specs'),
  frameworks: podSecurityFrameworks([]),
  equivalents: {},
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/#gitrepo', 'https://github.com/kubernetes/kubernetes/issues/130786', 'https://github.com/kubernetes/kubernetes/issues/128885', `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const v of podVolumes(pod)) {
        if (v.source?.key !== 'gitRepo') continue;
        const repo = v.source.val.get('repository').str();
        ctx.report(v.source.keyNode, `${pod.label} uses a gitRepo volume (${v.name ?? '(unnamed)'}${repo ? `, ${repo}` : ''}), which the kubelet clones on the node as root with a deprecated driver that gets no security fixes.`);
      }
    }),
  },
});
