// CL-K8S-031: a container image referenced by tag, not pinned by digest (latest / untagged images are CL-K8S-030's).
import { type CheckContext, defineRule, IMAGE_INTEGRITY, type Resource } from '../../kit';
import { containerLabel, imageOf, isLatestOrUntagged, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    const image = imageOf(c);
    // Untagged and `latest` images are reported by CL-K8S-030 only, so one image gets one finding.
    if (!image || image.ref.digest !== undefined || isLatestOrUntagged(image.ref)) continue;
    const label = containerLabel(c);
    ctx.report(
      image.val,
      `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)} runs image ${image.text} by tag, not by digest, so the tag can be moved to different content without any change to this manifest.`,
    );
  }
}

export default defineRule({
  id: 'CL-K8S-031',
  slug: 'image-no-digest',
  title: 'Container image is not pinned by digest',
  severity: 'low',
  fixable: false,
  description:
    'A tag is a movable pointer: whoever can push to the repository can make `app:1.4.2` mean different content, and nodes that pull later run it. A digest (`@sha256:…`) names exactly one image.',
  remediation: 'Pin the image by digest (`app:1.4.2@sha256:…`); keep the tag for readability, the digest decides.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'the container runtime verifies pulled content against a digest when you give one',
    customer: 'pinning the exact images your workloads run is yours',
  },
  frameworks: IMAGE_INTEGRITY,
  equivalents: {
    checkov: ['CKV_K8S_43'],
    kics: ['7c81d34c-8e5a-402b-9798-9f442630e678'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/containers/images/#updating-images',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
