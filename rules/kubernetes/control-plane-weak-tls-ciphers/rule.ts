// CL-K8S-100: a control-plane component or kubelet accepts a weak TLS cipher suite (--tls-cipher-suites, etcd's
// --cipher-suites, a KubeletConfiguration's tlsCipherSuites), or the API server or kubelet gives no list and so
// accepts Go's default TLS 1.2 suites.
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, configLabel, controlPlaneResponsibility, flag, flagListItems, flagValuePart, isConfigOf, type Component, type ComponentContainer, controlPlaneCheck } from '../../lib/k8s-control-plane';

/** Why a suite is weak, and whether Go itself lists it among its insecure suites (`tls.InsecureCipherSuites`). */
interface Weakness {
  readonly why: string;
  readonly insecure: boolean;
}

const RC4: Weakness = { why: 'RC4, a stream cipher whose biases let an observer recover plaintext', insecure: true };
const TRIPLE_DES: Weakness = { why: '3DES, a 64-bit block cipher open to Sweet32 on long connections', insecure: true };
const CBC_SHA256: Weakness = {
  why: 'CBC mode with HMAC-SHA256, which Go implements without countermeasures to Lucky13 timing attacks',
  insecure: true,
};
const RSA_KX: Weakness = {
  why: 'RSA key exchange, without forward secrecy: whoever later gets the server key decrypts recorded traffic',
  insecure: false,
};
const CBC_SHA: Weakness = {
  why: 'CBC mode with HMAC-SHA1 (MAC-then-encrypt), the construction padding-oracle attacks target; AEAD suites (GCM, ChaCha20-Poly1305) avoid it',
  insecure: false,
};

/** The suites Go (and so every Kubernetes component and etcd) accepts by name, with their weaknesses; none for the strong ones. */
const SUITES: Readonly<Record<string, readonly Weakness[]>> = {
  TLS_AES_128_GCM_SHA256: [],
  TLS_AES_256_GCM_SHA384: [],
  TLS_CHACHA20_POLY1305_SHA256: [],
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: [],
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: [],
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: [],
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: [],
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: [],
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: [],
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: [],
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: [],
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: [CBC_SHA],
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: [CBC_SHA],
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: [CBC_SHA],
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: [CBC_SHA],
  TLS_RSA_WITH_AES_128_GCM_SHA256: [RSA_KX],
  TLS_RSA_WITH_AES_256_GCM_SHA384: [RSA_KX],
  TLS_RSA_WITH_AES_128_CBC_SHA: [RSA_KX, CBC_SHA],
  TLS_RSA_WITH_AES_256_CBC_SHA: [RSA_KX, CBC_SHA],
  TLS_RSA_WITH_AES_128_CBC_SHA256: [RSA_KX, CBC_SHA256],
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: [CBC_SHA256],
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: [CBC_SHA256],
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: [RSA_KX, TRIPLE_DES],
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: [TRIPLE_DES],
  TLS_RSA_WITH_RC4_128_SHA: [RSA_KX, RC4],
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: [RC4],
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: [RC4],
};

/** The flag that holds each component's list; the API server and the kubelet are reported when they give none (CIS 1.2.29, 4.2.12). */
const LIST_FLAG: Readonly<Record<Component, string>> = {
  'kube-apiserver': 'tls-cipher-suites',
  kubelet: 'tls-cipher-suites',
  'kube-controller-manager': 'tls-cipher-suites',
  'kube-scheduler': 'tls-cipher-suites',
  etcd: 'cipher-suites',
};
const ABSENT_REPORTED = new Set<Component>(['kube-apiserver', 'kubelet']);

const DEFAULTS =
  "so it accepts Go's default TLS 1.2 suites, which include CBC-mode suites (and, in releases built with Go before 1.22, RSA key exchange without forward secrecy)";

/** `it allows 3DES, … and RSA key exchange, …`; the finding's severity: the rule's when Go lists the suite insecure, else low. */
function weakness(suite: string): { text: string; low: boolean } | undefined {
  const ws = SUITES[suite];
  if (!ws || ws.length === 0) return undefined;
  const ordered = [...ws].sort((a, b) => Number(b.insecure) - Number(a.insecure));
  return { text: ordered.map((w) => w.why).join('; and '), low: !ws.some((w) => w.insecure) };
}

