// CL-K8S-058: a Role or ClusterRole that can request tokens for service accounts (create serviceaccounts/token):
// its subjects can act as any service account the rule covers.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const GRANTS: readonly Grant[] = [{ groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }];

export default defineRule({
  id: 'CL-K8S-058',
  slug: 'rbac-token-request',
  title: 'RBAC role can create service account tokens',
  severity: 'high',
  fixable: false,
  description:
    'create on serviceaccounts/token (the TokenRequest API) issues a token for a service account: a subject with it can act as every service account the rule covers, with all their permissions, for as long as the token lives.',
  remediation: 'Remove create on serviceaccounts/token from roles that do not issue tokens, or narrow it with resourceNames to the one service account a component must issue tokens for.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane issues bound, expiring service account tokens and authorises each token request',
    customer: 'who may request tokens for which service accounts is yours to decide',
  },
  frameworks: [cisK8s('5.1.13'), nsaK8s('Authentication and authorization'), nist('AC-6', 'IA-5')],
  equivalents: {},
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request',
    'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const which = hit.rule.named ? 'the service accounts its resourceNames list' : r.type === 'Role' ? 'every service account of its namespace' : 'every service account where it is bound (of the whole cluster, through a ClusterRoleBinding)';
      const incl = hit.resource.value === 'serviceaccounts/token' ? '' : ' (serviceaccounts/token included)';
      return `${grantText(hit, r)}${incl}, so its subjects can issue themselves a token of ${which} and act with its permissions.`;
    }),
  },
});
