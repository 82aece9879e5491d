// CL-AWS-051: an S3 bucket whose default encryption is not SSE-KMS.
import {
  addPath,
  addUnder,
  cfnGuideDoc,
  type CheckContext,
  defineRule,
  type FixOffer,
  nist,
  placeholder,
  type Resource,
  type TextEdit,
  tfDoc,
  type Val,
} from '../../kit';

/** A KMS key ARN for the user to replace (the example key of the AWS documentation). */
const KEY = placeholder('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
const TITLE = 'Encrypt with SSE-KMS and a KMS key of yours (fill in its ARN)';

/** An algorithm with the block that holds it and the name of the key setting next to it. */
interface Algorithm {
  readonly alg: Val;
  readonly block: Val;
  readonly keyName: string;
}

/** A known algorithm written in place set to aws:kms, and the key added next to it when the block names none. */
function kmsFix(ctx: CheckContext, a: Algorithm, bad: Val): FixOffer | undefined {
  const set = ctx.edits.setValue(bad, 'aws:kms');
  if (!set) return undefined;
  const edits: TextEdit[] = [...set];
  if (a.block.get(a.keyName).isAbsent) {
    const key = addUnder(ctx.edits, a.block, [a.keyName], KEY);
    if (!key) return undefined;
    edits.push(...key);
  }
  return { title: TITLE, edits, snippet: true };
}
import { blockItems, configsOf, tfBlock } from '../../lib/s3';

const KMS = new Set(['aws:kms', 'aws:kms:dsse']);
const SSE_S3 = 'so S3 encrypts new objects with S3 managed keys (SSE-S3), not with a KMS key whose policy you control';

/**
 * Reports each default algorithm that is known and not KMS. Returns whether any algorithm was seen at all
 * (known or not), so that a configuration without one can be told apart.
 */
function reportAlgorithms(algs: Algorithm[], ctx: CheckContext, subject: string, key: string): boolean {
  for (const a of algs) {
    const bad = a.alg.find((x) => x.str() !== undefined && !KMS.has(x.str()!));
    if (bad) ctx.report(bad, `${subject} sets ${key} to ${bad.str()}, ${SSE_S3}.`, { fix: kmsFix(ctx, a, bad) });
  }
  return algs.some((a) => !a.alg.isAbsent);
}

function cloudformation(r: Resource, ctx: CheckContext) {
  const enc = r.body.get('BucketEncryption');
  const missing = enc.find((v) => v.isAbsent);
  if (missing) {
    const edits = enc.alts.length === 1
      ? addPath(ctx.edits, r, ['BucketEncryption'], { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }] })
      : undefined;
    ctx.report(enc.alts.length === 1 ? r.anchor : missing, `S3 bucket ${r.id} has no BucketEncryption, ${SSE_S3}.`, { fix: { title: TITLE, edits, snippet: true } });
  }
  for (const e of enc.each()) {
    if (!e.isMap) continue;
    const rules = e.get('ServerSideEncryptionConfiguration');
    if (rules.isUnknown) continue;
    const algs = rules.items().map((rule) => {
      const block = rule.get('ServerSideEncryptionByDefault');
      return { alg: block.get('SSEAlgorithm'), block, keyName: 'KMSMasterKeyID' };
    });
    if (!reportAlgorithms(algs, ctx, `S3 bucket ${r.id}`, 'SSEAlgorithm') && rules.items().every((i) => i.isKnown)) {
      ctx.report(r.anchor, `S3 bucket ${r.id} sets BucketEncryption without ServerSideEncryptionByDefault, ${SSE_S3}.`);
    }
  }
}

/** The sse_algorithm values of Terraform `rule { apply_server_side_encryption_by_default { … } }` blocks. */
function tfAlgorithms(rules: Val): Algorithm[] {
  return rules.list().flatMap((rule) => rule.get('apply_server_side_encryption_by_default').list().map((d) => ({ alg: d.get('sse_algorithm'), block: d, keyName: 'kms_master_key_id' })));
}

function terraform(r: Resource, ctx: CheckContext) {
  if (r.type === 'aws_s3_bucket_server_side_encryption_configuration') {
    const rules = r.body.get('rule');
    if (rules.isUnknown || !rules.list().every((rule) => !rule.get('apply_server_side_encryption_by_default').isUnknown)) return;
    if (!reportAlgorithms(tfAlgorithms(rules), ctx, `Encryption configuration ${r.id}`, 'sse_algorithm')) {
      ctx.report(r.anchor, `Encryption configuration ${r.id} sets no apply_server_side_encryption_by_default, ${SSE_S3}.`);
    }
    return;
  }
  // aws_s3_bucket: the legacy inline block, else a separate configuration that refers to the bucket.
  const inline = tfBlock(r, 'server_side_encryption_configuration');
  if (inline.isUnknown) return;
  const blocks = blockItems(inline);
  if (blocks.length > 0) {
    const rules = blocks.map((b) => b.get('rule'));
    if (rules.some((x) => x.isUnknown)) return;
    reportAlgorithms(rules.flatMap(tfAlgorithms), ctx, `S3 bucket ${r.id}`, 'sse_algorithm');
    return;
  }
  const { linked, possible } = configsOf(r, ctx, ['aws_s3_bucket_server_side_encryption_configuration']);
  if (linked.length > 0 || possible.length > 0) return;
  ctx.report(
    r.anchor,
    `S3 bucket ${r.id} has no server_side_encryption_configuration and no aws_s3_bucket_server_side_encryption_configuration refers to it, ${SSE_S3}.`,
  );
}

export default defineRule({
  id: 'CL-AWS-051',
  slug: 's3-no-kms-encryption',
  title: 'S3 bucket default encryption does not use a KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Since January 2023 S3 encrypts every new object at rest with S3 managed keys (SSE-S3), so data is never stored unencrypted. SSE-KMS adds what SSE-S3 cannot: a key whose policy decides who may decrypt, an audit trail of every use in CloudTrail, and the option to disable the key. This matters where policy requires customer-managed keys.',
  remediation: 'Set the bucket\'s default encryption to SSE-KMS (aws:kms or aws:kms:dsse) with a customer managed key, and enable the S3 Bucket Key to reduce KMS request costs.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts every new object at rest with SSE-S3 by default since January 2023',
    customer: 'choosing a KMS key whose policy controls who can decrypt, where your requirements call for one, is yours',
  },
  frameworks: [nist('SC-12', 'SC-28')],
  equivalents: {
    checkov: ['CKV_AWS_145'],
    kics: ['b2e8752c-3497-4255-98d2-e4ae5b46bbf5'],
    trivy: ['aws-s3-encryption-customer-key'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    cfnGuideDoc('aws-properties-s3-bucket-serversideencryptionbydefault'),
    tfDoc('s3_bucket_server_side_encryption_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::S3::Bucket'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration'], run: terraform },
  },
});
