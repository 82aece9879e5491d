// CL-K8S-035: a container without resources.requests.cpu.
import { defineRule } from '../../kit';
import { resourceCheck, WORKLOAD_KINDS } from '../../lib/k8s-images';

export default defineRule({
  id: 'CL-K8S-035',
  slug: 'cpu-requests-missing',
  title: 'Container has no CPU request',
  severity: 'low',
  fixable: true,
  description:
    'Without a CPU request (and no CPU limit to take it from) the scheduler reserves no CPU for the container: it can be packed onto a full node and gets the smallest CPU share under contention, and a pod with no requests at all is BestEffort, evicted first.',
  remediation: 'Set resources.requests.cpu for the container, or a default CPU request with a LimitRange in its namespace.',
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
    checkov: ['CKV_K8S_10'],
    kics: ['ca469dd4-c736-448f-8ac1-30a642705e0a'],
    trivy: ['AVD-KSV-0015'],
    kubeLinter: ['unset-cpu-requirements'],
    polaris: ['cpuRequestsMissing'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: WORKLOAD_KINDS,
      run: resourceCheck('requests', 'cpu', 'so the scheduler reserves no CPU for it and it gets the smallest share of CPU when its node is busy'),
    },
  },
});
