// CL-K8S-059: a Role or ClusterRole that can change admission webhooks or admission policies: its subjects can
// intercept or rewrite every object sent to the API server, or switch off the policies that guard it.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const GRANTS: readonly Grant[] = [
  {
    groups: ['admissionregistration.k8s.io'],
    resources: [
      'mutatingwebhookconfigurations',
      'validatingwebhookconfigurations',
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
    ],
    verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
  },
];

export default defineRule({
  id: 'CL-K8S-059',
  slug: 'rbac-admission-control',
  title: 'RBAC role can change admission webhooks or policies',
  severity: 'high',
  fixable: false,
  description:
    'Admission webhooks see, and mutating ones rewrite, every object they register for, Secrets and pod specs included; validating webhooks and admission policies are often the guard (Gatekeeper, Kyverno, Pod Security rules) that keeps privileged pods out. A subject that can create, change or delete them can read or rewrite requests cluster-wide, or switch that guard off.',
  remediation: 'Grant write access to admissionregistration.k8s.io objects only to the controllers that own them (narrowed with resourceNames) and to cluster administrators.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane calls the webhooks and evaluates the admission policies you register',
    customer: 'which webhooks and policies you register, and who may change them, is yours',
  },
  frameworks: [cisK8s('5.1.12'), nsaK8s('Authentication and authorization'), nist('AC-6', 'CM-5')],
  equivalents: {
    checkov: ['CKV_K8S_155'],
    trivy: ['AVD-KSV-0114'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const incl = hit.resource.value === '*' ? ' (the webhook configurations and admission policies included)' : '';
      return `${grantText(hit, r)}${incl}, so its subjects can intercept or rewrite objects sent to the API server, or switch off the admission checks that guard it.`;
    }),
  },
});
