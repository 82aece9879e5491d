// CL-K8S-041: a Secret of type kubernetes.io/service-account-token (a long-lived, non-expiring API token).
import { type CheckContext, defineRule, nist, nsaK8s, type Resource } from '../../kit';

function run(r: Resource, ctx: CheckContext): void {
  const type = r.body.get('type');
  if (type.str() !== 'kubernetes.io/service-account-token') return;
  const sa = r.body.path('metadata', 'annotations', 'kubernetes.io/service-account.name').str();
  const whose = sa ? ` for service account ${sa}` : '';
  ctx.report(
    type,
    `Secret ${r.k8s?.name ?? '(unnamed)'} asks the control plane for a long-lived API token${whose}, which never expires and stays valid until the Secret is deleted.`,
  );
}

export default defineRule({
  id: 'CL-K8S-041',
  slug: 'legacy-sa-token-secret',
  title: 'Long-lived service account token Secret',
  severity: 'medium',
  fixable: false,
  description:
    'A Secret of type kubernetes.io/service-account-token is filled by the control plane with a token that has no expiry. Since Kubernetes 1.24 pods get short-lived projected tokens instead, and a leaked legacy token works until someone finds and deletes the Secret.',
  remediation: 'Delete the Secret and use short-lived tokens: projected serviceAccountToken volumes in pods, `kubectl create token` or the TokenRequest API for clients outside the cluster.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'since Kubernetes 1.24 the control plane no longer creates these Secrets itself and gives pods short-lived projected tokens instead',
    customer: 'the token Secrets you create and where their tokens end up are yours',
  },
  frameworks: [nsaK8s('Protecting Pod service account tokens'), nist('IA-5')],
  equivalents: {},
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
    'https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: ['Secret'], run },
  },
});
