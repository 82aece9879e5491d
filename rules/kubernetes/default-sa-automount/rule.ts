// CL-K8S-063: a namespace's default ServiceAccount written without automountServiceAccountToken: false, so every
// pod that names no service account gets its token.
import { type CheckContext, cisK8s, defineRule, type MapNode, nist, nsaK8s, type Resource } from '../../kit';
import { isCoreObject } from '../../lib/k8s-rbac';

function run(r: Resource, ctx: CheckContext): void {
  if (!isCoreObject(r) || r.k8s?.name !== 'default') return;
  const ns = r.k8s.namespace !== undefined ? ` of namespace ${r.k8s.namespace}` : '';
  const v = r.body.get('automountServiceAccountToken');
  if (v.isUnknown || v.isFalse()) return;
  if (v.isTrue()) {
    ctx.report(v, `ServiceAccount default${ns} sets automountServiceAccountToken to true, so every pod that names no service account, or names default, gets its API token unless the pod turns it off.`);
    return;
  }
  if (!v.isAbsent) return;
  const edits = r.node.kind === 'map' ? ctx.edits.addPair(r.node as MapNode, 'automountServiceAccountToken', false) : undefined;
  ctx.report(
    r.anchor,
    `ServiceAccount default${ns} does not set automountServiceAccountToken to false, so every pod that names no service account, or names default, gets its API token unless the pod turns it off.`,
    { fix: edits && { title: 'Set automountServiceAccountToken: false on the default ServiceAccount', edits } },
  );
}

export default defineRule({
  id: 'CL-K8S-063',
  slug: 'default-sa-automount',
  title: 'Default service account mounts its token into pods',
  severity: 'medium',
  fixable: true,
  description:
    'Every pod that names no service account runs as its namespace\'s default ServiceAccount. Unless that account sets automountServiceAccountToken: false, each such pod gets an API token, and any right granted to the default account reaches all of them.',
  remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount of each namespace, and give workloads that call the API their own ServiceAccount.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the control plane creates a default ServiceAccount in every namespace, with token automounting on',
    customer: 'turning the default account\'s token off and giving workloads their own accounts are yours',
  },
  frameworks: [cisK8s('5.1.5'), nsaK8s('Protecting Pod service account tokens'), nist('AC-6')],
  equivalents: {
    checkov: ['CKV_K8S_41'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: ['ServiceAccount'], run },
  },
});
