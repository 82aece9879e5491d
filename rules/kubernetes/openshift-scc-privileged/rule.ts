// CL-K8S-107: an OpenShift SecurityContextConstraints that admits privileged containers (allowPrivilegedContainer: true).
import { cisK8s, defineRule, nist, nsaK8s, type Resource, type SettingSpec, checkSetting } from '../../kit';

/**
 * An SCC of OpenShift's API group (`security.openshift.io/v1`), or of the core group (`apiVersion: v1`), under which
 * OpenShift 3 served SCCs and OpenShift 4 still accepts them (deprecated). A kind of the same name in another group
 * is not OpenShift's, and a templated apiVersion is read as what the kind says.
 */
function isOpenShiftScc(r: Resource): boolean {
  const api = r.k8s?.apiVersion ?? '';
  if (api === '' || api.includes('{{') || api.includes('$')) return true;
  const slash = api.lastIndexOf('/');
  const group = slash < 0 ? '' : api.slice(0, slash);
  return group === 'security.openshift.io' || group === '';
}

const SPEC: SettingSpec = {
  subject: 'SecurityContextConstraints',
  named: (r) => `SecurityContextConstraints ${r.k8s?.name ?? '(unnamed)'}`,
  consequence: "so every user, group and service account allowed to use it can run privileged containers, which get every capability and the node's devices",
  want: false,
  // The field is required by the SCC schema: a manifest without it is rejected, so absent is never reported.
  absentMeans: null,
  formats: { kubernetes: { types: ['SecurityContextConstraints'], path: ['allowPrivilegedContainer'] } },
};

export default defineRule({
  id: 'CL-K8S-107',
  slug: 'openshift-scc-privileged',
  title: 'OpenShift SecurityContextConstraints allows privileged containers',
  severity: 'high',
  fixable: true,
  description:
    "An OpenShift SecurityContextConstraints (SCC) with allowPrivilegedContainer: true admits pods whose containers run privileged. A privileged container gets every Linux capability and the node's devices and is not confined by SELinux or seccomp: whoever may use the SCC, and can create pods, controls the node.",
  remediation: 'Set allowPrivilegedContainer to false and grant the few capabilities the workload needs with allowedCapabilities; keep privileged containers to the built-in privileged SCC, granted to as few service accounts as possible.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'OpenShift ships default SCCs and its admission controller enforces the SCC a pod is admitted under',
    customer: 'the SCCs you define, what they allow and who may use them are yours to decide',
  },
  frameworks: [cisK8s('5.2.2'), nsaK8s('Kubernetes Pod security'), nist('AC-6')],
  equivalents: {
    kubeLinter: ['scc-deny-privileged-container'],
  },
  docs: [
    'https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html',
    'https://docs.redhat.com/en/documentation/openshift_container_platform/4.14/html/security_apis/securitycontextconstraints-security-openshift-io-v1',
  ],
  checks: {
    kubernetes: {
      reads: 'resource',
      types: ['SecurityContextConstraints'],
      run(r, ctx) {
        if (isOpenShiftScc(r)) checkSetting(r, ctx, SPEC, SPEC.formats.kubernetes!);
      },
    },
  },
});
