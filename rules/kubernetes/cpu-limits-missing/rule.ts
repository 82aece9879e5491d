// CL-K8S-033: a container without resources.limits.cpu.
import { resourceRule } from '../../lib/k8s-images';

export default resourceRule({
  id: 'CL-K8S-033',
  slug: 'cpu-limits-missing',
  which: 'limits',
  resource: 'cpu',
  severity: 'low',
  description:
    'Without a CPU limit a container may use all idle CPU of its node; a busy or compromised container (a crypto miner, a request flood) then takes CPU from its neighbours down to their requests.',
  consequence: 'so it can use every idle CPU of its node and slow down the pods it shares the node with',
  equivalents: {
    checkov: ['CKV_K8S_11'],
    kics: ['4ac0e2b7-d2d2-4af7-8799-e8de6721ccda'],
    trivy: ['AVD-KSV-0011'],
  },
});
