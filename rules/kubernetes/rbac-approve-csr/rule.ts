// CL-K8S-056: a Role or ClusterRole that can approve certificate signing requests: with a signer it may approve
// for, its subjects can issue client certificates for any user or group the signer accepts.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const GROUP = 'certificates.k8s.io';
const GRANTS: readonly Grant[] = [
  { groups: [GROUP], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
  { groups: [GROUP], resources: ['signers'], verbs: ['approve'] },
];

export default defineRule({
  id: 'CL-K8S-056',
  slug: 'rbac-approve-csr',
  title: 'RBAC role can approve certificate signing requests',
  severity: 'high',
  fixable: false,
  description:
    'Approving a CertificateSigningRequest takes update on certificatesigningrequests/approval and approve on the signer. A subject with both can have the cluster sign a client certificate for any user or group the signer accepts (kubernetes.io/kube-apiserver-client: system:masters included), an identity that RBAC cannot revoke until the certificate expires.',
  remediation: 'Leave CSR approval to the control plane\'s approvers; grant update on certificatesigningrequests/approval and approve on signers only to a tightly held role, narrowed to one signer with resourceNames.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane signs approved requests with the cluster CA and approves node certificates itself',
    customer: 'who else may approve certificate requests is yours to decide',
  },
  frameworks: [cisK8s('5.1.11'), nsaK8s('Authentication and authorization'), nist('AC-6', 'IA-5(2)')],
  equivalents: {
    checkov: ['CKV_K8S_156'],
  },
  docs: [
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const signer = hit.resource.value === 'signers';
      const half = signer
        ? 'which with update on certificatesigningrequests/approval lets its subjects approve certificate requests for the signers it names'
        : 'which with approve on a signer lets its subjects approve certificate requests, such as a client certificate for any user or group';
      return `${grantText(hit, r)}, ${half}.`;
    }),
  },
});
