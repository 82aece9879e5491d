// CL-K8S-095: the API server stores Secrets in etcd unencrypted: no --encryption-provider-config, or an
// EncryptionConfiguration whose provider for Secrets writes them in clear (`identity` first) or that does not cover them.
import { cisK8s, defineRule, keyNode, nist, type CheckContext, type Resource, type Val } from '../../kit';
import { componentLabel, flag, controlPlaneResponsibility, isConfigOf, controlPlaneCheck, type ComponentContainer } from '../../lib/k8s-control-plane';

/** The resource names of an EncryptionConfiguration entry that cover Secrets (`secrets`, `*.` core group, `*.*` all). */
const COVERS_SECRETS = new Set(['secrets', '*.', '*.*']);

function checkApiserver(r: Resource, cc: ComponentContainer, ctx: CheckContext): void {
  if (cc.partial) return;
  const f = flag(cc, 'encryption-provider-config');
  if (f && (!f.known || (f.value ?? '').trim() !== '')) return;
  ctx.report(cc.anchor, `${componentLabel(cc, r)} does not set --encryption-provider-config: it writes Secrets to etcd unencrypted, so whoever reads etcd's data or its backups reads every Secret.`);
}

/** The first entry of `resources` that covers Secrets; 'unknown' when an entry cannot be read. */
function entryForSecrets(list: Val): Val | 'unknown' | undefined {
  for (const entry of list.items()) {
    const names = entry.get('resources');
    if (!names.isKnown) return 'unknown';
    for (const n of names.items()) {
      const s = n.str();
      if (s === undefined) return 'unknown';
      if (COVERS_SECRETS.has(s.trim())) return entry;
    }
  }
  return undefined;
}

function checkEncryptionConfig(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'apiserver.config.k8s.io')) return;
  const list = r.body.get('resources');
  if (!list.isKnown || !list.isSeq) return;
  const entry = entryForSecrets(list);
  if (entry === 'unknown') return;
  if (!entry) {
    ctx.report(keyNode(r.body, 'resources') ?? list, 'EncryptionConfiguration has no entry for secrets (nor *. or *.*): the API server writes Secrets to etcd unencrypted.');
    return;
  }
  const providers = entry.get('providers');
  const first = providers.isKnown && providers.isSeq ? providers.items()[0] : undefined;
  if (!first || !first.isMap) return;
  const [key] = first.entries()[0] ?? [];
  if (!key || String(key.value) !== 'identity') return;
  ctx.report(key, 'EncryptionConfiguration lists identity first among the providers for secrets: the API server writes new and updated Secrets to etcd unencrypted (the providers after it only decrypt what is already encrypted).');
}

export default defineRule({
  id: 'CL-K8S-095',
  slug: 'apiserver-secrets-not-encrypted',
  title: 'API server stores Secrets in etcd unencrypted',
  severity: 'medium',
  fixable: false,
  description:
    'Without --encryption-provider-config, or with an EncryptionConfiguration whose first provider for secrets is identity, the API server writes Secrets to etcd as they are: anyone who reads etcd, its disk or its backups reads every Secret of the cluster.',
  remediation:
    'Write an EncryptionConfiguration whose first provider for secrets is kms (v2), aescbc, aesgcm or secretbox, pass it with --encryption-provider-config, and rewrite existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -).',
  responsibility: controlPlaneResponsibility('data-protection', 'whether the API server encrypts Secrets in etcd, with which provider and key, is yours'),
  frameworks: [cisK8s('1.2.27', '1.2.28'), nist('SC-28')],
  equivalents: {
    kics: ['cbd2db69-0b21-4c14-8a40-7710a50571a9', '10efce34-5af6-4d83-b414-9e096d5a06a9'],
    checkov: ['CKV_K8S_104'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
    'https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/',
    'https://kubernetes.io/docs/reference/config-api/apiserver-encryption.v1/',
  ],
  checks: {
    kubernetes: controlPlaneCheck({ components: ['kube-apiserver'], container: checkApiserver, config: { kind: 'EncryptionConfiguration', check: checkEncryptionConfig } }),
  },
});
