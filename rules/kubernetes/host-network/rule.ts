// CL-K8S-009: the pod uses the node's network namespace.
import { defineRule } from '../../kit';
import { PSS_DOC, podFlagCheck, podResponsibility, podSecurityFrameworks } from '../../lib/k8s-security-context';

export default defineRule({
  id: 'CL-K8S-009',
  slug: 'host-network',
  title: "Pod uses the node's network namespace",
  severity: 'high',
  fixable: true,
  description:
    "With hostNetwork: true the pod's containers use the node's network interfaces: they can reach services bound to the node's loopback, sniff the node's traffic and bypass the network policies that isolate pods.",
  remediation: 'Set hostNetwork to false (or remove it) and expose the pod through a Service.',
  responsibility: podResponsibility("whether your pods share the node's network namespace is set by your pod specs"),
  frameworks: podSecurityFrameworks(['5.2.5']),
  equivalents: {
    checkov: ['CKV_K8S_19'],
    kics: ['6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a'],
    trivy: ['AVD-KSV-0009'],
    kubeLinter: ['host-network'],
    polaris: ['hostNetworkSet'],
  },
  docs: [`${PSS_DOC}#baseline`, 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution'],
  checks: {
    kubernetes: podFlagCheck('hostNetwork', "its containers share the node's network interfaces and can reach what listens on the node's loopback"),
  },
});
