// CL-K8S-092: the API server serves HTTP without authentication (--insecure-port, --insecure-bind-address), has its
// secure port switched off, or the kubelet serves its read-only port (--read-only-port, readOnlyPort).
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, type ComponentContainer, type Flag, controlPlaneResponsibility, isConfigOf, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

/** A port flag's number; undefined when unknown or not a whole number. */
function portOf(f: Flag): number | undefined {
  if (!f.known || f.value === undefined || !/^\s*\d+\s*$/.test(f.value)) return undefined;
  return Number(f.value);
}

function loopback(address: string): boolean {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a === 'localhost' || a === '::1' || /^127\./.test(a);
}

/** The minor version of Kubernetes an image tag names (`…/kube-apiserver-amd64:v1.6.0` → 6), for releases 1.x. */
function minorOfImage(cc: ComponentContainer): number | undefined {
  const image = cc.container.val.get('image').str();
  const m = image && /:v?1\.(\d+)(?:\.\d+)?(?:[-+][\w.-]*)?(?:@sha256:[0-9a-f]+)?$/.exec(image);
  return m ? Number(m[1]) : undefined;
}

/** What closing the plain ports changes besides: whoever reads them loses them. */
const INSECURE_CAUTION = 'clients of the plain HTTP port, such as scripts on the node that call http://localhost:8080, lose it';
const READ_ONLY_CAUTION = 'readers of port 10255, such as older metrics agents, lose it';

function checkApiserver(cc: ComponentContainer, label: string, ctx: CheckContext): void {
  const closeInsecure = () => ({ fix: { title: 'Set --insecure-port=0', edits: setFlagEdits(cc, ctx.edits, 'insecure-port', '0'), caution: INSECURE_CAUTION } });
  const insecurePort = flag(cc, 'insecure-port');
  const bind = flag(cc, 'insecure-bind-address');
  const bindKnown = !bind || (bind.known && bind.value !== undefined);
  const where = !bind ? '127.0.0.1 (the default)' : bind.value ?? '';
  const port = insecurePort && portOf(insecurePort);
  if (insecurePort && port !== undefined && port !== 0) {
    const wide = bindKnown && !loopback(where);
    ctx.report(
      insecurePort.at,
      `${label} sets --insecure-port to ${port}: up to Kubernetes 1.19 the API server serves plain HTTP on ${bindKnown ? where : 'the --insecure-bind-address'} port ${port} with no authentication or authorization, so ${wide ? 'anyone who reaches it' : 'any process on the node, a host-network pod included,'} has full control of the cluster (1.20 stopped serving it, 1.24 removed the flag).`,
      closeInsecure(),
    );
  } else if (!insecurePort && bind && bind.known && bind.value !== undefined && !loopback(bind.value)) {
    ctx.report(
      bind.at,
      `${label} sets --insecure-bind-address to ${bind.value}: up to Kubernetes 1.19, where --insecure-port defaults to 8080, the API server serves plain HTTP there with no authentication or authorization, so anyone who reaches it has full control of the cluster.`,
    );
  } else if (!insecurePort && !cc.partial && bindKnown && loopback(where)) {
    const minor = minorOfImage(cc);
    if (minor !== undefined && minor < 20) {
      ctx.report(
        cc.anchor,
        `${label} runs Kubernetes 1.${minor} and does not set --insecure-port, which defaults to 8080 before 1.20: the API server serves plain HTTP on ${where} with no authentication or authorization, so any process on the node, a host-network pod included, has full control of the cluster.`,
        { severity: 'medium', ...closeInsecure() },
      );
    }
  }
  const secure = flag(cc, 'secure-port');
  if (secure && portOf(secure) === 0) {
    ctx.report(secure.at, `${label} sets --secure-port to 0: the API server serves no HTTPS port, only the unauthenticated insecure one (releases since 1.12 refuse 0).`);
  }
}

function checkKubelet(cc: ComponentContainer, label: string, ctx: CheckContext): void {
  const f = flag(cc, 'read-only-port');
  const fix = { title: 'Set --read-only-port=0', edits: setFlagEdits(cc, ctx.edits, 'read-only-port', '0'), caution: READ_ONLY_CAUTION };
  if (f) {
    const port = portOf(f);
    if (port !== undefined && port !== 0) {
      ctx.report(f.at, `${label} sets --read-only-port to ${port}: the kubelet serves its pods, their specs and node metrics there with no authentication or authorization.`, { severity: 'medium', fix });
    }
    return;
  }
  // With --config the file's default (0) applies; an unreadable argument may be the flag.
  if (cc.partial || flag(cc, 'config')) return;
  ctx.report(cc.anchor, `${label} does not set --read-only-port, which defaults to 10255 without a --config file: the kubelet serves its pods, their specs and node metrics there with no authentication or authorization.`, { severity: 'medium', fix });
}

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  if (cc.component === 'kube-apiserver') checkApiserver(cc, componentLabel(cc, r), ctx);
  else checkKubelet(cc, componentLabel(cc, r), ctx);
}

function checkKubeletConfig(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const v = r.body.get('readOnlyPort');
  const port = v.num();
  if (port === undefined || port === 0 || v.isUnknown) return;
  const name = r.k8s?.name;
  ctx.report(v, `KubeletConfiguration${name ? ` ${name}` : ''} sets readOnlyPort to ${port}: the kubelet serves its pods, their specs and node metrics there with no authentication or authorization.`, { severity: 'medium', fix: { title: 'Set readOnlyPort to 0', edits: ctx.edits.setValue(v, 0), caution: READ_ONLY_CAUTION } });
}

export default defineRule({
  id: 'CL-K8S-092',
  slug: 'control-plane-insecure-port',
  title: 'API server or kubelet serves a port without authentication',
  severity: 'high',
  fixable: true,
  description:
    "The API server's insecure port (--insecure-port, on --insecure-bind-address) answers plain HTTP with no authentication or authorization: whoever reaches it controls the cluster. The kubelet's read-only port (--read-only-port, readOnlyPort) tells anyone what runs on the node, with the pods' specs and environment.",
  remediation:
    'Set --insecure-port=0 and remove --insecure-bind-address on kube-apiserver (or upgrade: 1.20 stopped serving the port), keep --secure-port above 0, and set the kubelet\'s --read-only-port=0 (readOnlyPort: 0).',
  responsibility: controlPlaneResponsibility('network', 'the flags of the API server and kubelets you run, and the ports they open, are yours'),
  frameworks: [cisK8s('4.2.4'), nist('AC-3', 'CM-7', 'SC-8')],
  equivalents: {
    kics: [
      'fa4def8c-1898-4a35-a139-7b76b1acdef0',
      'b9380fd3-5ffe-4d10-9290-13e18e71eee1',
      '3d24b204-b73d-42cb-b0bf-1a5438c5f71e',
      '2940d48a-dc5e-4178-a3f8-bfbd80720b41',
    ],
    checkov: ['CKV_K8S_86', 'CKV_K8S_88', 'CKV_K8S_89', 'CKV_K8S_141'],
    trivy: ['AVD-KCV-0017'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
    'https://github.com/kubernetes/kubernetes/pull/95856',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver', 'kubelet'], container: checkContainer, config: { kind: 'KubeletConfiguration', check: checkKubeletConfig } }),
  },
});
