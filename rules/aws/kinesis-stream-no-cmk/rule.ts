// CL-AWS-233: Kinesis data streams encrypted with the AWS managed key aws/kinesis instead of a customer managed KMS key.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, isOneOf, iso27001, missingAt, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck, nestedCmkCheck } from '../../lib/encryption';

const SPEC = {
  subject: 'Kinesis stream',
  consequence: 'so its records are at best encrypted with the AWS managed key aws/kinesis, whose policy you cannot change and whose use you cannot revoke',
  fix: false as const,
};

const UNENCRYPTED = 'so its records are not encrypted at all (see CL-AWS-060), let alone with a key whose policy you control';

// A branch without StreamEncryption is reported below, as unencrypted.
const cfnKey = nestedCmkCheck(SPEC, ['StreamEncryption', 'KeyId'], { missingBranches: false });
const tfKey = cmkCheck(SPEC)('kms_key_id');

/**
 * CloudFormation: a stream without StreamEncryption is not encrypted at all (CL-AWS-060's finding); it is reported
 * here too, with that said, so that CL-AWS-060's fix (StreamEncryption with alias/aws/kinesis) leaves no new finding.
 */
function cloudformation(r: Resource, ctx: CheckContext): void {
  for (const alt of r.body.get('StreamEncryption').each()) {
    if (alt.isAbsent) ctx.report(missingAt(alt, r.anchor), `Kinesis stream ${r.id} has no StreamEncryption, ${UNENCRYPTED}.`);
  }
  if (blocks(r.body, 'StreamEncryption').length > 0) cfnKey(r, ctx);
}

/** Terraform: encryption_type NONE (the default) is reported as unencrypted, KMS is checked for its key. */
function terraform(r: Resource, ctx: CheckContext): void {
  const type = r.body.get('encryption_type');
  if (type.alts.length !== 1 || type.isUnknown) return;
  if (type.isAbsent) ctx.report(r.anchor, `Kinesis stream ${r.id} does not set encryption_type, which defaults to NONE, ${UNENCRYPTED}.`);
  else if (isOneOf(type, 'NONE')) ctx.report(type, `Kinesis stream ${r.id} sets encryption_type to NONE, ${UNENCRYPTED}.`);
  else if (isOneOf(type, 'KMS')) tfKey(r, ctx);
}

export default defineRule({
  id: 'CL-AWS-233',
  slug: 'kinesis-stream-no-cmk',
  title: 'Kinesis data stream is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'A Kinesis data stream with server-side encryption names the KMS key its records are encrypted with: the AWS managed key aws/kinesis or a key of yours. The records are encrypted either way; a customer managed key lets you decide in its key policy who may write and read them, audit its use and revoke access to the stream.',
  remediation: 'Set StreamEncryption.KeyId (kms_key_id, with encryption_type = "KMS") to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the records of a stream at rest with the KMS key you name, aws/kinesis or a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_185'] },
  docs: [
    'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
    cfnGuideDoc('aws-properties-kinesis-stream-streamencryption'),
    tfDoc('kinesis_stream', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Kinesis::Stream'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_kinesis_stream'], run: terraform },
  },
});
