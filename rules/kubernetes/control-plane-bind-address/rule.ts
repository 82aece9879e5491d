// CL-K8S-099: kube-controller-manager or kube-scheduler serves its HTTPS port (health, metrics, profiling) on an
// address other than the loopback: --bind-address not a loopback address, or not set (it defaults to 0.0.0.0).
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, type ComponentContainer, type Flag, controlPlaneResponsibility, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

const PORTS: Record<string, number> = { 'kube-controller-manager': 10257, 'kube-scheduler': 10259 };

function loopback(address: string): boolean {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a === 'localhost' || a === '::1' || /^127\./.test(a);
}

function anyAddress(address: string): boolean {
  const a = address.trim().replace(/^\[|\]$/g, '');
  return a === '0.0.0.0' || a === '::' || a === '0:0:0:0:0:0:0:0';
}

function portOf(cc: ComponentContainer): { port: number | undefined; flag?: Flag } {
  const f = flag(cc, 'secure-port');
  if (!f) return { port: PORTS[cc.component] };
  if (!f.known || f.value === undefined || !/^\s*\d+\s*$/.test(f.value)) return { port: undefined, flag: f };
  return { port: Number(f.value), flag: f };
}

function consequence(address: string, port: string): string {
  const who = anyAddress(address) ? 'every interface of the node' : address;
  return `so its HTTPS port ${port} (health checks open to any caller, metrics and /debug/pprof to callers the API server authorizes) is reachable on ${who}, not only from the node itself`;
}

/** What binding to the loopback address changes besides: callers from outside the node no longer reach the port. */
const CAUTION = 'health probes and metrics scrapers that call the node\'s address or the pod\'s IP no longer reach the port; point probes at host 127.0.0.1';

function check(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const { port, flag: portFlag } = portOf(cc);
  // --secure-port=0 serves nothing; an unknown port still serves on the address.
  if (port === 0) return;
  const shownPort = port !== undefined ? String(port) : (portFlag?.value ?? String(PORTS[cc.component]));
  const label = componentLabel(cc, r);
  const bind = flag(cc, 'bind-address');
  const fix = { fix: { title: 'Set --bind-address=127.0.0.1', edits: setFlagEdits(cc, ctx.edits, 'bind-address', '127.0.0.1'), caution: CAUTION } };
  if (bind) {
    if (!bind.known || bind.value === undefined || bind.value.trim() === '' || loopback(bind.value)) return;
    ctx.report(bind.at, `${label} sets --bind-address=${bind.value}, ${consequence(bind.value, shownPort)}.`, fix);
    return;
  }
  // The address is a flag only (no configuration file field), so --config does not change it.
  if (cc.partial) return;
  ctx.report(cc.anchor, `${label} does not set --bind-address, which defaults to 0.0.0.0, ${consequence('0.0.0.0', shownPort)}.`, fix);
}

export default defineRule({
  id: 'CL-K8S-099',
  slug: 'control-plane-bind-address',
  title: 'Controller manager or scheduler listens beyond localhost',
  severity: 'low',
  fixable: true,
  description:
    'kube-controller-manager and kube-scheduler serve health checks, metrics and profiling on an HTTPS port (10257, 10259) bound to 0.0.0.0 unless --bind-address says otherwise. Only the node itself needs it (kubeadm binds 127.0.0.1): on every other interface it is attack surface that answers the network.',
  remediation: 'Start kube-controller-manager and kube-scheduler with --bind-address=127.0.0.1 (and point their probes at 127.0.0.1).',
  responsibility: controlPlaneResponsibility('network', 'the flags of the controller managers and schedulers you run, and the addresses they listen on, are yours'),
  frameworks: [cisK8s('1.3.7', '1.4.2'), nist('CM-7', 'SC-7')],
  equivalents: {
    kics: ['46a2e9ec-6a5f-4faa-9d39-4ea44d5d87a2'],
    checkov: ['CKV_K8S_113', 'CKV_K8S_115'],
    trivy: ['AVD-KCV-0039', 'AVD-KCV-0041'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-controller-manager', 'kube-scheduler'], container: check }),
  },
});
