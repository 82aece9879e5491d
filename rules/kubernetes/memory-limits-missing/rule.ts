// CL-K8S-034: a container without resources.limits.memory.
import { resourceRule } from '../../lib/k8s-images';

export default resourceRule({
  id: 'CL-K8S-034',
  slug: 'memory-limits-missing',
  which: 'limits',
  resource: 'memory',
  severity: 'medium',
  description:
    'Without a memory limit a container can grow until its node runs out of memory; the kernel OOM killer and kubelet evictions then hit other pods on the node, which makes one leaking or compromised container a denial of service for its neighbours.',
  consequence: 'so it can take the memory of its whole node until the node runs out and the kubelet evicts or the kernel kills other pods',
  equivalents: {
    checkov: ['CKV_K8S_13'],
    kics: ['b14d1bc4-a208-45db-92f0-e21f8e2588e9'],
    trivy: ['AVD-KSV-0018'],
  },
});
