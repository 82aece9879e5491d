// CL-K8S-069: a pod spec that names its service account with the deprecated `serviceAccount` field.
import { type CheckContext, defineRule, getPair, nist, removePair, type Resource } from '../../kit';
import { podSpecMap, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  const spec = r.k8s?.podSpec;
  const map = podSpecMap(r);
  if (!spec || !map) return;
  const pair = getPair(map, 'serviceAccount');
  if (!pair) return;
  const old = spec.get('serviceAccount');
  const name = spec.get('serviceAccountName');
  const who = workloadLabel(r);
  if (name.isAbsent) {
    const account = old.str();
    ctx.report(
      pair.key,
      `${who} names its service account${account !== undefined ? ` (${account})` : ''} with serviceAccount, a field deprecated since Kubernetes 1.0 in favour of serviceAccountName.`,
      { fix: { title: 'Rename serviceAccount to serviceAccountName', edits: ctx.edits.replaceNode(pair.key, 'serviceAccountName') } },
    );
    return;
  }
  const a = old.str();
  const b = name.str();
  if (a !== undefined && b !== undefined && a === b) {
    ctx.report(pair.key, `${who} sets the deprecated serviceAccount next to serviceAccountName, to the same account.`, {
      fix: { title: 'Remove the deprecated serviceAccount', edits: removePair(map, 'serviceAccount') },
    });
    return;
  }
  if (a === undefined || b === undefined) return;
  ctx.report(
    pair.key,
    `${who} sets the deprecated serviceAccount to ${a} but serviceAccountName to ${b}: the pod runs as ${b}, whatever a reader of serviceAccount expects.`,
  );
}

export default defineRule({
  id: 'CL-K8S-069',
  slug: 'deprecated-service-account-field',
  title: 'Pod spec uses the deprecated serviceAccount field',
  severity: 'low',
  fixable: true,
  description:
    'serviceAccount is a deprecated alias of serviceAccountName. Tools and policies that read only serviceAccountName take such a pod for one on the default service account, and when both are set and differ, serviceAccountName wins: what a reviewer reads is not what the pod runs as.',
  remediation: 'Rename serviceAccount to serviceAccountName (or remove it when serviceAccountName already names the same account).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the API server copies serviceAccount into serviceAccountName when only the old field is set',
    customer: 'naming each workload\'s service account clearly is yours',
  },
  frameworks: [nist('CM-6')],
  equivalents: {
    kubeLinter: ['deprecated-service-account-field'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#service-account',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
