// CL-K8S-045: a Role or ClusterRole that grants escalate or bind on roles, or impersonate on users, groups or
// service accounts: each lets its subject step past the RBAC escalation checks.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { coversGroup, objectName, resourceItems, type Item, type PolicyRule, policyRuleCheck } from '../../lib/k8s-rbac';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The dangerous verbs a rule grants (through the verb itself or `*`), only where its resources give them effect. */
function dangerous(rule: PolicyRule): Map<Item, string[]> {
  const out = new Map<Item, string[]>();
  const add = (verb: string) => {
    for (const v of rule.verbs) {
      if (v.value !== verb && v.value !== '*') continue;
      const list = out.get(v) ?? [];
      if (!list.includes(verb)) list.push(verb);
      out.set(v, list);
    }
  };
  const onRoles = coversGroup(rule, [RBAC_GROUP]) && resourceItems(rule, ['roles', 'clusterroles']).length > 0;
  if (onRoles) {
    add('escalate');
    add('bind');
  }
  const impersonateCore = coversGroup(rule, ['']) && resourceItems(rule, ['users', 'groups', 'serviceaccounts']).length > 0;
  const impersonateAuthn =
    coversGroup(rule, ['authentication.k8s.io']) &&
    rule.resources.some((r) => r.value === '*' || r.value === 'uids' || r.value.startsWith('userextras'));
  if (impersonateCore || impersonateAuthn) add('impersonate');
  return out;
}

const EFFECT: Readonly<Record<string, string>> = {
  escalate: 'write roles with permissions they do not hold',
  bind: 'bind any role, cluster-admin included, to anyone',
  impersonate: 'act as any user, group or service account',
};

export default defineRule({
  id: 'CL-K8S-045',
  slug: 'rbac-escalate-bind-impersonate',
  title: 'RBAC role grants escalate, bind or impersonate',
  severity: 'high',
  fixable: false,
  description:
    'Kubernetes stops a subject from granting permissions it does not hold, except through three verbs: escalate (on roles), bind (on roles) and impersonate (on users, groups, service accounts). Each is a direct path to cluster-admin.',
  remediation: 'Remove escalate, bind and impersonate (and the `*` verb on roles, clusterroles, users, groups and serviceaccounts) from every role that is not a tightly held administrative role.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane enforces RBAC, including its privilege-escalation checks',
    customer: 'which roles may bypass those checks through escalate, bind or impersonate is yours to decide',
  },
  frameworks: [cisK8s('5.1.8'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    kics: ['8320826e-7a9c-4b0b-9535-578333193432', '9f85c3f6-26fd-4007-938a-2e0cb0100980'],
    checkov: ['CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_3'],
    trivy: ['AVD-KSV-0043'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      for (const [item, verbs] of dangerous(rule)) {
        const via = item.value === '*' ? `"*", which includes ${verbs.join(' and ')} and` : `${item.value}, which`;
        ctx.report(item.val, `Rule ${rule.index} of ${objectName(r)} grants ${via} lets its subjects ${verbs.map((v) => EFFECT[v]).join(' and ')}.`);
      }
    }),
  },
});
