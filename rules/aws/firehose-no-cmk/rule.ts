// CL-AWS-238: Firehose delivery streams (Direct PUT) whose buffered records are not encrypted with a customer managed
// KMS key: an AWS owned key, no key named, or no server-side encryption at all.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, isOneOf, isSet, iso27001, keyNode, missingAt, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const UNENCRYPTED = 'so the records it buffers are not encrypted at all (see CL-AWS-150), let alone with a key whose policy you control';
const OWNED = 'so the records it buffers are encrypted with an AWS owned key, which is not in your account: you cannot see its policy, audit its use or revoke it';
const MANAGED = 'so the records it buffers are not encrypted with a key whose policy you control';
const NO_ARN = 'which Firehose requires with that key type: the stream cannot be created or updated so';

interface Names {
  readonly block: string;
  readonly type: string;
  readonly arn: string;
}

const CFN: Names = { block: 'DeliveryStreamEncryptionConfigurationInput', type: 'KeyType', arn: 'KeyARN' };
const TF: Names = { block: 'server_side_encryption', type: 'key_type', arn: 'key_arn' };

/**
 * Server-side encryption applies to Direct PUT streams only: a stream that reads from a Kinesis data stream or MSK
 * (or whose type is unknown) takes its encryption from the source and is not checked, as in CL-AWS-150.
 */
function directPut(r: Resource): boolean {
  if (r.format === 'cloudformation') {
    const t = r.body.get('DeliveryStreamType');
    if (t.isUnknown || t.alts.length !== 1) return false;
    const s = t.str();
    return s === undefined || s === 'DirectPut';
  }
  return !isSet(r.body.get('kinesis_source_configuration')) && !isSet(r.body.get('msk_source_configuration'));
}

/** The key type of one encryption block, known to be on: AWS owned is reported, a customer managed key is checked. */
function checkKeyType(r: Resource, ctx: CheckContext, block: Val, at: Node, names: Names, absentType: string | undefined): void {
  const subject = `Firehose delivery stream ${r.id}`;
  const shown = (leaf: string) => `${names.block}.${leaf}`;
  for (const t of block.get(names.type).each()) {
    if (t.isAbsent) {
      if (absentType === undefined) ctx.report(missingAt(t, at), `${subject} does not set ${shown(names.type)}, ${UNENCRYPTED}.`);
      else ctx.report(missingAt(t, at), `${subject} does not set ${shown(names.type)}, which defaults to ${absentType}, ${OWNED}.`);
    } else if (isOneOf(t, 'AWS_OWNED_CMK')) {
      ctx.report(t, `${subject} sets ${shown(names.type)} to AWS_OWNED_CMK, ${OWNED}.`);
    } else if (isOneOf(t, 'CUSTOMER_MANAGED_CMK')) {
      const arn = block.get(names.arn);
      const bad = arn.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
      if (!bad) continue;
      if (bad.isAbsent) ctx.report(bad.when.length > 0 ? bad : t, `${subject} sets ${shown(names.type)} to CUSTOMER_MANAGED_CMK without ${shown(names.arn)}, ${NO_ARN}.`);
      else ctx.report(bad, `${subject} sets ${shown(names.arn)} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, an AWS managed key, ${MANAGED}.`);
    }
  }
}

/** CloudFormation: the encryption input is on when written; KeyType is required in it. */
function cloudformation(r: Resource, ctx: CheckContext): void {
  if (!directPut(r)) return;
  for (const alt of r.body.get(CFN.block).each()) {
    if (alt.isAbsent) ctx.report(missingAt(alt, r.anchor), `Firehose delivery stream ${r.id} has no ${CFN.block}, ${UNENCRYPTED}.`);
  }
  const at = keyNode(r.body, CFN.block) ?? r.anchor;
  for (const b of blocks(r.body, CFN.block)) checkKeyType(r, ctx, b, at, CFN, undefined);
}

/** Terraform: `enabled` defaults to false and `key_type` to AWS_OWNED_CMK. */
function terraform(r: Resource, ctx: CheckContext): void {
  if (!directPut(r)) return;
  const subject = `Firehose delivery stream ${r.id}`;
  const at = keyNode(r.body, TF.block) ?? r.anchor;
  for (const alt of r.body.get(TF.block).each()) {
    const found = alt.list().filter((b) => b.isMap);
    if (alt.isAbsent || (found.length === 0 && alt.isSeq)) {
      ctx.report(missingAt(alt, r.anchor), `${subject} has no ${TF.block}, ${UNENCRYPTED}.`);
      continue;
    }
    for (const b of found) {
      for (const e of b.get('enabled').each()) {
        if (e.isAbsent) ctx.report(missingAt(e, at), `${subject} does not set ${TF.block}.enabled, which defaults to false, ${UNENCRYPTED}.`);
        else if (e.isFalse()) ctx.report(e, `${subject} sets ${TF.block}.enabled to false, ${UNENCRYPTED}.`);
        else if (e.isTrue()) checkKeyType(r, ctx, b, at, TF, 'AWS_OWNED_CMK');
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-238',
  slug: 'firehose-no-cmk',
  title: 'Firehose delivery stream is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'A Firehose stream that receives records directly (Direct PUT) encrypts the records it buffers only with server-side encryption, whose key is an AWS owned key unless you choose a customer managed key. An AWS owned key is not in your account: a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the buffered records.',
  remediation: 'Set DeliveryStreamEncryptionConfigurationInput with KeyType CUSTOMER_MANAGED_CMK and KeyARN (server_side_encryption with enabled = true, key_type = "CUSTOMER_MANAGED_CMK" and key_arn) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the records a Direct PUT stream buffers when asked, with an AWS owned key unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_241'] },
  docs: [
    'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html',
    'https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamEncryptionConfigurationInput.html',
    cfnGuideDoc('aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput'),
    tfDoc('kinesis_firehose_delivery_stream', 'server_side_encryption'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::KinesisFirehose::DeliveryStream'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_kinesis_firehose_delivery_stream'], run: terraform },
  },
});
