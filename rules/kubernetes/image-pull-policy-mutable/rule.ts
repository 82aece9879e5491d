// CL-K8S-032: imagePullPolicy IfNotPresent or Never for an image that is not pinned by digest.
import { type CheckContext, defineRule, IMAGE_INTEGRITY, type Resource } from '../../kit';
import { containerLabel, imageOf, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    const policy = c.val.get('imagePullPolicy');
    const value = policy.str();
    if (value !== 'IfNotPresent' && value !== 'Never') continue;
    const image = imageOf(c);
    if (!image || image.ref.digest !== undefined) continue;
    const label = containerLabel(c);
    const consequence =
      value === 'Never'
        ? 'so it runs whatever image a node already holds under that name, which the registry never checks'
        : 'so a node that already holds an image under that tag runs it without asking the registry whether the tag still points to it or whether this pod may pull it';
    // Never is a deliberate choice for preloaded or air-gapped nodes: switching it to Always needs the user's decision.
    const edits = value === 'IfNotPresent' ? ctx.edits.setValue(policy, 'Always') : undefined;
    ctx.report(
      policy,
      `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)} sets imagePullPolicy ${value} for image ${image.text}, which is not pinned by digest, ${consequence}.`,
      { fix: edits && { title: 'Set imagePullPolicy to Always', edits } },
    );
  }
}

export default defineRule({
  id: 'CL-K8S-032',
  slug: 'image-pull-policy-mutable',
  title: 'Image pull policy trusts a cached mutable tag',
  severity: 'low',
  fixable: true,
  description:
    'With IfNotPresent or Never, a node reuses any image it already holds under the tag: a stale build after the tag moved, an image planted on the node, or an image pulled with another namespace\'s registry credentials. Always makes the kubelet resolve the tag and check access at the registry on every start (layers stay cached).',
  remediation: 'Set imagePullPolicy to Always, or pin the image by digest so the cached copy is by definition the right one.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'the kubelet applies the pull policy you set, and defaults it to Always only for latest or untagged images',
    customer: 'the pull policy and the image reference of each container are yours',
  },
  frameworks: IMAGE_INTEGRITY,
  equivalents: {
    checkov: ['CKV_K8S_15'],
    kics: ['caa3479d-885d-4882-9aac-95e5e78ef5c2'],
    polaris: ['pullPolicyNotAlways'],
    kubeScore: ['container-image-pull-policy'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
    'https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
