// CL-K8S-064: a RoleBinding or ClusterRoleBinding whose subject is a namespace's default service account: the role
// reaches every pod of that namespace that names no service account.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { bindingCheck, objectName, subjects, subjectText } from '../../lib/k8s-rbac';

export default defineRule({
  id: 'CL-K8S-064',
  slug: 'binding-default-service-account',
  title: 'Binding grants a role to a default service account',
  severity: 'medium',
  fixable: false,
  description:
    'The default service account of a namespace is the identity of every pod there that names no other. A role bound to it is granted to all of those pods, present and future, instead of to the one workload that needs it.',
  remediation: 'Create a ServiceAccount for the workload that needs the role, bind the role to it, and set serviceAccountName in that workload\'s pod spec.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the control plane creates a default service account in every namespace and enforces the bindings you write',
    customer: 'keeping the default accounts without rights is yours',
  },
  frameworks: [cisK8s('5.1.5'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    checkov: ['CKV_K8S_42'],
    kics: ['1e749bc9-fde8-471c-af0c-8254efd2dee5'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  checks: {
    kubernetes: bindingCheck((r, ctx) => {
      const ref = r.body.get('roleRef');
      const role = ref.get('name').str();
      const roleText = role !== undefined ? `${ref.get('kind').str() ?? 'role'} ${role}` : 'its role';
      for (const s of subjects(r)) {
        // The account as a ServiceAccount subject, or by its user name `system:serviceaccount:<namespace>:default`.
        const asUser = s.kind === 'User' ? /^system:serviceaccount:([^:]+):default$/.exec(s.name ?? '') : null;
        if (!asUser && (s.kind !== 'ServiceAccount' || s.name !== 'default')) continue;
        const ns = asUser ? asUser[1] : (s.namespace ?? (r.type === 'RoleBinding' ? r.k8s?.namespace : undefined));
        const where = ns !== undefined ? `namespace ${ns}` : 'its namespace';
        ctx.report(s.nameVal, `${objectName(r)} grants ${roleText} to ${subjectText(s)}, so every pod of ${where} that names no service account holds it.`);
      }
    }),
  },
});
