// CL-K8S-101: kube-controller-manager without --root-ca-file: the CA it publishes to every namespace (ConfigMap
// kube-root-ca.crt) and writes into service account token Secrets is then the one of its own kubeconfig.
import { cisK8s, defineRule, nist, type CheckContext, type Resource } from '../../kit';
import { componentLabel, controlPlaneResponsibility, flag, controlPlaneCheck, type ComponentContainer } from '../../lib/k8s-control-plane';

const CONSEQUENCE =
  "so the CA bundle it publishes to every namespace (ConfigMap kube-root-ca.crt) and writes into service account token Secrets is the one of its own kubeconfig, which is empty or another CA when that kubeconfig holds none or trusts another: pods then cannot verify the API server's certificate, and clients that go on without verifying can be served by a host in the path";

function check(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  const label = componentLabel(cc, r);
  const f = flag(cc, 'root-ca-file');
  if (f) {
    if (f.known && (f.value ?? '').trim() === '') ctx.report(f.at, `${label} sets --root-ca-file to an empty path, ${CONSEQUENCE}.`);
    return;
  }
  // An argument that cannot be read may set it.
  if (cc.partial) return;
  ctx.report(cc.anchor, `${label} does not set --root-ca-file, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-K8S-101',
  slug: 'controller-manager-root-ca-missing',
  title: 'Controller manager does not set the root CA it gives to pods',
  severity: 'low',
  fixable: false,
  description:
    "kube-controller-manager's --root-ca-file is the CA bundle pods get to verify the API server (the kube-root-ca.crt ConfigMap in every namespace, the ca.crt of service account token Secrets). Without it the controller manager publishes the CA of its own kubeconfig, which may be empty or not the CA that signed the API server's certificate.",
  remediation: 'Set --root-ca-file on kube-controller-manager to the CA bundle that signed the API server\'s serving certificate (kubeadm: /etc/kubernetes/pki/ca.crt).',
  responsibility: controlPlaneResponsibility('network', "the controller manager's flags and the CA your pods are given are yours"),
  frameworks: [cisK8s('1.3.5'), nist('SC-8', 'SC-12')],
  equivalents: {
    kics: ['05fb986f-ac73-4ebb-a5b2-7faafa93d882'],
    checkov: ['CKV_K8S_111'],
    trivy: ['AVD-KCV-0037'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    'https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-controller-manager'], container: check }),
  },
});
