// CL-K8S-044: a Role or ClusterRole that lets its subjects run commands in, attach to or port-forward into pods.
import { defineRule, nist, nsaK8s } from '../../kit';
import { coversGroup, objectName, resourceItems, verbItems, verbList, policyRuleCheck } from '../../lib/k8s-rbac';

const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/portforward'];

function what(resource: string): string {
  if (resource === '*') return '"*" (every resource of the core API group, pods/exec, pods/attach and pods/portforward included)';
  if (resource.endsWith('/exec')) return `${resource} (a shell in any container)`;
  if (resource.endsWith('/attach')) return `${resource} (the console of any running container)`;
  return `${resource} (a tunnel to any pod port, past Services and network policies)`;
}

export default defineRule({
  id: 'CL-K8S-044',
  slug: 'rbac-exec-attach',
  title: 'RBAC role can exec, attach or port-forward into pods',
  severity: 'high',
  fixable: false,
  description:
    'create (and, over WebSocket before Kubernetes 1.35, get) on pods/exec, pods/attach or pods/portforward lets a subject run commands inside containers, take over their console, or open a tunnel to any pod port: it reaches every secret, token and network the pod can reach.',
  remediation: 'Remove pods/exec, pods/attach and pods/portforward from roles that do not need interactive access; grant them only to a break-glass role bound to named people.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane authorises every exec, attach and port-forward request against the RBAC rules you write',
    customer: 'who may open a shell or a tunnel into your pods is yours to decide',
  },
  frameworks: [nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    kics: ['c589f42c-7924-4871-aee2-1cede9bc7cbc', 'd45330fd-f58d-45fb-a682-6481477a0f84', '38fa11ef-dbcc-4da8-9680-7e1fd855b6fb'],
    checkov: ['CKV2_K8S_2'],
    trivy: ['AVD-KSV-0053', 'AVD-KSV-0054'],
    polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  checks: {
    kubernetes: policyRuleCheck((rule, r, ctx) => {
      if (!coversGroup(rule, [''])) return;
      // `get` is enough for a WebSocket exec/attach/port-forward on clusters before Kubernetes 1.35.
      const verbs = verbItems(rule, ['create', 'get']);
      if (verbs.length === 0) return;
      for (const res of resourceItems(rule, SUBRESOURCES)) {
        ctx.report(res.val, `Rule ${rule.index} of ${objectName(r)} grants ${verbList(verbs)} on ${what(res.value)}.`);
      }
    }),
  },
});
