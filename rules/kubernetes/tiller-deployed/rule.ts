// CL-K8S-067: a workload that runs Tiller, the in-cluster server of Helm v2 (end of support November 2020).
import { type CheckContext, defineRule, nist, nsaK8s, PATCHING, type Resource, type Val } from '../../kit';
import { imageOf, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

/** The image of a Tiller container: its repository's last component is `tiller` (gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller). */
function tillerImage(r: Resource): Val | undefined {
  for (const c of podContainers(r)) {
    const image = imageOf(c);
    if (image && image.ref.repository.split('/').pop() === 'tiller') return image.val;
  }
  return undefined;
}

/** The labels `helm init` puts on Tiller's pods (app: helm, name: tiller): the `name` label's value. */
function tillerLabels(r: Resource): Val | undefined {
  const labels = r.k8s?.podMeta?.get('labels');
  if (!labels || labels.get('app').str() !== 'helm' || labels.get('name').str() !== 'tiller') return undefined;
  return labels.get('name');
}

function run(r: Resource, ctx: CheckContext): void {
  const at = tillerImage(r) ?? tillerLabels(r);
  if (!at) return;
  ctx.report(
    at,
    `${workloadLabel(r)} runs Tiller, the server of Helm v2 (unsupported since November 2020): it answers gRPC on port 44134 without authentication unless TLS is set up, and usually holds cluster-admin, so any pod that reaches it can install anything in the cluster.`,
  );
}

export default defineRule({
  id: 'CL-K8S-067',
  slug: 'tiller-deployed',
  title: 'Tiller (Helm v2) is deployed',
  severity: 'high',
  fixable: false,
  description:
    'Tiller, the in-cluster half of Helm v2, installs charts for whoever calls its gRPC API; by default it authenticates nobody and runs with cluster-admin, so every pod that can reach it is cluster-admin. Helm v2 reached end of support in November 2020 and gets no security fixes.',
  remediation: 'Migrate releases to Helm 3 (the helm-2to3 plugin), which has no in-cluster server and acts with the user\'s own credentials, then delete Tiller\'s Deployment, Service and service account binding.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'the managed control plane runs the API server and enforces RBAC on every request, Tiller\'s included',
    customer: 'the tools you install in the cluster and the rights you give them are yours',
  },
  frameworks: [...PATCHING, nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    checkov: ['CKV_K8S_34'],
    kics: ['6d173be7-545a-46c6-a81d-2ae52ed1605d', 'e17fa86a-6222-4584-a914-56e8f6c87e06'],
    trivy: ['AVD-KSV-0102'],
  },
  docs: [
    'https://helm.sh/blog/helm-v2-deprecation-timeline/',
    'https://helm.sh/docs/topics/v2_v3_migration/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