/** Whether the minimum version is TLS 1.3 (`VersionTLS13`; etcd: `TLS1.3`), whose suites are fixed: a TLS 1.2 list is then never used. */
function tls13Only(version: string | undefined): boolean {
  const v = version?.trim();
  return v === 'VersionTLS13' || v === 'TLS1.3';
}

function checkContainer(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const name = LIST_FLAG[cc.component];
  const min = flag(cc, 'tls-min-version');
  if (min && (!min.known || tls13Only(min.value))) return;
  const label = componentLabel(cc, r);
  const f = flag(cc, name);
  const items = f ? flagListItems(f) : [];
  // An empty list (`--tls-cipher-suites=`) leaves Go's defaults, as no flag does.
  if (f && items?.length !== 0) {
    for (const item of items ?? []) {
      const w = weakness(item.text);
      if (!w) continue;
      ctx.report(flagValuePart(f, item.start, item.end), `${label} allows ${item.text} in --${name}: ${w.text}.`, w.low ? { severity: 'low' } : undefined);
    }
    return;
  }
  if (!ABSENT_REPORTED.has(cc.component) || cc.partial) return;
  // The kubelet's configuration file may set tlsCipherSuites.
  if (cc.component === 'kubelet' && flag(cc, 'config')) return;
  if (f) ctx.report(f.at, `${label} sets --${name} to an empty list, ${DEFAULTS}.`, { severity: 'low' });
  else ctx.report(cc.anchor, `${label} does not set --${name}, ${DEFAULTS}.`, { severity: 'low' });
}

function checkKubeletConfiguration(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'kubelet.config.k8s.io')) return;
  const min = r.body.get('tlsMinVersion');
  if (min.isUnknown || tls13Only(min.str())) return;
  const name = configLabel(r);
  const list = r.body.get('tlsCipherSuites');
  if (list.isUnknown) return;
  if (list.isAbsent) {
    ctx.report(r.anchor, `${name} does not set tlsCipherSuites, ${DEFAULTS}.`, { severity: 'low' });
    return;
  }
  if (list.isSeq && list.list().length === 0) {
    ctx.report(list, `${name} sets tlsCipherSuites to an empty list, ${DEFAULTS}.`, { severity: 'low' });
    return;
  }
  for (const item of list.items()) {
    const suite = item.str()?.trim();
    const w = suite ? weakness(suite) : undefined;
    if (!w) continue;
    ctx.report(item, `${name} allows ${suite} in tlsCipherSuites: ${w.text}.`, w.low ? { severity: 'low' } : undefined);
  }
}

export default defineRule({
  id: 'CL-K8S-100',
  slug: 'control-plane-weak-tls-ciphers',
  title: 'Control-plane component or kubelet accepts weak TLS cipher suites',
  severity: 'medium',
  fixable: false,
  description:
    'A TLS cipher suite list that names RC4, 3DES or CBC with HMAC-SHA256 suites lets a client (or a host in the path that forces the choice) use ciphers with practical attacks; CBC with SHA-1 and RSA key exchange are weaker than the AEAD, forward-secret suites every client of the control plane supports. Without a list, the API server and the kubelet accept Go\'s defaults, which include CBC suites.',
  remediation:
    'Limit --tls-cipher-suites (tlsCipherSuites in a KubeletConfiguration, --cipher-suites for etcd) to ECDHE suites with AES-GCM or ChaCha20-Poly1305, or set the minimum TLS version to VersionTLS13.',
  responsibility: controlPlaneResponsibility('network', 'the TLS settings of the control-plane components and kubelets you run are yours'),
  frameworks: [cisK8s('1.2.29', '4.2.12'), nist('SC-8', 'SC-13')],
  equivalents: {
    kics: ['510d5810-9a30-443a-817d-5c1fa527b110'],
    checkov: ['CKV_K8S_105', 'CKV_K8S_151'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
    'https://etcd.io/docs/v3.5/op-guide/configuration/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ container: checkContainer, config: { kind: 'KubeletConfiguration', check: checkKubeletConfiguration } }),
  },
});
