// CL-K8S-090: service account tokens are not revoked with their account, are verified with the API server's TLS key,
// or the controller manager runs every controller under its own credential.
import { cisK8s, defineRule, nist, nsaK8s, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagBool, type ComponentContainer, controlPlaneResponsibility, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

function checkApiServer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  const lookup = flag(cc, 'service-account-lookup');
  if (lookup && flagBool(lookup) === false) {
    ctx.report(
      lookup.at,
      `${label} sets --service-account-lookup=${lookup.value}, so a service account token stays valid after its service account (or its token Secret) is deleted, until it expires.`,
      { fix: { title: 'Set --service-account-lookup=true', edits: setFlagEdits(cc, ctx.edits, 'service-account-lookup', 'true') } },
    );
  }
  // Without --service-account-signing-key-file the API server verifies tokens with its TLS serving key when no
  // --service-account-key-file is given; with a signing key it refuses to start without one, so that is not reported.
  if (cc.partial || flag(cc, 'service-account-key-file') || flag(cc, 'service-account-signing-key-file') || flag(cc, 'service-account-signing-endpoint')) return;
  ctx.report(
    cc.anchor,
    `${label} sets neither --service-account-key-file nor --service-account-signing-key-file, so service account tokens are verified with its TLS serving key (--tls-private-key-file), which then cannot be rotated without invalidating every token.`,
    { severity: 'low' },
  );
}

function checkControllerManager(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const f = flag(cc, 'use-service-account-credentials');
  const consequence =
    "so every controller calls the API server with the controller manager's own credential, which holds the rights of all of them, instead of its own service account and role";
  const fix = {
    fix: {
      title: 'Set --use-service-account-credentials=true',
      edits: setFlagEdits(cc, ctx.edits, 'use-service-account-credentials', 'true'),
      caution: 'each controller then has only the rights of its own system:controller role, which RBAC must grant',
    },
  };
  if (f) {
    if (flagBool(f) === false) ctx.report(f.at, `${componentLabel(cc, r)} sets --use-service-account-credentials=${f.value}, ${consequence}.`, fix);
    return;
  }
  if (cc.partial) return;
  ctx.report(cc.anchor, `${componentLabel(cc, r)} does not set --use-service-account-credentials, which defaults to false, ${consequence}.`, fix);
}

export default defineRule({
  id: 'CL-K8S-090',
  slug: 'service-account-token-signing',
  title: 'Service account tokens outlive their account, or controllers share one credential',
  severity: 'medium',
  fixable: true,
  description:
    "With --service-account-lookup=false the API server accepts a service account token without checking that its service account still exists, so deleting the account does not revoke it. Without a service account key file it verifies tokens with its TLS serving key. A controller manager without --use-service-account-credentials runs all its controllers under one credential that holds the rights of every controller, so a flaw in one controller has them all.",
  remediation:
    'Leave --service-account-lookup at true, give kube-apiserver --service-account-key-file and --service-account-signing-key-file (a key pair of its own, as kubeadm does), and start kube-controller-manager with --use-service-account-credentials=true.',
  responsibility: controlPlaneResponsibility('identity-and-access', 'the flags of the API servers and controller managers you run, and the keys that sign service account tokens, are yours'),
  frameworks: [cisK8s('1.2.21', '1.2.22', '1.3.3'), nsaK8s('Authentication and authorization'), nist('AC-2', 'AC-6', 'IA-5')],
  equivalents: {
    kics: ['a5530bd7-225a-48f9-91bb-f40b04200165', 'dab4ec72-ce2e-4732-b7c3-1757dcce01a1', '1acd93f1-5a37-45c0-aaac-82ece818be7d'],
    checkov: ['CKV_K8S_96', 'CKV_K8S_97', 'CKV_K8S_108'],
    trivy: ['AVD-KCV-0024', 'AVD-KCV-0025', 'AVD-KCV-0035'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver', 'kube-controller-manager'], container: (r, cc, ctx) => (cc.component === 'kube-apiserver' ? checkApiServer : checkControllerManager)(r, cc, ctx) }),
  },
});
