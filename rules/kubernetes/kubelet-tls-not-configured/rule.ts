// CL-K8S-098: the kubelet authenticates no client certificate (--client-ca-file, authentication.x509.clientCAFile),
// serves a self-signed certificate (no --tls-cert-file/--tls-private-key-file nor serving certificate bootstrap), or
// does not rotate its client certificate (--rotate-certificates, rotateCertificates).
import { addPath, cisK8s, defineRule, nist, type CheckContext, type Resource, type Val } from '../../kit';
import { componentLabel, flag, flagBool, flagList, type ComponentContainer, type Flag, controlPlaneResponsibility, isConfigOf, configLabel, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

const GATE = 'RotateKubeletServerCertificate';

const CLIENT_CA =
  "so the kubelet authenticates no client certificate: the API server's own certificate (--kubelet-client-certificate) is not recognised, and its exec, attach, logs and port-forward requests fail unless the kubelet serves them as anonymous";
const SELF_SIGNED =
  'so the kubelet serves a self-signed certificate it generates at start, which the API server cannot verify: a host in the path can take the exec, attach, logs and port-forward traffic meant for the node';
const ROTATION =
  'so the kubelet keeps its client certificate until it expires and does not ask the API server for a new one: the node drops out at expiry, or is given a long-lived certificate whose theft lasts as long';

function set(f: Flag | undefined): boolean {
  return !!f && (!f.known || (f.value ?? '').trim() !== '');
}

/** The value of one gate in `--feature-gates=A=true,B=false` (last one wins); undefined when not written or unknown. */
function gateOfFlag(f: Flag | undefined): { value: boolean | undefined; known: boolean } {
  if (!f) return { value: undefined, known: true };
  const items = flagList(f);
  if (!items) return { value: undefined, known: false };
  let value: boolean | undefined;
  for (const item of items) {
    const [name, v] = item.split('=').map((s) => s.trim());
    if (name === GATE) value = v === undefined ? undefined : ['true', 't', '1', 'True', 'TRUE', 'T'].includes(v) ? true : ['false', 'f', '0', 'False', 'FALSE', 'F'].includes(v) ? false : undefined;
  }
  return { value, known: true };
}

function checkKubelet(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  const rotate = flag(cc, 'rotate-certificates');
  const rotateFix = () => ({ title: 'Set --rotate-certificates=true', edits: setFlagEdits(cc, ctx.edits, 'rotate-certificates', 'true') });
  if (rotate && flagBool(rotate) === false) ctx.report(rotate.at, `${label} sets --rotate-certificates=${rotate.value}, ${ROTATION}.`, { severity: 'low', fix: rotateFix() });
  // Flags override the configuration file, but a flag that is not written may be set there (or by an unreadable argument).
  if (cc.partial || flag(cc, 'config')) return;
  if (!set(flag(cc, 'client-ca-file'))) ctx.report(cc.anchor, `${label} does not set --client-ca-file, ${CLIENT_CA}.`);
  const certs = set(flag(cc, 'tls-cert-file')) && set(flag(cc, 'tls-private-key-file'));
  const bootstrapFlag = flag(cc, 'rotate-server-certificates');
  const bootstrap = bootstrapFlag ? flagBool(bootstrapFlag) : false;
  const gateFlag = flag(cc, 'feature-gates');
  const gate = gateOfFlag(gateFlag);
  if (certs || bootstrap === undefined || !gate.known) {
    // A serving certificate, or a value that cannot be known.
  } else if (bootstrap && gate.value === false && gateFlag) {
    ctx.report(gateFlag.at, `${label} sets --rotate-server-certificates but turns the ${GATE} feature gate off and sets no --tls-cert-file, ${SELF_SIGNED}.`);
  } else if (!bootstrap) {
    ctx.report(cc.anchor, `${label} does not set --tls-cert-file and --tls-private-key-file, nor --rotate-server-certificates, ${SELF_SIGNED}.`);
  }
  if (!rotate) ctx.report(cc.anchor, `${label} does not set --rotate-certificates, which defaults to false, ${ROTATION}.`, { severity: 'low', fix: rotateFix() });
}

function text(v: Val): string | undefined {
  return v.isUnknown ? 'unknown' : v.str()?.trim() || undefined;
}

function checkKubeletConfiguration(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const name = configLabel(r);
  const ca = r.body.path('authentication', 'x509', 'clientCAFile');
  if (!ca.isUnknown && !text(ca)) {
    ctx.report(ca.isAbsent ? r.anchor : ca, `${name} ${ca.isAbsent ? 'does not set authentication.x509.clientCAFile' : 'sets authentication.x509.clientCAFile to an empty path'}, ${CLIENT_CA}.`);
  }
  const certs = text(r.body.get('tlsCertFile')) && text(r.body.get('tlsPrivateKeyFile'));
  const bootstrap = r.body.get('serverTLSBootstrap');
  const gate = r.body.path('featureGates', GATE);
  if (!certs && !bootstrap.isUnknown) {
    if (bootstrap.isTrue() && gate.isFalse()) {
      ctx.report(gate, `${name} sets serverTLSBootstrap but turns the ${GATE} feature gate off and sets no tlsCertFile, ${SELF_SIGNED}.`);
    } else if (!bootstrap.isTrue() && !gate.isUnknown) {
      ctx.report(r.anchor, `${name} does not set tlsCertFile and tlsPrivateKeyFile, nor serverTLSBootstrap, ${SELF_SIGNED}.`);
    }
  }
  const rotate = r.body.get('rotateCertificates');
  if (rotate.isAbsent) {
    ctx.report(r.anchor, `${name} does not set rotateCertificates, which defaults to false, ${ROTATION}.`, {
      severity: 'low',
      fix: { title: 'Add rotateCertificates: true', edits: addPath(ctx.edits, r, ['rotateCertificates'], true) },
    });
  } else if (rotate.isFalse()) {
    ctx.report(rotate, `${name} sets rotateCertificates to false, ${ROTATION}.`, {
      severity: 'low',
      fix: { title: 'Set rotateCertificates to true', edits: ctx.edits.setValue(rotate, true) },
    });
  }
}

export default defineRule({
  id: 'CL-K8S-098',
  slug: 'kubelet-tls-not-configured',
  title: 'Kubelet without a client CA, with a self-signed serving certificate or without certificate rotation',
  severity: 'medium',
  fixable: true,
  description:
    "Without a client CA the kubelet cannot authenticate the API server's client certificate; without a serving certificate (or serving certificate bootstrap) it serves a self-signed one that nobody can verify; without client certificate rotation its credential expires or is made long-lived.",
  remediation:
    'Give the kubelet --client-ca-file (authentication.x509.clientCAFile), a serving certificate with --tls-cert-file and --tls-private-key-file or serverTLSBootstrap: true (--rotate-server-certificates) with its CSRs approved, and --rotate-certificates (rotateCertificates: true).',
  responsibility: controlPlaneResponsibility('network', 'the certificates of the kubelets you run, and the KubeletConfiguration of your nodes, are yours'),
  frameworks: [cisK8s('4.2.3', '4.2.9', '4.2.10', '4.2.11'), nist('SC-8', 'IA-3', 'SC-12')],
  equivalents: {
    kics: ['52d70f2e-3257-474c-b3dc-8ad9ba6a061a', '1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2', 'fa750c81-93c2-4fab-9c6d-d3fd3ce3b89f'],
    checkov: ['CKV_K8S_140', 'CKV_K8S_148', 'CKV_K8S_149'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kubelet'], container: checkKubelet, config: { kind: 'KubeletConfiguration', check: checkKubeletConfiguration } }),
  },
});
