// CL-K8S-057: a Role or ClusterRole that grants nodes/proxy: direct access to the kubelet API of every node, which
// runs commands in any pod of the node and bypasses admission and the API server's audit of pod exec.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

// The kubelet maps HTTP methods to these verbs on nodes/proxy; GET alone reaches exec over WebSocket.
const GRANTS: readonly Grant[] = [{ groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create', 'update', 'patch', 'delete'] }];

export default defineRule({
  id: 'CL-K8S-057',
  slug: 'rbac-nodes-proxy',
  title: 'RBAC role grants access to the kubelet API (nodes/proxy)',
  severity: 'high',
  fixable: false,
  description:
    'nodes/proxy gives access to the kubelet API of every node through the API server: it lists and reads every pod on the node and runs commands in any of its containers, out of reach of admission control and of the API server\'s record of pod exec requests.',
  remediation: 'Remove nodes/proxy from roles; monitoring agents that only need metrics should use nodes/metrics or nodes/stats instead.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane and the kubelet authorise each nodes/proxy request against your RBAC rules',
    customer: 'who may reach the kubelet API of your nodes is yours to decide',
  },
  frameworks: [cisK8s('5.1.10'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    checkov: ['CKV2_K8S_2'],
    trivy: ['AVD-KSV-0047'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const what = hit.resource.value === 'nodes/proxy' ? '' : ' (nodes/proxy included)';
      return `${grantText(hit, r)}${what}, so its subjects reach the kubelet API of every node and can run commands in any pod there.`;
    }),
  },
});
