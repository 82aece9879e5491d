// CL-AWS-060: Kinesis data streams without server-side encryption.
import { addPath, addProperties, AT_REST, blocks, cfnGuideDoc, defineRule, isOneOf, missingAt, tfDoc } from '../../kit';

/** The AWS managed key for Kinesis: producers and consumers need no further KMS permissions. */
const MANAGED_KEY = 'alias/aws/kinesis';

export default defineRule({
  id: 'CL-AWS-060',
  slug: 'kinesis-no-encryption',
  title: 'Kinesis data stream has no server-side encryption',
  severity: 'medium',
  fixable: true,
  description:
    'Kinesis Data Streams encrypts records at rest only when server-side encryption with a KMS key is turned on for the stream; otherwise records are stored unencrypted for the whole retention period.',
  remediation: 'Add StreamEncryption with EncryptionType KMS and a KeyId (encryption_type = "KMS" and kms_key_id), using alias/aws/kinesis or a customer managed key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the stream storage and, when asked, encrypts records with a KMS key before they are written',
    customer: 'turning server-side encryption on and choosing the key is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_43'],
    kics: ['7f65be75-90ab-4036-8c2a-410aef7bb650', '862fe4bf-3eec-4767-a517-40f378886b88'],
    trivy: ['aws-kinesis-enable-in-transit-encryption'],
    cfnNag: ['W49'],
  },
  docs: [
    'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
    cfnGuideDoc('aws-resource-kinesis-stream', 'cfn-kinesis-stream-streamencryption'),
    tfDoc('kinesis_stream', 'encryption_type'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::Kinesis::Stream'],
      run(r, ctx) {
        for (const alt of r.body.get('StreamEncryption').each()) {
          if (!alt.isAbsent) continue;
          const edits = alt.when.length ? undefined : addPath(ctx.edits, r, ['StreamEncryption'], { EncryptionType: 'KMS', KeyId: MANAGED_KEY });
          ctx.report(missingAt(alt, r.anchor), `Kinesis stream ${r.id} has no StreamEncryption, so its records are stored unencrypted.`, {
            fix: { title: `Add StreamEncryption with KMS and ${MANAGED_KEY}`, edits },
          });
        }
        for (const enc of blocks(r.body, 'StreamEncryption')) {
          const bad = enc.get('EncryptionType').find((t) => t.str() !== undefined && !isOneOf(t, 'KMS'));
          if (bad) ctx.report(bad, `Kinesis stream ${r.id} sets StreamEncryption EncryptionType to ${bad.str()}, so its records are stored unencrypted.`);
        }
      },
    },
    terraform: {
      reads: 'resource',
      types: ['aws_kinesis_stream'],
      run(r, ctx) {
        const type = r.body.get('encryption_type');
        if (type.isAbsent) {
          const keySet = !r.body.get('kms_key_id').isAbsent;
          const edits = addProperties(r, ctx.edits, keySet ? { encryption_type: 'KMS' } : { encryption_type: 'KMS', kms_key_id: MANAGED_KEY });
          ctx.report(r.anchor, `Kinesis stream ${r.id} does not set encryption_type (default NONE), so its records are stored unencrypted.`, {
            fix: { title: keySet ? 'Add encryption_type: KMS' : `Add encryption_type KMS with ${MANAGED_KEY}`, edits },
          });
        }
        else if (isOneOf(type, 'NONE')) ctx.report(type, `Kinesis stream ${r.id} sets encryption_type to NONE, so its records are stored unencrypted.`);
      },
    },
  },
});
