// CL-K8S-048: a Service of type NodePort, which opens its port on every node of the cluster.
import { defineRule } from '../../kit';
import { objectName, serviceCheck, serviceFrameworks, serviceResponsibility } from '../../lib/k8s-rbac';

export default defineRule({
  id: 'CL-K8S-048',
  slug: 'service-nodeport',
  title: 'Service is of type NodePort',
  severity: 'medium',
  fixable: false,
  description:
    'A NodePort Service opens the same port (30000-32767 by default) on every node and forwards it to the pods. Anyone who can reach any node address reaches the workload, past ingress controllers and load balancer rules; only the node firewall stands in the way.',
  remediation: 'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer Service restricted with loadBalancerSourceRanges, instead of NodePort.',
  responsibility: serviceResponsibility(
    'the provider runs the nodes\' network and, on managed node groups, their default firewall rules',
    'which Services you expose on every node is yours to decide',
  ),
  frameworks: serviceFrameworks(),
  equivalents: {
    kics: ['845acfbe-3e10-4b8e-b656-3b404d36dfb2'],
    kubeLinter: ['exposed-services'],
    kubeScore: ['service-type'],
  },
  docs: ['https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'],
  checks: {
    kubernetes: serviceCheck((r, ctx) => {
      const type = r.body.path('spec', 'type');
      if (type.str() !== 'NodePort') return;
      ctx.report(type, `${objectName(r)} sets spec.type to NodePort, which opens its port on every node of the cluster.`);
    }),
  },
});
