// CL-K8S-054: a Namespace without an enforced Pod Security Standard, or enforcing `privileged` (no restriction).
import { cisK8s, defineRule, nsaK8s } from '../../kit';
import { isCoreObject } from '../../lib/k8s-rbac';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  id: 'CL-K8S-054',
  slug: 'namespace-no-psa-enforce',
  title: 'Namespace does not enforce a Pod Security Standard',
  severity: 'medium',
  fixable: true,
  description:
    'Pod Security Admission rejects privileged, host-namespace and root-capable pods only in namespaces labelled pod-security.kubernetes.io/enforce with baseline or restricted. Without the label (unless the cluster sets another default) or with privileged, any pod spec is admitted.',
  remediation: 'Label the namespace pod-security.kubernetes.io/enforce: baseline (or restricted), after checking its workloads with the warn or audit label.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'the managed control plane runs the Pod Security Admission controller',
    customer: 'labelling each namespace with the level it must enforce is yours',
  },
  frameworks: [cisK8s('5.2.1'), nsaK8s('Kubernetes Pod security')],
  equivalents: {},
  docs: [
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['Namespace'],
      run(r, ctx) {
        if (!isCoreObject(r)) return;
        const nameVal = r.body.path('metadata', 'name');
        const name = nameVal.str();
        if (nameVal.isUnknown || (name !== undefined && SYSTEM_NAMESPACES.has(name))) return;
        const metadata = r.body.get('metadata');
        const labels = metadata.get('labels');
        if (labels.isUnknown) return;
        const level = labels.get(ENFORCE);
        if (level.isUnknown) return;
        const ns = `Namespace ${name ?? '(unnamed)'}`;
        if (level.isAbsent) {
          const labelsNode = labels.node;
          const metaNode = metadata.node;
          const edits =
            labelsNode?.kind === 'map'
              ? ctx.edits.addPair(labelsNode, ENFORCE, '${1:baseline}')
              : metaNode?.kind === 'map' && !metaNode.pairs.some((p) => p.key.value === 'labels')
                ? ctx.edits.addPair(metaNode, 'labels', { [ENFORCE]: '${1:baseline}' })
                : undefined;
          ctx.report(r.anchor, `${ns} has no ${ENFORCE} label, so Pod Security Admission admits any pod spec in it (unless the cluster sets another default).`, {
            fix: edits && edits.length > 0 ? { title: `Add the ${ENFORCE} label (choose baseline or restricted)`, edits, snippet: true } : undefined,
          });
          return;
        }
        if (level.str() === 'privileged') {
          ctx.report(level, `${ns} sets ${ENFORCE} to privileged, which admits any pod spec, privileged and host-namespace pods included.`);
        }
      },
    },
  },
});
