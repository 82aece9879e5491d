// CL-K8S-015: a container binds a port on the node (ports[].hostPort).
import { defineRule, removePair } from '../../kit';
import { PSS_DOC, containerLabel, podCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-015',
  slug: 'host-port',
  title: 'Container binds a port on the node',
  severity: 'low',
  fixable: true,
  description:
    "A hostPort opens the port on the node's own IP address, outside the Services and network policies that control access to pods, and limits where the pod can be scheduled.",
  remediation: 'Remove hostPort and expose the container through a Service (ClusterIP, or NodePort/LoadBalancer where it must be reachable from outside).',
  responsibility: podResponsibility("which of your containers listen on the node's address is set by your pod specs"),
  frameworks: podSecurityFrameworks(['5.2.13']),
  equivalents: {
    checkov: ['CKV_K8S_26'],
    kics: ['2b1836f1-dcce-416e-8e16-da8c71920633'],
    trivy: ['AVD-KSV-0024'],
    polaris: ['hostPortSet'],
  },
  docs: ['https://kubernetes.io/docs/concepts/configuration/overview/#services', `${PSS_DOC}#baseline`],
  checks: {
    kubernetes: podCheck((pod, ctx) => {
      for (const c of pod.containers) {
        for (const port of c.val.get('ports').items()) {
          const hp = port.get('hostPort');
          const n = hp.num();
          if (n === undefined || n === 0) continue;
          const map = port.node;
          const edits = map?.kind === 'map' && map === port.at ? removePair(map, 'hostPort') : undefined;
          ctx.report(hp, `The ${containerLabel(c)} of ${pod.label} binds hostPort ${n} on the node's address.`, {
            fix: edits && { title: 'Remove hostPort', caution: 'clients then reach the container through a Service', edits },
          });
        }
      }
    }),
  },
});
