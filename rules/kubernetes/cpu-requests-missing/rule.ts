// CL-K8S-035: a container without resources.requests.cpu.
import { resourceRule } from '../../lib/k8s-images';

export default resourceRule({
  id: 'CL-K8S-035',
  slug: 'cpu-requests-missing',
  which: 'requests',
  resource: 'cpu',
  severity: 'low',
  description:
    'Without a CPU request (and no CPU limit to take it from) the scheduler reserves no CPU for the container: it can be packed onto a full node and gets the smallest CPU share under contention, and a pod with no requests at all is BestEffort, evicted first.',
  consequence: 'so the scheduler reserves no CPU for it and it gets the smallest share of CPU when its node is busy',
  equivalents: {
    checkov: ['CKV_K8S_10'],
    kics: ['ca469dd4-c736-448f-8ac1-30a642705e0a'],
    trivy: ['AVD-KSV-0015'],
  },
});
