// CL-K8S-060: a Role or ClusterRole that can create PersistentVolumes: a hostPath volume bound to a claim of the
// subject's own gives its pods the node's filesystem, past the Pod Security checks on pod volumes.
import { cisK8s, defineRule, nist, nsaK8s } from '../../kit';
import { type Grant, grantCheck, grantText } from '../../lib/k8s-rbac';

const GRANTS: readonly Grant[] = [{ groups: [''], resources: ['persistentvolumes'], verbs: ['create'] }];

export default defineRule({
  id: 'CL-K8S-060',
  slug: 'rbac-create-persistent-volumes',
  title: 'RBAC role can create PersistentVolumes',
  severity: 'medium',
  fixable: false,
  description:
    'A PersistentVolume can be a hostPath on the node. A subject that creates one and claims it can mount the node\'s filesystem into its pods, which Pod Security admission does not see (it checks the pod\'s own volumes, not the volumes behind its claims).',
  remediation: 'Let StorageClasses provision volumes dynamically and keep create on persistentvolumes to cluster administrators and storage drivers.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'the managed control plane binds claims to volumes and runs the storage drivers it ships',
    customer: 'who may define volumes, and so which node or cloud storage pods can reach, is yours to decide',
  },
  frameworks: [cisK8s('5.1.9'), nsaK8s('Authentication and authorization'), nist('AC-6')],
  equivalents: {},
  docs: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/',
  ],
  checks: {
    kubernetes: grantCheck(GRANTS, (hit, r) => {
      const incl = hit.resource.value === 'persistentvolumes' ? '' : ' (persistentvolumes included)';
      return `${grantText(hit, r)}${incl}, so its subjects can define a hostPath volume and mount the node's filesystem through a claim.`;
    }),
  },
});
