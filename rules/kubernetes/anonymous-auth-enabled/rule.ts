// CL-K8S-086: the API server or the kubelet serves requests without credentials as system:anonymous.
import { cisK8s, defineRule, nist, nsaK8s, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagBool, flagList, type ComponentContainer, controlPlaneResponsibility, isConfigOf, configLabel, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

const CONSEQUENCE = 'so requests without credentials are served as system:anonymous';

/** What turning anonymous requests off breaks besides: callers that send no credentials are refused. */
const CAUTION = {
  apiserver: 'health probes and load balancer checks of /livez, /readyz and /healthz without credentials are refused, and a liveness probe that fails restarts the API server',
  kubelet: 'callers of the kubelet API on port 10250 without credentials, such as scrapers, are refused',
};

/**
 * What still authorizes an anonymous request, when it is written and is not AlwaysAllow: then the finding is real but
 * the anonymous user gets only what is granted to it (discovery and health on a kubeadm cluster), and its severity is
 * lowered. Undefined when nothing stops the anonymous user (the API server's and the kubelet flag's default is
 * AlwaysAllow).
 */
function authorizer(cc: ComponentContainer): string | undefined {
  if (cc.component === 'kube-apiserver' && flag(cc, 'authorization-config')) return 'its --authorization-config';
  const mode = flag(cc, 'authorization-mode');
  const modes = mode && flagList(mode);
  if (!modes || modes.length === 0 || modes.includes('AlwaysAllow')) return undefined;
  return `--authorization-mode=${modes.join(',')}`;
}

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  const authz = authorizer(cc);
  const tail = authz ? `; ${authz} still authorizes them (they get only what is granted to system:anonymous)` : '';
  const fix = { title: 'Set --anonymous-auth=false', edits: setFlagEdits(cc, ctx.edits, 'anonymous-auth', 'false'), caution: CAUTION[cc.component === 'kubelet' ? 'kubelet' : 'apiserver'] };
  const options = authz ? { severity: 'low' as const, fix } : { fix };
  const f = flag(cc, 'anonymous-auth');
  if (f) {
    if (flagBool(f) === true) ctx.report(f.at, `${label} sets --anonymous-auth${f.value === undefined ? '' : `=${f.value}`}, ${CONSEQUENCE}${tail}.`, options);
    return;
  }
  if (cc.partial) return;
  // A file that may set it: the API server's structured authentication configuration (anonymous: in it, 1.32+), the
  // kubelet's configuration file (whose authentication.anonymous.enabled defaults to false).
  if (cc.component === 'kube-apiserver' && flag(cc, 'authentication-config')) return;
  if (cc.component === 'kubelet' && flag(cc, 'config')) return;
  ctx.report(cc.anchor, `${label} does not set --anonymous-auth, which defaults to true, ${CONSEQUENCE}${tail}.`, options);
}

function checkKubeletConfiguration(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const enabled = r.body.path('authentication', 'anonymous', 'enabled');
  if (!enabled.isTrue()) return;
  const mode = r.body.path('authorization', 'mode');
  const name = configLabel(r);
  // authorization.mode defaults to Webhook in the configuration file: the API server authorizes system:anonymous.
  const webhook = mode.isAbsent || mode.str() === 'Webhook';
  const tail = webhook
    ? `; its authorization mode ${mode.isAbsent ? '(Webhook by default) ' : 'Webhook '}still asks the API server (they get only what is granted to system:anonymous)`
    : '';
  const fix = { title: 'Set authentication.anonymous.enabled to false', edits: ctx.edits.setValue(enabled, false), caution: CAUTION.kubelet };
  ctx.report(enabled, `${name} sets authentication.anonymous.enabled to true, so requests to the kubelet API without credentials are served as system:anonymous${tail}.`, webhook ? { severity: 'low', fix } : { fix });
}

export default defineRule({
  id: 'CL-K8S-086',
  slug: 'anonymous-auth-enabled',
  title: 'API server or kubelet accepts anonymous requests',
  severity: 'high',
  fixable: true,
  description:
    'With anonymous authentication on, a request that no authenticator rejects is served as the user system:anonymous in the group system:unauthenticated. Whoever reaches the port gets whatever authorization allows that user: with AlwaysAllow (the default of --authorization-mode on the API server and of the kubelet flag) that is the whole API, or on the kubelet exec into every pod of the node.',
  remediation:
    'Start kube-apiserver and the kubelet with --anonymous-auth=false (for the kubelet, or set authentication.anonymous.enabled: false in its KubeletConfiguration), and keep RBAC/Node (Webhook on the kubelet) authorization on.',
  responsibility: controlPlaneResponsibility('identity-and-access', 'the flags of the API servers and kubelets you run, and the KubeletConfiguration of your nodes, are yours'),
  frameworks: [cisK8s('1.2.1', '4.2.1'), nsaK8s('Authentication and authorization'), nist('AC-14', 'IA-2')],
  equivalents: {
    kics: ['1de5cc51-f376-4638-a940-20f2e85ae238'],
    checkov: ['CKV_K8S_68', 'CKV_K8S_138'],
    trivy: ['AVD-KCV-0001'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver', 'kubelet'], container: checkContainer, config: { kind: 'KubeletConfiguration', check: checkKubeletConfiguration } }),
  },
});
