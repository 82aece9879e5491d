// CL-K8S-034: a container without resources.limits.memory.
import { defineRule } from '../../kit';
import { resourceCheck, WORKLOAD_KINDS } from '../../lib/k8s-images';

export default defineRule({
  id: 'CL-K8S-034',
  slug: 'memory-limits-missing',
  title: 'Container has no memory limit',
  severity: 'medium',
  fixable: true,
  description:
    'Without a memory limit a container can grow until its node runs out of memory; the kernel OOM killer and kubelet evictions then hit other pods on the node, which makes one leaking or compromised container a denial of service for its neighbours.',
  remediation: 'Set resources.limits.memory for the container, or a default memory limit with a LimitRange in its namespace.',
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
    checkov: ['CKV_K8S_13'],
    kics: ['b14d1bc4-a208-45db-92f0-e21f8e2588e9'],
    trivy: ['AVD-KSV-0018'],
    kubeLinter: ['unset-memory-requirements'],
    polaris: ['memoryLimitsMissing'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: WORKLOAD_KINDS,
      run: resourceCheck('limits', 'memory', 'so it can take the memory of its whole node until the node runs out and the kubelet evicts or the kernel kills other pods'),
    },
  },
});
