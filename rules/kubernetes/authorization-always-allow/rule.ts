// CL-K8S-087: the API server or the kubelet allows every request (AlwaysAllow), or the API server leaves out the Node
// or RBAC authorizer.
import { cisK8s, defineRule, nist, nsaK8s, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagList, type ComponentContainer, controlPlaneResponsibility, isConfigOf, configLabel, controlPlaneCheck } from '../../lib/k8s-control-plane';

const ALLOW_ALL: Record<'kube-apiserver' | 'kubelet', string> = {
  'kube-apiserver': 'so every request that authenticates (or is anonymous) may do anything in the cluster',
  kubelet: "so every request that reaches the kubelet's port and authenticates (or is anonymous) may read logs and exec into the node's pods",
};

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const component = cc.component as 'kube-apiserver' | 'kubelet';
  const label = componentLabel(cc, r);
  // The API server's structured authorization file (1.29+) replaces the flag: the two may not be combined.
  if (component === 'kube-apiserver' && flag(cc, 'authorization-config')) return;
  const f = flag(cc, 'authorization-mode');
  if (!f) {
    if (cc.partial || (component === 'kubelet' && flag(cc, 'config'))) return;
    ctx.report(cc.anchor, `${label} does not set --authorization-mode, which defaults to AlwaysAllow, ${ALLOW_ALL[component]}.`, {
      severity: component === 'kubelet' ? 'high' : undefined,
    });
    return;
  }
  const modes = flagList(f);
  if (!modes) return;
  const shown = `--authorization-mode=${modes.join(',')}`;
  if (modes.includes('AlwaysAllow')) {
    // Authorizers are asked in order and the first decision wins; RBAC and Node never deny, so AlwaysAllow anywhere in
    // the list allows every request the others have no opinion on.
    ctx.report(f.at, `${label} sets ${shown}, which includes AlwaysAllow, ${ALLOW_ALL[component]}.`, {
      severity: component === 'kubelet' ? 'high' : undefined,
    });
    return;
  }
  if (component !== 'kube-apiserver') return;
  const missing: string[] = [];
  if (!modes.includes('Node')) missing.push('Node (kubelets are not limited to the pods, secrets and volumes of their own node)');
  if (!modes.includes('RBAC')) missing.push('RBAC (Roles and bindings have no effect)');
  if (missing.length === 0) return;
  ctx.report(f.at, `${label} sets ${shown}, without ${missing.join(' and without ')}.`, { severity: 'medium' });
}

function checkKubeletConfiguration(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const mode = r.body.path('authorization', 'mode');
  if (mode.str() !== 'AlwaysAllow') return;
  const name = configLabel(r);
  ctx.report(mode, `${name} sets authorization.mode to AlwaysAllow, ${ALLOW_ALL.kubelet}.`, { severity: 'high' });
}

export default defineRule({
  id: 'CL-K8S-087',
  slug: 'authorization-always-allow',
  title: 'API server or kubelet authorizes every request',
  severity: 'critical',
  fixable: false,
  description:
    "The AlwaysAllow authorizer allows every request that authenticates, anonymous ones included while anonymous authentication is on: on the API server that is the whole cluster, on a kubelet the logs of its pods and exec into them. It is the default of kube-apiserver's --authorization-mode and of the kubelet's flag. An API server without the Node authorizer lets every kubelet read every secret its RBAC group may read, and one without RBAC ignores Roles and bindings.",
  remediation:
    'Start kube-apiserver with --authorization-mode=Node,RBAC (or an --authorization-config file), and the kubelet with authorization.mode: Webhook in its KubeletConfiguration (or --authorization-mode=Webhook).',
  responsibility: controlPlaneResponsibility('identity-and-access', 'the flags of the API servers and kubelets you run, and the KubeletConfiguration of your nodes, are yours'),
  frameworks: [cisK8s('1.2.6', '1.2.7', '1.2.8', '4.2.2'), nsaK8s('Authentication and authorization'), nist('AC-3', 'AC-6')],
  equivalents: {
    kics: ['f1f4d8da-1ac4-47d0-b1aa-91e69d33f7d5', '4d7ee40f-fc5d-427d-8cac-dffbe22d42d1', '1aa4a1ae-5dbb-48a1-9aa2-630ea4be208e'],
    checkov: ['CKV_K8S_74', 'CKV_K8S_75', 'CKV_K8S_77', 'CKV_K8S_139'],
    trivy: ['AVD-KCV-0007', 'AVD-KCV-0008', 'AVD-KCV-0009'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authorization/',
    'https://kubernetes.io/docs/reference/access-authn-authz/node/',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver', 'kubelet'], container: checkContainer, config: { kind: 'KubeletConfiguration', check: checkKubeletConfiguration } }),
  },
});
