// CL-K8S-050: a Service with spec.externalIPs, the field behind CVE-2020-8554 (traffic interception).
import { defineRule } from '../../kit';
import { objectName, serviceCheck, serviceFrameworks, serviceResponsibility } from '../../lib/k8s-rbac';

export default defineRule({
  id: 'CL-K8S-050',
  slug: 'service-external-ips',
  title: 'Service sets externalIPs',
  severity: 'medium',
  fixable: false,
  description:
    'kube-proxy routes traffic for every address in spec.externalIPs to the Service on every node, whoever owns that address. Anyone who may create or edit Services can use it to capture traffic meant for other IPs (CVE-2020-8554), so clusters should reject the field and manifests should not need it.',
  remediation: 'Remove spec.externalIPs and expose the Service with a LoadBalancer, an Ingress or a Gateway; block the field cluster-wide with the DenyServiceExternalIPs admission plugin or a policy.',
  responsibility: serviceResponsibility(
    'the provider runs the control plane and ships kube-proxy on managed nodes',
    'which addresses your Services claim, and whether your cluster admits externalIPs at all, is yours to decide',
  ),
  frameworks: serviceFrameworks(),
  equivalents: {
    trivy: ['AVD-KSV-0108'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
    'https://github.com/kubernetes/kubernetes/issues/97076',
  ],
  checks: {
    kubernetes: serviceCheck((r, ctx) => {
      for (const ip of r.body.path('spec', 'externalIPs').items()) {
        const text = ip.str();
        if (text === undefined) continue;
        ctx.report(ip, `${objectName(r)} lists ${text} in spec.externalIPs, so every node forwards traffic for that address to the Service.`);
      }
    }),
  },
});
