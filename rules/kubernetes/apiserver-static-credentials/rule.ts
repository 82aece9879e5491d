// CL-K8S-088: the API server authenticates users by a static file of passwords or tokens.
import { cisK8s, defineRule, nist, nsaK8s, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, controlPlaneResponsibility, controlPlaneCheck, type ComponentContainer } from '../../lib/k8s-control-plane';

/** The flags that name a static credential file, and what the file holds. */
const FLAGS: readonly { readonly name: string; readonly holds: string; readonly note?: string }[] = [
  { name: 'basic-auth-file', holds: 'passwords', note: ' (the flag was removed in Kubernetes 1.19, so this is an older cluster)' },
  { name: 'token-auth-file', holds: 'bearer tokens' },
];

/** The static credential files one API server container reads. */
function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  for (const { name, holds, note } of FLAGS) {
    const f = flag(cc, name);
    // An empty value leaves the authenticator off; an unknown one is not reported.
    if (!f || !f.known || !f.value?.trim()) continue;
    ctx.report(f.at, `${componentLabel(cc, r)} sets --${name}=${f.value}, a static file of ${holds} that never expire and are not revoked without a restart${note ?? ''}.`);
  }
}

export default defineRule({
  id: 'CL-K8S-088',
  slug: 'apiserver-static-credentials',
  title: 'API server authenticates users from a static password or token file',
  severity: 'high',
  fixable: false,
  description:
    'A static password (--basic-auth-file) or token (--token-auth-file) file holds long-lived credentials in clear text on every control-plane node. They never expire, cannot be revoked or rotated without restarting the API server, and are not tied to any identity provider or multi-factor authentication.',
  remediation:
    'Remove --token-auth-file (and --basic-auth-file) from the API server and authenticate users with client certificates, OIDC or a webhook, and workloads with service account tokens.',
  responsibility: controlPlaneResponsibility('identity-and-access', 'how the API servers you run authenticate users, and the credential files you give them, are yours'),
  frameworks: [cisK8s('1.2.2'), nsaK8s('Authentication and authorization'), nist('IA-2', 'IA-5')],
  equivalents: {
    kics: ['5da47109-f8d6-4585-9e2b-96a8958a12f5', '32ecd76e-7bbf-402e-bf48-8b9485749558'],
    checkov: ['CKV_K8S_69', 'CKV_K8S_70'],
    trivy: ['AVD-KCV-0002'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver'], container: checkContainer }),
  },
});
