// CL-K8S-040: a pod that runs as its namespace's default service account, with that account's token mounted.
import { type CheckContext, cisK8s, defineRule, nist, nsaK8s, type Resource } from '../../kit';
import { podSpecAnchor, podSpecMap, serviceAccountOf, tokenMounted, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  const spec = r.k8s?.podSpec;
  const map = podSpecMap(r);
  if (!spec || !map) return;
  const sa = serviceAccountOf(spec);
  if (sa.unknown || sa.name !== 'default') return;
  // Without a token the pod cannot act as the default service account: nothing to report.
  const token = tokenMounted(r, ctx, 'default');
  if (token.mounted !== true) return;
  const at = sa.val ?? podSpecAnchor(r);
  if (!at) return;
  const how = sa.val ? 'names the default service account' : 'sets no serviceAccountName';
  const edits = token.explicit ? undefined : ctx.edits.addPair(map, 'automountServiceAccountToken', false);
  ctx.report(
    at,
    `${workloadLabel(r)} ${how}, so it runs as the default service account of its namespace with its API token mounted, sharing whatever that account is granted with every other pod that does the same.`,
    {
      fix: edits && { title: 'Set automountServiceAccountToken: false in the pod spec', edits },
      related: token.account ? [{ node: token.account.at, message: 'The default service account turns token automounting on' }] : undefined,
    },
  );
}

export default defineRule({
  id: 'CL-K8S-040',
  slug: 'default-service-account',
  title: 'Pod runs as the default service account',
  severity: 'medium',
  fixable: true,
  description:
    'Every pod without serviceAccountName runs as its namespace\'s default service account and, unless disabled, gets its token. Rights granted to that account reach every such pod, and API calls cannot be told apart by workload in audit logs.',
  remediation: 'Give the workload its own ServiceAccount with only the rights it needs, or set automountServiceAccountToken: false when it does not call the Kubernetes API.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the control plane creates a default service account in every namespace and enforces RBAC on its calls',
    customer: 'giving each workload its own identity and keeping the default account without rights or token are yours',
  },
  frameworks: [cisK8s('5.1.5'), nsaK8s('Protecting Pod service account tokens'), nist('AC-6')],
  equivalents: {
    kics: ['591ade62-d6b0-4580-b1ae-209f80ba1cd9', '48471392-d4d0-47c0-b135-cdec95eb3eef'],
    kubeLinter: ['default-service-account'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
  ],
  checks: {
    kubernetes: { reads: 'scope', types: WORKLOAD_KINDS, run },
  },
});
