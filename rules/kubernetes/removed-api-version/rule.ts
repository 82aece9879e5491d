// CL-K8S-081: an object is written with an API version that Kubernetes has removed.
import { defineRule, nist } from '../../kit';
import { REMOVED_API_KINDS, removedApiOf } from '../../lib/k8s-workloads';

export default defineRule({
  id: 'CL-K8S-081',
  slug: 'removed-api-version',
  title: 'Object uses an API version Kubernetes has removed',
  severity: 'low',
  fixable: true,
  description:
    'A manifest written with a removed API version (extensions/v1beta1, apps/v1beta2, batch/v1beta1, policy/v1beta1…) is rejected by every supported Kubernetes release: either it no longer deploys, or the cluster it deploys to runs a release that no longer gets security fixes.',
  remediation: 'Move the object to the API version that replaces it (apps/v1, networking.k8s.io/v1, batch/v1, policy/v1…), adapting the fields that changed.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'on managed Kubernetes the provider upgrades the control plane, which serves only the API versions of its release',
    customer: 'keeping your manifests on API versions your cluster serves is yours',
  },
  frameworks: [nist('SA-22')],
  equivalents: {
    kics: ['94b76ea5-e074-4ca2-8a03-c5a606e30645'],
    kubeLinter: ['no-extensions-v1beta'],
    kubeScore: ['stable-version'],
  },
  docs: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/'],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: REMOVED_API_KINDS,
      run(r, ctx) {
        const kind = r.k8s?.kind;
        const v = r.body.get('apiVersion');
        const apiVersion = v.str();
        if (!kind || apiVersion === undefined || v.isUnknown) return;
        const removed = removedApiOf(kind, apiVersion);
        if (!removed) return;
        const edits = removed.sameSchema ? ctx.edits.setValue(v, removed.use) : undefined;
        ctx.report(
          v,
          `${kind} ${r.k8s?.name ?? '(unnamed)'} uses apiVersion ${apiVersion}, which Kubernetes ${removed.removedIn} removed for ${kind}; use ${removed.use}.`,
          { fix: edits && edits.length > 0 ? { title: `Set apiVersion to ${removed.use} (same schema)`, edits } : undefined },
        );
      },
    },
  },
});
