// CL-K8S-036: a container without resources.requests.memory.
import { resourceRule } from '../../lib/k8s-images';

export default resourceRule({
  id: 'CL-K8S-036',
  slug: 'memory-requests-missing',
  which: 'requests',
  resource: 'memory',
  severity: 'low',
  description:
    'Without a memory request (and no memory limit to take it from) the scheduler reserves no memory for the container: it can be placed on a node that cannot hold it, and under memory pressure the kubelet evicts pods that use more than they requested first.',
  consequence: 'so the scheduler reserves no memory for it and the kubelet evicts it among the first when its node runs short',
  equivalents: {
    checkov: ['CKV_K8S_12'],
    kics: ['229588ef-8fde-40c8-8756-f4f2b5825ded'],
    trivy: ['AVD-KSV-0016'],
  },
});
