// CL-K8S-046: a RoleBinding or ClusterRoleBinding to the built-in cluster-admin ClusterRole.
import { cisK8s, defineRule, nist, nsaK8s, pci } from '../../kit';
import { objectName, subjects, subjectText, bindingCheck } from '../../lib/k8s-rbac';

export default defineRule({
  id: 'CL-K8S-046',
  slug: 'binding-cluster-admin',
  title: 'Binding grants cluster-admin',
  severity: 'high',
  fixable: false,
  description:
    'cluster-admin allows every verb on every resource. Bound with a ClusterRoleBinding it is full control of the cluster; bound with a RoleBinding it is full control of the namespace, including its Secrets, RBAC and the namespace object itself.',
  remediation: 'Bind a role that grants only what the subjects need (the built-in admin, edit or view roles, or your own), and keep cluster-admin for break-glass use.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane ships the cluster-admin role and enforces the bindings you create',
    customer: 'who is bound to cluster-admin is yours to decide',
  },
  frameworks: [cisK8s('5.1.1'), nsaK8s('Authentication and authorization'), nist('AC-6'), pci('7.2.2')],
  equivalents: {
    kics: ['249328b8-5f0f-409f-b1dd-029f07882e11'],
    trivy: ['AVD-KSV-0111'],
    kubeLinter: ['cluster-admin-role-binding'],
    polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  checks: {
    kubernetes: bindingCheck((r, ctx) => {
      const ref = r.body.get('roleRef');
      const name = ref.get('name');
      if (ref.get('kind').str() !== 'ClusterRole' || name.str() !== 'cluster-admin') return;
      const own = r.k8s?.name ?? '';
      // The `system:` prefix is reserved for bindings Kubernetes itself manages.
      if (own.startsWith('system:')) return;
      const subs = subjects(r);
      // The bootstrap binding: ClusterRoleBinding cluster-admin → Group system:masters.
      if (r.type === 'ClusterRoleBinding' && own === 'cluster-admin' && subs.length > 0 && subs.every((s) => s.kind === 'Group' && s.name === 'system:masters')) return;
      const who = subs.length ? subs.map(subjectText).join(', ') : 'its subjects';
      const scope = r.type === 'ClusterRoleBinding' ? 'every resource in every namespace' : `every resource in namespace ${r.k8s?.namespace ?? 'it is created in'}`;
      ctx.report(name, `${objectName(r)} binds cluster-admin to ${who}, giving full control of ${scope}.`);
    }),
  },
});
