// CL-AWS-264: S3 objects that Terraform uploads or copies (aws_s3_object, aws_s3_bucket_object, aws_s3_object_copy)
// without a customer managed KMS key: no kms_key_id (or an AWS managed alias) while neither the object's own setting nor
// its bucket's default encryption names a key of yours.
import { type CheckContext, chooseFix, defineRule, findById, isSet, iso27001, nist, type Resource, tfDoc, type Val } from '../../kit';
import { blockItems, configsOf, isAwsManagedAlias, KMS_KEY, lookedUpKey, shownKey, tfBlock } from '../../lib/s3';

const KMS = new Set(['aws:kms', 'aws:kms:dsse']);
const CONFIG = 'aws_s3_bucket_server_side_encryption_configuration';
const FIX_TITLE = 'Set kms_key_id to a customer managed KMS key (fill in its ARN)';
const AWS_MANAGED = 'the AWS managed key aws/s3, whose policy you cannot change and whose use you cannot revoke';

/** What a bucket's default encryption says about a key of yours. */
type Verdict = 'cmk' | 'other' | 'unknown';

/** One `apply_server_side_encryption_by_default` block: SSE-KMS with a key that is not AWS managed is a key of yours. */
function judgeDefault(d: Val, bucket: Resource, ctx: CheckContext): Verdict {
  if (d.isUnknown) return 'unknown';
  let verdict: Verdict = 'other';
  for (const alg of d.get('sse_algorithm').each()) {
    if (alg.isUnknown) return 'unknown';
    if (!KMS.has(alg.str() ?? '')) continue;
    for (const key of d.get('kms_master_key_id').each()) {
      if (key.isAbsent || key.str() === '') continue;
      const looked = key.isUnknown ? lookedUpKey(bucket, ctx, key) : key.str();
      if (looked === undefined) return 'unknown';
      if (!isAwsManagedAlias(looked)) verdict = 'cmk';
    }
  }
  return verdict;
}

/** The default encryption rules (`rule` blocks) of a bucket: inline, or configurations that refer to it. */
function bucketDefault(bucket: Resource, ctx: CheckContext): Verdict {
  const rules: Val[] = [];
  const inline = tfBlock(bucket, 'server_side_encryption_configuration');
  if (inline.isUnknown) return 'unknown';
  for (const b of blockItems(inline)) rules.push(b.get('rule'));
  const { linked, possible } = configsOf(bucket, ctx, [CONFIG]);
  // A configuration whose bucket is known only at deploy time may be this bucket's.
  if (possible.length > 0) return 'unknown';
  for (const c of linked) rules.push(tfBlock(c, 'rule'));
  const verdicts: Verdict[] = [];
  for (const rule of rules) {
    if (rule.isUnknown) return 'unknown';
    for (const item of rule.list()) {
      if (item.isUnknown) return 'unknown';
      for (const d of item.get('apply_server_side_encryption_by_default').list()) verdicts.push(judgeDefault(d, bucket, ctx));
    }
  }
  return verdicts.includes('cmk') ? 'cmk' : verdicts.includes('unknown') ? 'unknown' : 'other';
}

/** The buckets of the scope by their literal name, for objects that name their bucket instead of referring to it. */
function bucketsByName(ctx: CheckContext): Map<string, Resource> {
  return ctx.shared('s3-object-no-cmk.bucketsByName', (all) => {
    const map = new Map<string, Resource>();
    for (const b of all) {
      const name = b.type === 'aws_s3_bucket' ? b.body.get('bucket').str() : undefined;
      if (name !== undefined && !map.has(name)) map.set(name, b);
    }
    return map;
  });
}

/** The object's (destination) bucket among the scope's resources: by reference, else by its exact name. */
function bucketOf(r: Resource, ctx: CheckContext): Resource | undefined {
  const byReference = findById(ctx, ['aws_s3_bucket'], r.references('bucket'));
  if (byReference) return byReference;
  const name = r.body.get('bucket').str();
  return name === undefined ? undefined : bucketsByName(ctx).get(name);
}

