// CL-K8S-052: an object placed explicitly in the `default` namespace.
import { cisK8s, defineRule, nsaK8s } from '../../kit';
import { objectName, WORKLOAD_KINDS } from '../../lib/k8s-rbac';

const KINDS = [...WORKLOAD_KINDS, 'Service', 'Ingress', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding'];

export default defineRule({
  id: 'CL-K8S-052',
  slug: 'default-namespace',
  title: 'Object is placed in the default namespace',
  severity: 'low',
  fixable: false,
  description:
    'The default namespace is where everything lands that names no namespace, so it mixes unrelated workloads and is hard to fence: RBAC bindings, network policies, quotas and Pod Security levels applied to it apply to all of them.',
  remediation: 'Create a namespace for the application and set metadata.namespace to it.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'the managed control plane creates the default namespace and enforces the boundaries you draw',
    customer: 'which namespaces you create and where each object goes is yours to decide',
  },
  frameworks: [cisK8s('5.7.1', '5.7.4'), nsaK8s('Network separation and hardening')],
  equivalents: {
    kics: ['611ab018-c4aa-4ba2-b0f6-a448337509a6'],
    checkov: ['CKV_K8S_21'],
    trivy: ['AVD-KSV-0110'],
    kubeLinter: ['use-namespace'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: KINDS,
      run(r, ctx) {
        const ns = r.body.path('metadata', 'namespace');
        if (ns.str() !== 'default') return;
        // Objects Kubernetes itself keeps there.
        const name = r.k8s?.name;
        if ((r.type === 'ServiceAccount' && name === 'default') || (r.type === 'Service' && name === 'kubernetes')) return;
        ctx.report(ns, `${objectName(r)} sets metadata.namespace to default, where it shares RBAC, network policies and Pod Security settings with everything else that lands there.`);
      },
    },
  },
});
