// CL-K8S-104: a Role or ClusterRole that can write the EKS `aws-auth` ConfigMap (kube-system), named or through
// write access to every ConfigMap there: whoever holds it can map any IAM role or user to `system:masters`.
import { defineRule, nist, nsaK8s } from '../../kit';
import { coversGroup, type Item, objectName, policyRuleCheck, resourceItems, verbItems, verbList } from '../../lib/k8s-rbac';

/** Verbs a rule narrowed by resourceNames grants on the named object (RBAC never matches create or deletecollection by name). */
const NAMED_VERBS = ['update', 'patch', 'delete'];
/** Verbs a rule without resourceNames grants on every ConfigMap it covers. */
const ALL_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
/** Verbs that set the ConfigMap's content (the rest only remove it). */
const CONTENT_VERBS = new Set(['*', 'create', 'update', 'patch']);

const AWS_AUTH = 'aws-auth';

export default defineRule({
  id: 'CL-K8S-104',
  slug: 'rbac-write-aws-auth',
  title: 'RBAC role can write the EKS aws-auth ConfigMap',
  severity: 'high',
  fixable: false,
  description:
    'On Amazon EKS the aws-auth ConfigMap in kube-system maps IAM roles and users to Kubernetes users and groups. A subject that can create, update or patch it can map any IAM principal it controls to system:masters and so become cluster admin; one that can delete it cuts nodes and administrators off the cluster.',
  remediation: 'Leave aws-auth to the cluster administrators (or move to EKS access entries); remove write verbs on configmaps named aws-auth, and on all ConfigMaps of kube-system, from other roles.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'Amazon EKS reads aws-auth to map IAM identities to Kubernetes users and groups, and enforces the RBAC rules you write',
    customer: 'who may change the IAM-to-Kubernetes mapping, through which roles, is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-2', 'AC-6')],
  equivalents: {
    trivy: ['AVD-KSV-0115'],
  },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      if (!coversGroup(rule, [''])) return;
      // A Role reaches aws-auth only in kube-system; a Role whose namespace is set at apply time (absent or
      // templated) is not reported. A ClusterRole can be bound there or cluster-wide.
      if (r.type === 'Role' && r.body.path('metadata', 'namespace').str() !== 'kube-system') return;
      const names = rule.val.get('resourceNames');
      if (names.isUnknown) return;
      const listed = names.items();
      const named = listed.length > 0;
      if (named && !listed.some((n) => n.str() === AWS_AUTH)) return;
      const verbs = verbItems(rule, named ? NAMED_VERBS : ALL_VERBS);
      if (verbs.length === 0) return;
      for (const res of resourceItems(rule, ['configmaps'])) ctx.report(res.val, message(rule.index, r.type, objectName(r), res, verbs, named));
    }),
  },
});

function message(index: number, type: string, name: string, res: Item, verbs: readonly Item[], named: boolean): string {
  const which = res.value === '*' ? '"*" (every resource of the core API group)' : 'configmaps';
  const target = named
    ? `${which} named aws-auth`
    : `${which} without resourceNames, which covers the EKS aws-auth ConfigMap${type === 'Role' ? ' of kube-system' : ' once bound cluster-wide or in kube-system'}`;
  const effect = verbs.some((v) => CONTENT_VERBS.has(v.value))
    ? 'map any IAM role or user to a Kubernetes group such as system:masters (cluster admin)'
    : 'delete aws-auth and cut the nodes and administrators it maps off the cluster';
  return `Rule ${index} of ${name} grants ${verbList(verbs)} on ${target}, so on Amazon EKS its subjects can ${effect}.`;
}
