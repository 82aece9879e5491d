// CL-K8S-039: a pod that gets its service account's API token mounted (pods on the default service account are CL-K8S-040's).
import { type CheckContext, cisK8s, defineRule, nist, nsaK8s, type Resource } from '../../kit';
import { podSpecAnchor, podSpecMap, serviceAccountOf, tokenMounted, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  const spec = r.k8s?.podSpec;
  const map = podSpecMap(r);
  if (!spec || !map) return;
  const sa = serviceAccountOf(spec);
  // The default service account is CL-K8S-040's: one finding per pod, not two for the same token.
  if (sa.unknown || sa.name === undefined || sa.name === 'default') return;
  const token = tokenMounted(r, ctx, sa.name);
  if (token.mounted !== true) return;
  if (token.explicit) {
    ctx.report(
      token.explicit,
      `${workloadLabel(r)} sets automountServiceAccountToken to true, so every container of the pod gets an API token of service account ${sa.name}.`,
    );
    return;
  }
  const anchor = podSpecAnchor(r);
  if (!anchor) return;
  const edits = ctx.edits.addPair(map, 'automountServiceAccountToken', false);
  const because = token.account ? `and service account ${sa.name} sets it to true` : `nor does service account ${sa.name} in this file`;
  ctx.report(
    anchor,
    `${workloadLabel(r)} does not set automountServiceAccountToken to false in its pod spec (${because}), so every container of the pod gets an API token of ${sa.name}.`,
    {
      fix: { title: 'Set automountServiceAccountToken: false in the pod spec', edits },
      related: token.account ? [{ node: token.account.at, message: `Service account ${sa.name} turns token automounting on` }] : undefined,
    },
  );
}

export default defineRule({
  id: 'CL-K8S-039',
  slug: 'automount-sa-token',
  title: 'Service account token mounted into the pod',
  severity: 'medium',
  fixable: true,
  description:
    'Unless told otherwise, Kubernetes mounts an API token of the pod\'s service account into every container. Code execution in any container (an RCE, a malicious dependency) then lets the attacker call the Kubernetes API with the service account\'s permissions.',
  remediation: 'Set automountServiceAccountToken: false in the pod spec (or on the ServiceAccount) unless the workload calls the Kubernetes API; a workload that needs it can mount a projected token into just the container that uses it.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the control plane issues short-lived, audience-bound projected tokens and enforces RBAC on every call',
    customer: 'which pods get a token and what their service accounts may do are yours',
  },
  frameworks: [cisK8s('5.1.6'), nsaK8s('Protecting Pod service account tokens'), nist('AC-6')],
  equivalents: {
    checkov: ['CKV_K8S_38'],
    kics: ['48471392-d4d0-47c0-b135-cdec95eb3eef'],
    trivy: ['AVD-KSV-0036'],
    polaris: ['automountServiceAccountToken'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
  ],
  checks: {
    kubernetes: { reads: 'scope', types: WORKLOAD_KINDS, run },
  },
});
