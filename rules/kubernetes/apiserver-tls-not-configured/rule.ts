// CL-K8S-093: the API server serves a self-signed certificate, authenticates no client certificate, or talks to the
// kubelets or etcd without verifying them or presenting a certificate of its own.
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, flag, flagBool, type ComponentContainer, controlPlaneResponsibility, setFlagEdits, controlPlaneCheck } from '../../lib/k8s-control-plane';

/** A group of flags that must all be set (a non-empty value), and what their absence means. */
interface Need {
  readonly flags: readonly string[];
  readonly consequence: string;
}

const NEEDS: readonly Need[] = [
  {
    flags: ['tls-cert-file', 'tls-private-key-file'],
    consequence: 'the API server serves a self-signed certificate it generates at start, which its clients cannot verify',
  },
  {
    flags: ['client-ca-file'],
    consequence: 'it authenticates no client certificate, so the kubelets and control-plane components cannot use certificates to authenticate to it',
  },
  {
    flags: ['kubelet-client-certificate', 'kubelet-client-key'],
    consequence: 'it presents no certificate to the kubelets, which then either refuse it or must accept requests from anyone',
  },
  {
    flags: ['kubelet-certificate-authority'],
    consequence: "it does not verify the kubelets' serving certificates, so a host in the path can take the exec, attach, logs and port-forward traffic it sends them",
  },
  {
    flags: ['etcd-certfile', 'etcd-keyfile'],
    consequence: 'it presents no client certificate to etcd, which then must accept clients without one (anyone who reaches etcd reads every Secret)',
  },
  {
    flags: ['etcd-cafile'],
    consequence: "it does not verify etcd's certificate against a CA of its own, so a host in the path can pose as etcd and read or change every object",
  },
];

function missing(cc: ComponentContainer, name: string): boolean {
  const f = flag(cc, name);
  if (!f) return true;
  return f.known && (f.value ?? '').trim() === '';
}

function checkApiserver(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  const https = flag(cc, 'kubelet-https');
  if (https && flagBool(https) === false) {
    ctx.report(https.at, `${label} sets --kubelet-https to false: before Kubernetes 1.19 it then talks to the kubelets over plain HTTP, exec and logs traffic included (1.19 always uses HTTPS, 1.22 removed the flag).`, {
      fix: { title: 'Set --kubelet-https=true', edits: setFlagEdits(cc, ctx.edits, 'kubelet-https', 'true') },
    });
  }
  // An argument that cannot be read may set any of them.
  if (cc.partial) return;
  for (const need of NEEDS) {
    const absent = need.flags.filter((name) => missing(cc, name));
    if (absent.length === 0) continue;
    const names = absent.map((n) => `--${n}`).join(' and ');
    ctx.report(cc.anchor, `${label} does not set ${names}: ${need.consequence}.`);
  }
}

export default defineRule({
  id: 'CL-K8S-093',
  slug: 'apiserver-tls-not-configured',
  title: 'API server TLS, client certificates or its connections to kubelets and etcd are not configured',
  severity: 'medium',
  fixable: true,
  description:
    "Without a certificate of its own the API server serves a self-signed one; without --client-ca-file it accepts no client certificate; without a client certificate and a CA for the kubelets and for etcd it cannot prove who it is to them nor check who answers, so they must accept anyone or a host in the path can read and change the traffic: exec sessions, logs, every object in etcd.",
  remediation:
    'Set --tls-cert-file and --tls-private-key-file, --client-ca-file, --kubelet-client-certificate and --kubelet-client-key, --kubelet-certificate-authority, --etcd-certfile, --etcd-keyfile and --etcd-cafile on kube-apiserver, and remove --kubelet-https=false.',
  responsibility: controlPlaneResponsibility('network', "the API server's flags, its certificates and those it uses with the kubelets and etcd are yours"),
  frameworks: [cisK8s('1.2.4', '1.2.5', '1.2.23', '1.2.24', '1.2.25', '1.2.26'), nist('SC-8', 'IA-3')],
  equivalents: {
    kics: [
      'fa750c81-93c2-4fab-9c6d-d3fd3ce3b89f',
      'e0e00aba-5f1c-4981-a542-9a9563c0ee20',
      'cdc8b54e-6b16-4538-a1b0-35849dbe29cf',
      'ec18a0d3-0069-4a58-a7fb-fbfe0b4bbbe0',
      '36a27826-1bf5-49da-aeb0-a60a30c0e834',
      '3f5ff8a7-5ad6-4d02-86f5-666307da1b20',
      '895a5a95-3756-4b04-9924-2f3bc93181bd',
    ],
    checkov: ['CKV_K8S_71', 'CKV_K8S_72', 'CKV_K8S_73', 'CKV_K8S_99', 'CKV_K8S_100', 'CKV_K8S_102'],
    trivy: ['AVD-KCV-0004', 'AVD-KCV-0005', 'AVD-KCV-0006', 'AVD-KCV-0026', 'AVD-KCV-0027', 'AVD-KCV-0028', 'AVD-KCV-0029'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security',
    'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet',
    'https://github.com/kubernetes/kubernetes/pull/91630',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver'], container: checkApiserver }),
  },
});
