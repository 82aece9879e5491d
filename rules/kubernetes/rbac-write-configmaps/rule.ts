// CL-K8S-103: a Role or ClusterRole that lets its subjects create, change or delete any ConfigMap (not only named
// ones): the configuration workloads read at start-up and at run time (flags, scripts, proxy and auth settings).
import { defineRule, nist, nsaK8s } from '../../kit';
import { coversGroup, objectName, policyRuleCheck, resourceItems, verbItems, verbList } from '../../lib/k8s-rbac';

/** The verbs that write ConfigMaps (`*` is matched by `verbItems`). */
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default defineRule({
  id: 'CL-K8S-103',
  slug: 'rbac-write-configmaps',
  title: 'RBAC role can write any ConfigMap',
  severity: 'medium',
  fixable: false,
  description:
    'create, update, patch or delete on every ConfigMap lets a subject change configuration that workloads trust: the settings, scripts and feature flags pods mount or read, and cluster components configured through ConfigMaps. A pod that reads a changed value acts on it, often with more rights than the subject that wrote it.',
  remediation: 'Grant write verbs on configmaps only to the pipelines and controllers that own them, narrowed with resourceNames to the ConfigMaps they manage; everyone else reads.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane stores ConfigMaps and enforces the RBAC rules you write',
    customer: 'who may change the configuration your workloads read is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-6', 'CM-5')],
  equivalents: {
    trivy: ['AVD-KSV-0049'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      // Narrowed to named ConfigMaps (a leader-election lock, the controller's own settings): the least-privilege
      // form. Create and deletecollection cannot be narrowed by name, so such a rule grants neither.
      if (rule.named || !coversGroup(rule, [''])) return;
      const verbs = verbItems(rule, WRITE_VERBS);
      if (verbs.length === 0) return;
      for (const res of resourceItems(rule, ['configmaps'])) {
        const which = res.value === '*' ? '"*" (every resource of the core API group, ConfigMaps included)' : 'configmaps';
        const scope = r.type === 'Role' ? 'in its namespace' : 'wherever it is bound (every namespace, through a ClusterRoleBinding)';
        ctx.report(res.val, `Rule ${rule.index} of ${objectName(r)} grants ${verbList(verbs)} on ${which}, so its subjects can change the configuration every workload ${scope} reads.`);
      }
    }),
  },
});
