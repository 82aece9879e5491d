// CL-K8S-033: a container without resources.limits.cpu.
import { defineRule } from '../../kit';
import { resourceCheck, WORKLOAD_KINDS } from '../../lib/k8s-images';

export default defineRule({
  id: 'CL-K8S-033',
  slug: 'cpu-limits-missing',
  title: 'Container has no CPU limit',
  severity: 'low',
  fixable: true,
  description:
    'Without a CPU limit a container may use all idle CPU of its node; a busy or compromised container (a crypto miner, a request flood) then takes CPU from its neighbours down to their requests.',
  remediation: 'Set resources.limits.cpu for the container, or a default CPU limit with a LimitRange in its namespace.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'resilience',
    provider: 'the kubelet and the scheduler enforce the requests and limits you set',
    customer: 'sizing each container, or a LimitRange that sets defaults for the namespace, is yours',
  },
  frameworks: [
    { framework: 'NSA/CISA Kubernetes Hardening Guidance', version: '1.2', controls: ['Resource policies'] },
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SC-6'] },
  ],
  equivalents: {
    checkov: ['CKV_K8S_11'],
    kics: ['4ac0e2b7-d2d2-4af7-8799-e8de6721ccda'],
    trivy: ['AVD-KSV-0011'],
    kubeLinter: ['unset-cpu-requirements'],
    polaris: ['cpuLimitsMissing'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: WORKLOAD_KINDS,
      run: resourceCheck('limits', 'cpu', 'so it can use every idle CPU of its node and slow down the pods it shares the node with'),
    },
  },
});
