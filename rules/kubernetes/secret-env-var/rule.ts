// CL-K8S-062: a container that receives a Secret as environment variables (env[].valueFrom.secretKeyRef,
// envFrom[].secretRef) rather than as files from a secret volume.
import { type CheckContext, cisK8s, defineRule, keyNode, nist, nsaK8s, type Resource } from '../../kit';
import { containerLabel, podContainers, workloadLabel, WORKLOAD_KINDS } from '../../lib/k8s-images';

const WHY = 'where every process of the container, its child processes and crash reports can read it, and it does not change when the Secret is rotated';

function run(r: Resource, ctx: CheckContext): void {
  for (const c of podContainers(r)) {
    const label = containerLabel(c);
    const who = `${label[0].toUpperCase()}${label.slice(1)} of ${workloadLabel(r)}`;
    for (const env of c.val.get('env').items()) {
      const from = env.get('valueFrom');
      const at = keyNode(from, 'secretKeyRef');
      if (!at) continue;
      const ref = from.get('secretKeyRef');
      const secret = ref.get('name').str();
      const key = ref.get('key').str();
      const name = env.get('name').str();
      const what = `${key !== undefined ? `key ${key} of ` : ''}Secret ${secret ?? '(named by a template)'}`;
      ctx.report(at, `${who} reads ${what} into environment variable ${name ?? '(unnamed)'}, ${WHY}.`);
    }
    for (const item of c.val.get('envFrom').items()) {
      const at = keyNode(item, 'secretRef');
      if (!at) continue;
      const secret = item.path('secretRef', 'name').str();
      ctx.report(at, `${who} loads every key of Secret ${secret ?? '(named by a template)'} as environment variables (envFrom), ${WHY}.`);
    }
  }
}

export default defineRule({
  id: 'CL-K8S-062',
  slug: 'secret-env-var',
  title: 'Secret passed to a container as environment variables',
  severity: 'low',
  fixable: false,
  description:
    'A Secret read into environment variables is visible to every process of the container and inherited by the processes it starts; applications and crash reporters often log their environment, and the value is fixed at container start, so a rotated Secret takes a restart. Mounted as files, it can be read by the one process that needs it and is updated in place.',
  remediation: 'Mount the Secret as a volume (optionally projecting only the keys the container needs) and have the application read the file.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'secrets',
    provider: 'the kubelet delivers Secrets to the pods you schedule, as variables or as files in memory-backed volumes',
    customer: 'how your containers receive their secrets is yours',
  },
  frameworks: [cisK8s('5.4.1'), nsaK8s('Secrets'), nist('SC-28')],
  equivalents: {
    checkov: ['CKV_K8S_35'],
    kics: ['3d658f8b-d988-41a0-a841-40043121de1e'],
    kubeLinter: ['read-secret-from-env-var'],
  },
  docs: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: WORKLOAD_KINDS, run },
  },
});