function check(r: Resource, ctx: CheckContext): void {
  const subject = r.type === 'aws_s3_object_copy' ? 'S3 object copy' : 'S3 object';
  // SSE-C (aws_s3_object_copy): encrypted with a key the caller provides and AWS does not keep.
  if (isSet(r.body.get('customer_key')) || isSet(r.body.get('customer_algorithm'))) return;
  const key = r.body.get('kms_key_id');
  const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
  if (!bad) return;
  const name = `${subject} ${r.id}`;
  if (!bad.isAbsent && bad.str() !== '') {
    const fix = chooseFix(ctx, r, bad, ['kms_key_id'], KMS_KEY, FIX_TITLE);
    ctx.report(bad, `${name} sets kms_key_id to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, so it is encrypted with ${AWS_MANAGED}.`, { fix });
    return;
  }
  // No key (an empty string is no key to the provider): the object's own algorithm decides, else the bucket default.
  const at = bad.isAbsent ? r.anchor : bad;
  const lead = bad.isAbsent ? 'has no kms_key_id' : 'sets kms_key_id to an empty string';
  const sse = r.body.get('server_side_encryption');
  const known = sse.find((x) => x.str() !== undefined && x.str() !== '');
  if (known) {
    const alg = known.str()!;
    if (alg === 'AES256') {
      ctx.report(known, `${name} sets server_side_encryption to AES256 and no kms_key_id, so it is encrypted with S3 managed keys (SSE-S3), not with a KMS key whose policy you control.`);
    } else if (KMS.has(alg)) {
      ctx.report(at, `${name} sets server_side_encryption to ${alg} and ${lead}, so S3 encrypts it with ${AWS_MANAGED}.`, { fix: chooseFix(ctx, r, bad, ['kms_key_id'], KMS_KEY, FIX_TITLE) });
    }
    return;
  }
  // A bucket outside the configuration (a variable, another configuration's bucket): its default is not known here.
  const bucket = bucketOf(r, ctx);
  if (!bucket) return;
  const verdict = bucketDefault(bucket, ctx);
  if (verdict === 'cmk' || verdict === 'unknown') return;
  // A fix only where the object sets no algorithm that the key would contradict.
  const fix = sse.isAbsent ? chooseFix(ctx, r, bad, ['kms_key_id'], KMS_KEY, FIX_TITLE) : undefined;
  ctx.report(at, `${name} ${lead} and the default encryption of its bucket ${bucket.id} names no customer managed key, so the object is encrypted with S3 managed keys (SSE-S3) or ${AWS_MANAGED}.`, { fix });
}

export default defineRule({
  id: 'CL-AWS-264',
  slug: 's3-object-no-cmk',
  title: 'S3 object is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'An object that Terraform uploads or copies without kms_key_id is encrypted with S3 managed keys (SSE-S3), or with the AWS managed key aws/s3 when it asks for aws:kms without a key, unless its bucket\'s default encryption names a key of yours. The data is encrypted either way; a customer managed key lets you decide in its key policy who may decrypt the object, audit every use in CloudTrail and revoke access.',
  remediation: 'Set kms_key_id to the ARN of a customer managed KMS key, or give the bucket a default encryption with SSE-KMS and a key of yours (aws_s3_bucket_server_side_encryption_configuration).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts every new object at rest, with S3 managed keys unless a KMS key is asked for',
    customer: 'choosing a customer managed key for your objects, and so who may decrypt them and when access can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_181', 'CKV_AWS_186'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    tfDoc('s3_object', 'kms_key_id'),
    tfDoc('s3_object_copy', 'kms_key_id'),
    tfDoc('s3_bucket_object', 'kms_key_id'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: ['aws_s3_object', 'aws_s3_bucket_object', 'aws_s3_object_copy'],
      run: check,
    },
  },
});
