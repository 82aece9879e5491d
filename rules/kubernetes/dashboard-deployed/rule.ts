// CL-K8S-068: a workload that runs the Kubernetes Dashboard, a web UI that acts on the cluster.
import { type CheckContext, defineRule, nist, nsaK8s, pci, type Resource } from '../../kit';
import { containerLabel, imageOf, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

/** Dashboard images: kubernetesui/dashboard (and its -api, -web, -auth parts in v3+), and the old k8s.gcr.io builds. */
function dashboardImage(repository: string): boolean {
  const last = repository.split('/').pop() ?? '';
  if (/^kubernetes-dashboard(?:-(?:amd64|arm64|arm|ppc64le|s390x))?$/.test(last)) return true;
  return /(?:^|\/)kubernetesui\/dashboard(?:-(?:api|web|auth))?$/.test(repository);
}

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    const image = imageOf(c);
    if (!image || !dashboardImage(image.ref.repository)) continue;
    const args = [...c.val.get('args').items(), ...c.val.get('command').items()].map((a) => a.str() ?? '');
    const skip = args.some((a) => /^--enable-skip-login(?:=true)?$/.test(a));
    const label = containerLabel(c);
    const how = skip
      ? ', with --enable-skip-login, so anyone who reaches it acts with its own service account\'s rights without signing in'
      : ': a web UI that acts on the cluster for whoever reaches it and signs in, and a target when exposed or over-privileged';
    ctx.report(image.val, `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)} runs the Kubernetes Dashboard${how}.`);
  }
}

export default defineRule({
  id: 'CL-K8S-068',
  slug: 'dashboard-deployed',
  title: 'Kubernetes Dashboard is deployed',
  severity: 'low',
  fixable: false,
  description:
    'The Kubernetes Dashboard is a web UI that lists and changes cluster objects. Exposed beyond the cluster, run with a broadly bound service account or with --enable-skip-login, it has been a common way into clusters (cryptomining on exposed dashboards).',
  remediation: 'Remove the Dashboard where nobody needs it; otherwise keep it private (kubectl proxy or port-forward), never enable skip-login, and give its service account no more than read access.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'the managed control plane authenticates and authorises every request the Dashboard makes',
    customer: 'whether you run the Dashboard, how it is exposed and what its service account may do are yours',
  },
  frameworks: [nsaK8s('Network separation and hardening'), nist('CM-7', 'AC-6'), pci('2.2.4')],
  equivalents: {
    checkov: ['CKV_K8S_33'],
    kics: ['d2ad057f-0928-41ef-a83c-f59203bb855b'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/',
    'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
