// CL-K8S-077: a container mounts a hostPath volume writable (its volumeMount is not readOnly: true).
import { defineRule } from '../../kit';
import { PSS_DOC, containerLabel, hostPathVolumes, mountsOf, podCheck, podResponsibility, podSecurityFrameworks, readOnlyFix } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-077',
  slug: 'host-path-writable',
  title: 'Container mounts a host path writable',
  severity: 'medium',
  fixable: true,
  description:
    "A hostPath volume mounted without readOnly: true lets the container change files on the node itself: other pods' data, the node's configuration or binaries, depending on the path.",
  remediation: 'Set readOnly: true on every volumeMount of a hostPath volume that the container only reads; keep writable host mounts to node agents that must write there.',
  responsibility: podResponsibility('which node directories your containers may write is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.2.12']),
  equivalents: {
    kubeLinter: ['writable-host-mount'],
  },
  docs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      const paths = new Map<string, string | undefined>();
      for (const v of hostPathVolumes(pod)) paths.set(v.name, v.path.isUnknown ? undefined : v.path.str());
      if (paths.size === 0) return;
      for (const m of mountsOf(pod, new Set(paths.keys()))) {
        if (m.readOnly.isUnknown || m.readOnly.isTrue()) continue;
        const host = paths.get(m.volume);
        const what = `host path volume ${m.volume}${host ? ` (${host})` : ''}`;
        const at = m.readOnly.isAbsent ? m.val.get('name') : m.readOnly;
        const how = m.readOnly.isAbsent ? 'without readOnly: true' : 'with readOnly: false';
        ctx.report(at, `The ${containerLabel(m.container)} of ${pod.label} mounts the ${what} ${how}, so it can change files on the node.`, {
          fix: readOnlyFix(ctx, m),
        });
      }
    }),
  },
});
