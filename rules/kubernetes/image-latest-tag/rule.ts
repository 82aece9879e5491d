// CL-K8S-030: a container image with the tag `latest` or no tag at all (and no digest).
import { type CheckContext, defineRule, IMAGE_INTEGRITY, type Resource } from '../../kit';
import { containerLabel, imageOf, isLatestOrUntagged, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    const image = imageOf(c);
    if (!image || !isLatestOrUntagged(image.ref)) continue;
    const label = containerLabel(c);
    const how = image.ref.tag === undefined ? `image ${image.text} with no tag, which means latest` : `image ${image.text}`;
    ctx.report(
      image.val,
      `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)} runs ${how}, so what runs depends on what the tag points to when each node pulls.`,
    );
  }
}

export default defineRule({
  id: 'CL-K8S-030',
  slug: 'image-latest-tag',
  title: 'Container image uses the latest tag or no tag',
  severity: 'medium',
  fixable: false,
  description:
    'An image referenced as `app` or `app:latest` resolves to whatever was pushed last. Nodes can run different builds of the same pod, a rollback cannot return to a known build, and a compromised registry push reaches the cluster on the next pull.',
  remediation: 'Reference the image by a specific version tag, or better by digest (`app:1.4.2@sha256:…`).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'the managed control plane schedules the pods and the kubelet pulls exactly the reference it is given',
    customer: 'which image and which build your workloads run is your choice',
  },
  frameworks: IMAGE_INTEGRITY,
  equivalents: {
    checkov: ['CKV_K8S_14'],
    kics: ['583053b7-e632-46f0-b989-f81ff8045385'],
    trivy: ['AVD-KSV-0013'],
    kubeLinter: ['latest-tag'],
    polaris: ['tagNotSpecified'],
    kubeScore: ['container-image-tag'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/containers/images/#updating-images',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
