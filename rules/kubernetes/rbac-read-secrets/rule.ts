// CL-K8S-043: a Role or ClusterRole that lets its subjects read Secrets (get, list or watch).
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { coversGroup, objectName, resourceItems, verbItems, verbList, policyRuleCheck } from '../../lib/k8s-rbac';

export default defineRule({
  id: 'CL-K8S-043',
  slug: 'rbac-read-secrets',
  title: 'RBAC role can read Secrets',
  severity: 'medium',
  fixable: false,
  description:
    'get, list or watch on Secrets returns their decoded contents: passwords, keys, TLS private keys and service account tokens. A subject that can read Secrets can usually act as every service account and application in the namespace (or the cluster, for a ClusterRole bound cluster-wide).',
  remediation: 'Remove get, list and watch on secrets (and `*`), or narrow the rule to the named Secrets the subject needs with resourceNames.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane stores Secrets and enforces the RBAC rules you write',
    customer: 'who may read Secrets, through which roles, is yours to decide',
  },
  frameworks: [cisK8s('5.1.2'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    kics: ['b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14', '056ac60e-fe07-4acc-9b34-8e1d51716ab9'],
    checkov: ['CKV2_K8S_5'],
    trivy: ['AVD-KSV-0041', 'AVD-KSV-0113'],
    kubeLinter: ['access-to-secrets'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      // Narrowed to named Secrets: that is the least-privilege form this control asks for.
      if (rule.named || !coversGroup(rule, [''])) return;
      const verbs = verbItems(rule, ['get', 'list', 'watch']);
      if (verbs.length === 0) return;
      for (const res of resourceItems(rule, ['secrets'])) {
        const which = res.value === '*' ? '"*" (every resource of the core API group, Secrets included)' : 'secrets';
        const scope = r.type === 'Role' ? 'in its namespace' : 'wherever it is bound (every namespace, through a ClusterRoleBinding)';
        ctx.report(res.val, `Rule ${rule.index} of ${objectName(r)} grants ${verbList(verbs)} on ${which}, so its subjects can read the value of every Secret ${scope}.`);
      }
    }),
  },
});
