// CL-K8S-005: a container runs with the root group: runAsGroup 0 (container or pod), or fsGroup / supplementalGroups 0.
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
  nonZeroIdFix,
  reportZeroId,
} from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-005',
  slug: 'run-as-root-group',
  title: 'Container runs with the root group',
  severity: 'low',
  fixable: true,
  description:
    'runAsGroup: 0, fsGroup: 0 or a 0 in supplementalGroups gives the container\'s processes the root group, which owns many files on the node and in images: a process that breaks out keeps that access.',
  remediation: 'Use non-zero GIDs for runAsGroup, fsGroup and supplementalGroups.',
  responsibility: podResponsibility('which groups your containers run with is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {
    trivy: ['AVD-KSV-0029', 'AVD-KSV-0116'],
  },
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      reportZeroId(pod, ctx, 'runAsGroup', 'with the root group');
      const fsGroup = pod.sc.get('fsGroup');
      if (fsGroup.num() === 0) {
        ctx.report(fsGroup, `${pod.label} sets fsGroup to 0 in its pod securityContext, so every container runs with the root group and its volumes are owned by it.`, {
          fix: nonZeroIdFix(fsGroup, 'fsGroup'),
        });
      }
      for (const g of pod.sc.get('supplementalGroups').items()) {
        if (g.num() === 0) ctx.report(g, `${pod.label} lists group 0 in supplementalGroups of its pod securityContext, so every container runs with the root group.`, {
          fix: nonZeroIdFix(g, 'the group'),
        });
      }
    }),
  },
});
