// CL-K8S-106: a workload placed in kube-system that is not marked as a cluster add-on (priority class
// system-cluster-critical or system-node-critical, or the legacy critical-pod annotation) and does not run a
// control-plane component (static pods of older installers carry no priority class).
import { cisK8s, defineRule, nsaK8s } from '../../kit';
import { componentContainers, WORKLOAD_KINDS } from '../../lib/k8s-control-plane';

/** The priority classes Kubernetes defines for critical add-ons; control-plane static pods use them too. */
const CRITICAL = ['system-cluster-critical', 'system-node-critical'];
/** The annotation that marked critical add-ons before priority classes (removed in Kubernetes 1.16). */
const LEGACY_CRITICAL = 'scheduler.alpha.kubernetes.io/critical-pod';

export default defineRule({
  id: 'CL-K8S-106',
  slug: 'workload-in-kube-system',
  title: 'Workload in kube-system is not marked as a cluster add-on',
  severity: 'low',
  fixable: false,
  description:
    'kube-system holds the control plane\'s and the add-ons\' service accounts, Secrets and configuration, and admission policies and policy engines often exempt it. A workload placed there that is not a cluster add-on shares that trust: whoever can manage it reaches what kube-system holds, and it escapes the policies applied to application namespaces.',
  remediation: 'Deploy the workload to a namespace of its own. Only cluster-critical add-ons belong in kube-system; Kubernetes marks them with the system-cluster-critical or system-node-critical priority class.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'the managed control plane creates kube-system and runs or installs its own add-ons there',
    customer: 'which of your workloads you place in kube-system is yours to decide',
  },
  frameworks: [cisK8s('5.7.1'), nsaK8s('Network separation and hardening')],
  equivalents: {
    trivy: ['AVD-KSV-0037'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/administer-cluster/guaranteed-scheduling-critical-addon-pods/',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: WORKLOAD_KINDS,
      run(r, ctx) {
        const ns = r.body.path('metadata', 'namespace');
        if (ns.str() !== 'kube-system') return;
        const spec = r.k8s?.podSpec;
        if (!spec) return;
        const priority = spec.get('priorityClassName');
        if (priority.isUnknown) return;
        const cls = priority.str();
        if (cls !== undefined && CRITICAL.includes(cls)) return;
        if (r.k8s?.podMeta && !r.k8s.podMeta.get('annotations').get(LEGACY_CRITICAL).isAbsent) return;
        if (componentContainers(r).length > 0) return;
        const has = cls === undefined ? 'no priority class' : `priority class ${cls}`;
        ctx.report(ns, `${r.type} ${r.k8s?.name ?? '(unnamed)'} runs in kube-system with ${has}, not the system-cluster-critical or system-node-critical class that marks a cluster add-on, so it shares the namespace of the control plane's most privileged service accounts and Secrets.`);
      },
    },
  },
});
