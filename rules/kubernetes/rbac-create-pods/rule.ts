// CL-K8S-055: a Role or ClusterRole that lets its subjects create pods, or create or change the workloads that
// create pods: a pod runs with any service account of its namespace and, without admission policy, as root on the node.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const CONTROLLER_VERBS = ['create', 'update', 'patch'];

const GRANTS: readonly Grant[] = [
  { groups: [''], resources: ['pods'], verbs: ['create'] },
  { groups: [''], resources: ['replicationcontrollers'], verbs: CONTROLLER_VERBS },
  { groups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: CONTROLLER_VERBS },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: CONTROLLER_VERBS },
];

export default defineRule({
  id: 'CL-K8S-055',
  slug: 'rbac-create-pods',
  title: 'RBAC role can create pods or change workloads',
  severity: 'medium',
  fixable: false,
  description:
    'A subject that can create a pod, or create or change a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob or ReplicationController, chooses what that pod runs: any service account of the namespace (and so every Secret and permission it holds), host mounts and privileged containers unless admission policy refuses them.',
  remediation: 'Grant create on pods and create/update/patch on workload controllers only to deployment pipelines and operators that need them, in the namespaces they manage, and enforce a Pod Security Standard there.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane authorises each request against your RBAC rules and runs the admission controllers you configure',
    customer: 'who may start pods, with which service accounts and privileges, is yours to decide',
  },
  frameworks: [cisK8s('5.1.4'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {
    kics: ['592ad21d-ad9b-46c6-8d2d-fad09d62a942'],
    trivy: ['AVD-KSV-0048'],
    kubeLinter: ['access-to-create-pods'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => `${grantText(hit, r)}, so its subjects can start pods that run as any service account of the namespace, and as root on the node unless admission policy forbids it.`),
  },
});
