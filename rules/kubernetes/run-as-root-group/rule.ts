// CL-K8S-005: a container runs with the root group: runAsGroup 0 (container or pod), or fsGroup / supplementalGroups 0.
import { defineRule } from '../../kit';
import {
  SECURITY_CONTEXT_DOC,
  PSS_DOC,
  containerLabel,
  effective,
  podCheck,
  podResponsibility,
  podSecurityFrameworks,
} from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-005',
  slug: 'run-as-root-group',
  title: 'Container runs with the root group',
  severity: 'low',
  fixable: false,
  description:
    'runAsGroup: 0, fsGroup: 0 or a 0 in supplementalGroups gives the container\'s processes the root group, which owns many files on the node and in images: a process that breaks out keeps that access.',
  remediation: 'Use non-zero GIDs for runAsGroup, fsGroup and supplementalGroups.',
  responsibility: podResponsibility('which groups your containers run with is set by your pod specs'),
  frameworks: podSecurityFrameworks(['5.7.3']),
  equivalents: {},
  docs: [SECURITY_CONTEXT_DOC, `${PSS_DOC}#restricted`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      const inheriting: string[] = [];
      for (const c of pod.containers) {
        const group = effective(pod, c, 'runAsGroup');
        if (group.val.num() !== 0) continue;
        if (group.from === 'container') {
          ctx.report(group.val, `The ${containerLabel(c)} of ${pod.label} sets securityContext.runAsGroup to 0, so it runs with the root group.`);
        } else {
          inheriting.push(c.name);
        }
      }
      if (inheriting.length > 0) {
        const who = inheriting.length === 1 ? `container ${inheriting[0]} does not override it, so it` : `containers ${inheriting.join(', ')} do not override it, so they`;
        ctx.report(pod.sc.get('runAsGroup'), `${pod.label} sets runAsGroup to 0 in its pod securityContext and ${who} ${inheriting.length === 1 ? 'runs' : 'run'} with the root group.`);
      }
      const fsGroup = pod.sc.get('fsGroup');
      if (fsGroup.num() === 0) {
        ctx.report(fsGroup, `${pod.label} sets fsGroup to 0 in its pod securityContext, so every container runs with the root group and its volumes are owned by it.`);
      }
      for (const g of pod.sc.get('supplementalGroups').items()) {
        if (g.num() === 0) ctx.report(g, `${pod.label} lists group 0 in supplementalGroups of its pod securityContext, so every container runs with the root group.`);
      }
    }),
  },
});
