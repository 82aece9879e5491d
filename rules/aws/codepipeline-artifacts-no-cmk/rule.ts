// CL-AWS-239: CodePipeline pipelines whose artifact stores encrypt the artifacts with the AWS managed key aws/s3 instead
// of a customer managed KMS key.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, iso27001, keyNode, missingAt, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const DEFAULT = 'so its artifacts (the source and build output its stages pass on) are encrypted with the AWS managed key aws/s3, whose policy you cannot change and whose use you cannot revoke';
const MANAGED = 'an AWS managed key, so its artifacts (the source and build output its stages pass on) are not encrypted with a key whose policy you control';

interface Names {
  readonly key: string;
  readonly id: string;
}

const CFN: Names = { key: 'EncryptionKey', id: 'Id' };
const TF: Names = { key: 'encryption_key', id: 'id' };

/**
 * One artifact store (`store`, shown as `shown` in messages): a missing key block is reported at `at` (or at the
 * `Fn::If` branch that removes it), a key that is empty or an AWS managed alias (or, in Terraform, a data source
 * that looks one up) at the value; unknown values never are.
 */
function checkStore(r: Resource, ctx: CheckContext, store: Val, at: Node, shown: string, names: Names): void {
  const subject = `CodePipeline pipeline ${r.id}`;
  for (const alt of store.get(names.key).each()) {
    if (alt.isAbsent || (alt.isSeq && alt.list().length === 0 && alt.node?.kind === 'seq')) {
      ctx.report(missingAt(alt, at), `${subject} has no ${shown}.${names.key}, ${DEFAULT}.`);
    }
  }
  const keyAt = keyNode(store, names.key) ?? at;
  for (const b of blocks(store, names.key)) {
    const id = b.get(names.id);
    const bad = id.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
    if (!bad) continue;
    const path = `${shown}.${names.key}.${names.id}`;
    if (bad.isAbsent) ctx.report(missingAt(bad, keyAt), `${subject} does not set ${path}, ${DEFAULT}.`);
    else ctx.report(bad, `${subject} sets ${path} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${MANAGED}.`);
  }
}

/** CloudFormation: `ArtifactStore`, or each `ArtifactStores[].ArtifactStore` of a cross-Region pipeline. */
function cloudformation(r: Resource, ctx: CheckContext): void {
  const single = keyNode(r.body, 'ArtifactStore');
  for (const store of blocks(r.body, 'ArtifactStore')) checkStore(r, ctx, store, single ?? r.anchor, 'ArtifactStore', CFN);
  for (const list of r.body.get('ArtifactStores').each()) {
    list.items().forEach((item, i) => {
      if (!item.isMap) return;
      const at = keyNode(item, 'ArtifactStore') ?? keyNode(r.body, 'ArtifactStores') ?? r.anchor;
      for (const store of blocks(item, 'ArtifactStore')) checkStore(r, ctx, store, at, `ArtifactStores[${i}].ArtifactStore`, CFN);
    });
  }
}

/** Terraform: each `artifact_store` block (one per Region in a cross-Region pipeline). */
function terraform(r: Resource, ctx: CheckContext): void {
  const stores = blocks(r.body, 'artifact_store');
  const at = keyNode(r.body, 'artifact_store') ?? r.anchor;
  stores.forEach((store, i) => checkStore(r, ctx, store, at, stores.length > 1 ? `artifact_store[${i}]` : 'artifact_store', TF));
}

export default defineRule({
  id: 'CL-AWS-239',
  slug: 'codepipeline-artifacts-no-cmk',
  title: 'CodePipeline artifact store is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'CodePipeline encrypts the artifacts it keeps in its S3 artifact store (the source it fetched, the build output its stages pass on) with the AWS managed key aws/s3 unless the artifact store names a KMS key. A customer managed key lets you decide in its key policy who may read the artifacts, audit its use and revoke access; aws/s3 is shared by every service of the account that uses it, and other accounts cannot be granted use of it.',
  remediation: 'Set ArtifactStore.EncryptionKey (each ArtifactStores[].ArtifactStore.EncryptionKey; artifact_store { encryption_key { id, type = "KMS" } }) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the pipeline artifacts in the artifact store, with the AWS managed key aws/s3 unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_219'] },
  docs: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html',
    cfnGuideDoc('aws-properties-codepipeline-pipeline-artifactstore'),
    cfnGuideDoc('aws-properties-codepipeline-pipeline-encryptionkey'),
    tfDoc('codepipeline', 'encryption_key'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CodePipeline::Pipeline'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_codepipeline'], run: terraform },
  },
});
