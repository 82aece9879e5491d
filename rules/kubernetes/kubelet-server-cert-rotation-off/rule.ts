// CL-K8S-102: kube-controller-manager with the RotateKubeletServerCertificate feature gate turned off
// (--feature-gates=…,RotateKubeletServerCertificate=false). The gate defaults to true (beta since 1.12), so only a
// written false is reported. The kubelet's own gate is CL-K8S-098's (it matters there with serving certificate bootstrap).
import { cisK8s, defineRule, nist, type CheckContext, type Node, type Resource, type Val } from '../../kit';
import { componentLabel, controlPlaneResponsibility, flagListItems, flagValuePart, controlPlaneCheck, type ComponentContainer } from '../../lib/k8s-control-plane';

const GATE = 'RotateKubeletServerCertificate';

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function check(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  // Every --feature-gates adds to one map (pflag's mapStringBool): the last value of the gate wins.
  let last: { off: boolean; at: Val | Node; text: string } | undefined;
  let unknown = false;
  for (const f of cc.flags) {
    if (f.name !== 'feature-gates') continue;
    const items = flagListItems(f);
    if (!items) {
      unknown = true;
      continue;
    }
    for (const item of items) {
      const eq = item.text.indexOf('=');
      if (eq < 0 || item.text.slice(0, eq).trim() !== GATE) continue;
      const v = item.text.slice(eq + 1).trim();
      if (!TRUE.has(v) && !FALSE.has(v)) continue;
      last = { off: FALSE.has(v), at: flagValuePart(f, item.start, item.end), text: item.text };
      unknown = false;
    }
  }
  if (!last?.off || unknown) return;
  ctx.report(
    last.at,
    `${componentLabel(cc, r)} sets ${last.text} in --feature-gates, turning off serving certificate rotation for the kubelets (on by default since Kubernetes 1.12), so they keep a self-signed or long-lived serving certificate.`,
  );
}

export default defineRule({
  id: 'CL-K8S-102',
  slug: 'kubelet-server-cert-rotation-off',
  title: 'Controller manager turns off kubelet serving certificate rotation',
  severity: 'low',
  fixable: false,
  description:
    'The RotateKubeletServerCertificate feature gate (beta, on by default since Kubernetes 1.12) lets kubelets request their serving certificates from the cluster CA and renew them before they expire. CIS asks that the controller manager not turn it off; a cluster that does keeps long-lived or self-signed kubelet serving certificates.',
  remediation: 'Remove RotateKubeletServerCertificate=false from the controller manager\'s --feature-gates (or set it to true).',
  responsibility: controlPlaneResponsibility('network', "the controller manager's feature gates and the kubelets' certificates are yours"),
  frameworks: [cisK8s('1.3.6'), nist('SC-8', 'SC-12')],
  equivalents: {
    kics: ['1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2'],
    checkov: ['CKV_K8S_112'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-controller-manager'], container: check }),
  },
});
