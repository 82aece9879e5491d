// CL-AWS-098: an EKS cluster without envelope encryption of Kubernetes secrets under a KMS key of your own.
import { addPath, cfnGuideDoc, type CheckContext, defineRule, nist, placeholder, type Resource, type Val } from '../../kit';

/** A KMS key ARN for the user to replace (the example key of the AWS documentation). */
const KEY = placeholder('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
import { compareVersions, parseVersion, versionText } from '../../lib/versions';

interface Keys {
  readonly list: string;
  readonly provider: string;
  readonly keyArn: string;
  readonly resources: string;
  readonly version: string;
}

/** Whether an encryption config entry covers secrets with a key: true, false, or undefined when unknown. */
function coversSecrets(entry: Val, keys: Keys, terraform: boolean): boolean | undefined {
  if (entry.isUnknown) return undefined;
  const resources = entry.get(keys.resources);
  if (resources.isUnknown || resources.items().some((i) => i.isUnknown)) return undefined;
  if (!resources.strings().includes('secrets')) return false;
  const providers = terraform ? entry.get(keys.provider).list() : [entry.get(keys.provider)];
  for (const p of providers) {
    if (p.isUnknown) return undefined;
    const key = p.get(keys.keyArn);
    if (key.isUnknown || (key.str() ?? '') !== '') return true;
  }
  return false;
}

function check(keys: Keys, terraform: boolean) {
  return (r: Resource, ctx: CheckContext) => {
    const config = r.body.get(keys.list);
    if (config.isUnknown) return;
    const version = versionText(r.body.get(keys.version));
    const parsed = version ? parseVersion(version) : undefined;
    const old = parsed && compareVersions(parsed, [1, 28]) < 0;
    const tail = old
      ? `, and Kubernetes ${version} predates EKS's default envelope encryption of API data (1.28)`
      : ', so secrets are envelope-encrypted only with an AWS owned key';
    if (config.isAbsent) {
      // One entry for secrets; Terraform writes the block in its object form.
      const entry = { [keys.provider]: { [keys.keyArn]: KEY }, [keys.resources]: ['secrets'] };
      const edits = addPath(ctx.edits, r, [keys.list], terraform ? entry : [entry]);
      ctx.report(r.anchor, `EKS cluster ${r.id} does not set ${keys.list} for secrets with a KMS key of yours${tail}.`, {
        fix: { title: `Add ${keys.list} for secrets (fill in the key ARN; it cannot be removed later)`, edits, snippet: true },
      });
      return;
    }
    for (const alt of config.each()) {
      if (alt.isAbsent) {
        ctx.report(alt, `EKS cluster ${r.id} leaves ${keys.list} unset${tail}.`);
        continue;
      }
      const entries = terraform ? alt.list() : alt.items();
      if (entries.some((e) => coversSecrets(e, keys, terraform) !== false)) continue;
      // Point at the offending value: the first entry's resources (or provider), or the empty list itself.
      const first = entries[0];
      const resources = first?.get(keys.resources);
      const at = !first ? alt : resources && !resources.isAbsent && !resources.strings().includes('secrets') ? resources : first.get(keys.provider).isAbsent ? first : first.get(keys.provider);
      ctx.report(at, `EKS cluster ${r.id} sets ${keys.list} without an entry for secrets with a KMS key${tail}.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-098',
  slug: 'eks-secrets-encryption-disabled',
  title: 'EKS cluster does not encrypt Kubernetes secrets with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Since 2025, EKS envelope-encrypts all Kubernetes API data, secrets included, with an AWS owned KMS key by default on clusters running Kubernetes 1.28 or later. Configuring EncryptionConfig for secrets with your own KMS key adds control: a key policy, rotation, CloudTrail records of every use, and the ability to revoke access.',
  remediation: 'Add EncryptionConfig (encryption_config) with Resources ["secrets"] and a Provider KeyArn of a customer managed symmetric KMS key in the same Region.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'data-protection',
    provider: 'AWS runs etcd on encrypted volumes and, from Kubernetes 1.28, envelope-encrypts all API data with an AWS owned key',
    customer: 'using a KMS key you control for that envelope encryption, and its key policy, is your choice',
  },
  frameworks: [nist('SC-12', 'SC-28')],
  equivalents: { checkov: ['CKV_AWS_58'], kics: ['63ebcb19-2739-4d3f-aa5c-e8bbb9b85281'], trivy: ['aws-eks-encrypt-secrets'], cfnNag: ['W82'] },
  docs: [
    'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
    cfnGuideDoc('aws-properties-eks-cluster-encryptionconfig'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::EKS::Cluster'],
      run: check({ list: 'EncryptionConfig', provider: 'Provider', keyArn: 'KeyArn', resources: 'Resources', version: 'Version' }, false),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_eks_cluster'],
      run: check({ list: 'encryption_config', provider: 'provider', keyArn: 'key_arn', resources: 'resources', version: 'version' }, true),
    },
  },
});
