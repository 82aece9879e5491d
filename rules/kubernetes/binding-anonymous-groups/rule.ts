// CL-K8S-047: a binding whose subjects are everyone: anonymous requests, unauthenticated or all authenticated users.
import { defineRule, nist, nsaK8s } from '../../kit';
import { objectName, subjects, bindingCheck } from '../../lib/k8s-rbac';

const EVERYONE: Readonly<Record<string, { kind: string; who: string }>> = {
  'system:anonymous': { kind: 'User', who: 'every anonymous request' },
  'system:unauthenticated': { kind: 'Group', who: 'every unauthenticated request' },
  'system:authenticated': { kind: 'Group', who: 'every authenticated identity (on some managed clusters, any account of the cloud provider)' },
};

/** The default discovery roles Kubernetes itself binds to these groups. */
const DEFAULT_PUBLIC_ROLES = new Set(['system:public-info-viewer', 'system:discovery', 'system:basic-user']);

export default defineRule({
  id: 'CL-K8S-047',
  slug: 'binding-anonymous-groups',
  title: 'Binding grants a role to anonymous or all users',
  severity: 'high',
  fixable: false,
  description:
    'The User system:anonymous and the Groups system:unauthenticated and system:authenticated stand for everyone who can reach the API server. A role bound to them is granted to the whole internet (or every identity the cluster trusts), not to a person or workload.',
  remediation: 'Bind the role to the specific users, groups or service accounts that need it instead of system:anonymous, system:unauthenticated or system:authenticated.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane authenticates requests and keeps the default discovery bindings',
    customer: 'which roles you grant to anonymous or all authenticated users is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-6', 'AC-14')],
  equivalents: {
    trivy: ['AVD-KSV-0122'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  checks: {
    kubernetes: bindingCheck((r, ctx) => {
      const ref = r.body.get('roleRef');
      const role = ref.get('name').str();
      if (ref.get('kind').str() === 'ClusterRole' && role !== undefined && DEFAULT_PUBLIC_ROLES.has(role)) return;
      const roleText = role !== undefined ? `${ref.get('kind').str() ?? 'role'} ${role}` : 'its role';
      for (const s of subjects(r)) {
        const everyone = s.name !== undefined ? EVERYONE[s.name] : undefined;
        if (!everyone || s.kind !== everyone.kind) continue;
        ctx.report(s.nameVal, `${objectName(r)} grants ${roleText} to ${s.kind} ${s.name}, that is to ${everyone.who}.`);
      }
    }),
  },
});
