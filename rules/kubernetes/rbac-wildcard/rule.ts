// CL-K8S-042: a Role or ClusterRole rule with the wildcard `*` in its verbs, resources or API groups.
import { cisK8s, defineRule, nist, nsaK8s, pci } from '../../kit';
import { objectName, type Item, policyRuleCheck } from '../../lib/k8s-rbac';

const WHAT: Readonly<Record<'apiGroups' | 'resources' | 'verbs', string>> = {
  verbs: 'every verb, including escalate, bind, impersonate and verbs added later',
  resources: 'every resource and subresource of its API groups, including ones added later',
  apiGroups: 'every API group, including groups added later by custom resource definitions',
};

export default defineRule({
  id: 'CL-K8S-042',
  slug: 'rbac-wildcard',
  title: 'RBAC rule uses a wildcard',
  severity: 'high',
  fixable: false,
  description:
    'A `*` in the verbs, resources or apiGroups of a Role or ClusterRole rule grants everything of that kind, today and whatever the API server learns later (new verbs, subresources, custom resources), far beyond what the subject needs.',
  remediation: 'Replace each `*` with the explicit verbs, resources and API groups the subject needs.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane evaluates the RBAC rules you write on every API request',
    customer: 'which verbs, resources and API groups each role grants is yours to keep to the minimum',
  },
  frameworks: [cisK8s('5.1.3'), nsaK8s('Authentication and authorization'), nist('AC-6'), pci('7.2.2')],
  equivalents: {
    kics: ['6b896afb-ca07-467a-b256-1a0077a1c08e'],
    checkov: ['CKV_K8S_49'],
    trivy: ['AVD-KSV-0044', 'AVD-KSV-0045', 'AVD-KSV-0046', 'AVD-KSV-0112'],
    kubeLinter: ['wildcard-in-rules'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
        for (const item of rule[field] as readonly Item[]) {
          if (item.value !== '*') continue;
          ctx.report(item.val, `${objectName(r)} uses "*" in the ${field} of rule ${rule.index}, which grants ${WHAT[field]}.`);
        }
      }
    }),
  },
});
