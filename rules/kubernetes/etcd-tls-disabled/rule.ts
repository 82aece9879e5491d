// CL-K8S-091: etcd serves its clients or its peers without TLS, without client certificates, or with self-signed
// certificates (--auto-tls, --peer-auto-tls).
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagBool, type ComponentContainer, type Flag, controlPlaneResponsibility, controlPlaneCheck } from '../../lib/k8s-control-plane';

/**
 * A setting of etcd as etcd reads it: the command-line flag, else the environment variable `ETCD_<FLAG>` (etcd reads
 * every flag from one; the flag wins), else unset. `unknown` when an argument or the environment cannot be read.
 */
type Setting = Flag | 'unset' | 'unknown';

function setting(cc: ComponentContainer, name: string): Setting {
  const f = flag(cc, name);
  if (f) return f;
  const c = cc.container.val;
  const env = c.get('env');
  if (!env.isAbsent && (!env.isKnown || !env.isSeq)) return 'unknown';
  const varName = `ETCD_${name.toUpperCase().replace(/-/g, '_')}`;
  for (const item of env.items()) {
    const n = item.get('name');
    if (!n.isKnown) return 'unknown';
    if (n.str() !== varName) continue;
    const value = item.get('value');
    const text = value.str();
    if (text === undefined) return value.isAbsent && item.get('valueFrom').isAbsent ? { name, value: '', known: true, at: n } : 'unknown';
    return { name, value: text, known: !/\$\(/.test(text), at: value };
  }
  // envFrom may set any variable; an unreadable argument may be the flag.
  if (!c.get('envFrom').isAbsent || cc.partial) return 'unknown';
  return 'unset';
}

/** How the setting is shown: `--client-cert-auth` or `ETCD_CLIENT_CERT_AUTH`. */
function shown(f: Flag, cc: ComponentContainer): string {
  return flag(cc, f.name) === f ? `--${f.name}` : `ETCD_${f.name.toUpperCase().replace(/-/g, '_')}`;
}

interface Side {
  /** '' for the client side, 'peer-' for the peer side. */
  readonly prefix: '' | 'peer-';
  /** Who connects: "clients (the API server)", "the other members". */
  readonly who: string;
  readonly port: string;
}

const SIDES: readonly Side[] = [
  { prefix: '', who: 'any client that reaches its client port (2379)', port: 'client' },
  { prefix: 'peer-', who: 'any host that reaches its peer port (2380)', port: 'peer' },
];

function checkSide(cc: ComponentContainer, label: string, side: Side, ctx: CheckContext): void {
  const { prefix, who, port } = side;
  const auth = setting(cc, `${prefix}client-cert-auth`);
  if (auth === 'unset') {
    ctx.report(cc.anchor, `${label} does not set --${prefix}client-cert-auth, which defaults to false: ${who} is served without a client certificate, ${prefix ? 'so it can pose as a member and read or change the replicated data' : 'so it can read and write every key, the Secrets of the cluster included'}.`);
  } else if (auth !== 'unknown' && flagBool(auth) === false) {
    ctx.report(auth.at, `${label} sets ${shown(auth, cc)} to false: ${who} is served without a client certificate, ${prefix ? 'so it can pose as a member and read or change the replicated data' : 'so it can read and write every key, the Secrets of the cluster included'}.`);
  }
  const autoTls = setting(cc, `${prefix}auto-tls`);
  const selfSigned = autoTls !== 'unset' && autoTls !== 'unknown' && flagBool(autoTls) === true;
  if (selfSigned) {
    ctx.report(autoTls.at, `${label} sets ${shown(autoTls, cc)}: its ${port} connections use a self-signed certificate that no ${prefix ? 'member' : 'client'} can verify, so a host in the path can intercept them.`, { severity: 'medium' });
  }
  const missing: string[] = [];
  for (const name of [`${prefix}cert-file`, `${prefix}key-file`]) {
    const s = setting(cc, name);
    if (s === 'unknown') return;
    if (s === 'unset' || (s.known && (s.value ?? '').trim() === '')) missing.push(`--${name}`);
  }
  // With auto TLS etcd makes its own certificate: that finding says what is wrong.
  if (missing.length === 0 || selfSigned) return;
  ctx.report(cc.anchor, `${label} does not set ${missing.join(' and ')}, so it serves its ${port} connections without TLS: ${prefix ? 'the replicated data, Secrets included, crosses the network in clear' : 'requests and their data, Secrets included, cross the network in clear'}.`);
}

function checkEtcd(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  // A configuration file replaces every flag and environment variable: nothing here says what etcd does.
  if (setting(cc, 'config-file') !== 'unset') return;
  const label = componentLabel(cc, r);
  for (const side of SIDES) checkSide(cc, label, side, ctx);
}

export default defineRule({
  id: 'CL-K8S-091',
  slug: 'etcd-tls-disabled',
  title: 'etcd serves clients or peers without TLS or client certificates',
  severity: 'high',
  fixable: false,
  description:
    'etcd holds every object of the cluster, Secrets included. Without --client-cert-auth anyone who reaches its client port reads and writes all of it with no credential; without a certificate and key it talks plain HTTP; with --auto-tls its certificate is self-signed and cannot be verified. The same holds for the peer port that members replicate over.',
  remediation:
    'Run etcd with --cert-file, --key-file, --trusted-ca-file and --client-cert-auth=true, and with --peer-cert-file, --peer-key-file, --peer-trusted-ca-file and --peer-client-cert-auth=true; remove --auto-tls and --peer-auto-tls.',
  responsibility: controlPlaneResponsibility('data-protection', 'the flags of the etcd you run, its certificates and who may connect to it are yours'),
  frameworks: [cisK8s('2.1', '2.2', '2.3', '2.4', '2.5', '2.6'), nist('SC-8', 'IA-3', 'AC-3')],
  equivalents: {
    kics: [
      '9391103a-d8d7-4671-ac5d-606ba7ccb0ac',
      'b7d0181d-0a9b-4611-9d1c-1ad4f0b620ff',
      '075ca296-6768-4322-aea2-ba5063b969a9',
      '09bb9e96-8da3-4736-b89a-b36814acca60',
      '98ce8b81-7707-4734-aa39-627c6db3d84b',
      'ae8827e2-4af9-4baa-9998-87539ae0d6f0',
    ],
    checkov: ['CKV_K8S_116', 'CKV_K8S_117', 'CKV_K8S_118', 'CKV_K8S_119', 'CKV_K8S_121'],
    trivy: ['AVD-KCV-0042', 'AVD-KCV-0043', 'AVD-KCV-0044', 'AVD-KCV-0045', 'AVD-KCV-0046', 'AVD-KCV-0047'],
  },
  docs: [
    'https://etcd.io/docs/latest/op-guide/configuration/',
    'https://etcd.io/docs/latest/op-guide/security/',
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['etcd'], container: checkEtcd }),
  },
});
