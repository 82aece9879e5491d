// CL-K8S-036: a container without resources.requests.memory.
import { defineRule } from '../../kit';
import { resourceCheck, WORKLOAD_KINDS } from '../../lib/k8s-images';

export default defineRule({
  id: 'CL-K8S-036',
  slug: 'memory-requests-missing',
  title: 'Container has no memory request',
  severity: 'low',
  fixable: true,
  description:
    'Without a memory request (and no memory limit to take it from) the scheduler reserves no memory for the container: it can be placed on a node that cannot hold it, and under memory pressure the kubelet evicts pods that use more than they requested first.',
  remediation: 'Set resources.requests.memory for the container, or a default memory request with a LimitRange in its namespace.',
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
    checkov: ['CKV_K8S_12'],
    kics: ['229588ef-8fde-40c8-8756-f4f2b5825ded'],
    trivy: ['AVD-KSV-0016'],
    kubeLinter: ['unset-memory-requirements'],
    polaris: ['memoryRequestsMissing'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: WORKLOAD_KINDS,
      run: resourceCheck('requests', 'memory', 'so the scheduler reserves no memory for it and the kubelet evicts it among the first when its node runs short'),
    },
  },
});
