// CL-K8S-061: a Role or ClusterRole that can create or change RoleBindings or ClusterRoleBindings: its subjects
// can pass every permission they hold (and, with bind, any role) to identities they choose.
import { defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const GRANTS: readonly Grant[] = [
  { groups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'patch'] },
];

export default defineRule({
  id: 'CL-K8S-061',
  slug: 'rbac-manage-bindings',
  title: 'RBAC role can create or change role bindings',
  severity: 'medium',
  fixable: false,
  description:
    'A subject that can create or change RoleBindings or ClusterRoleBindings can grant roles to any user, group or service account. RBAC limits it to roles whose permissions it holds itself (unless it also has bind), so it can hand its own access, and that of the roles it covers, to identities nobody reviewed.',
  remediation: 'Manage bindings through a reviewed pipeline; grant create/update/patch on rolebindings and clusterrolebindings only to it and to cluster administrators.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane enforces RBAC and its check that a binding grants only permissions its author holds',
    customer: 'who may grant roles to other identities is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-2', 'AC-6')],
  equivalents: {
    trivy: ['AVD-KSV-0050'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const incl = hit.resource.value === '*' ? ' (role bindings included)' : '';
      return `${grantText(hit, r)}${incl}, so its subjects can grant roles to identities of their choosing.`;
    }),
  },
});
