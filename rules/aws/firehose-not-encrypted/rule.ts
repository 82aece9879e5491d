// CL-AWS-150: Firehose delivery streams (Direct PUT) without server-side encryption.
import { AT_REST, cfnGuideDoc, defineRule, isSet, type Resource, type SettingSpec, tfDoc } from '../../kit';
import { allSettings } from '../../lib/encryption';

/** Streams that read from a Kinesis data stream or MSK take their encryption from the source: SSE cannot be set. */
function directPut(r: Resource): boolean {
  if (r.format === 'cloudformation') {
    const t = r.body.get('DeliveryStreamType');
    if (t.isUnknown) return false;
    const s = t.str();
    return s === undefined || s === 'DirectPut';
  }
  return !isSet(r.body.get('kinesis_source_configuration')) && !isSet(r.body.get('msk_source_configuration'));
}

const CONSEQUENCE = 'so the records it buffers are not encrypted with a KMS key';

const CFN: SettingSpec = {
  subject: 'Firehose delivery stream',
  consequence: CONSEQUENCE,
  // The fix asks for the AWS owned key: no key of yours to fill in, and no permission to grant.
  want: 'AWS_OWNED_CMK',
  ok: (v) => (v.str() === undefined ? undefined : true),
  absentMeans: 'none',
  appliesTo: directPut,
  formats: { cloudformation: { types: ['AWS::KinesisFirehose::DeliveryStream'], path: ['DeliveryStreamEncryptionConfigurationInput', 'KeyType'] } },
};

const TF: SettingSpec = {
  subject: 'Firehose delivery stream',
  consequence: CONSEQUENCE,
  want: true,
  absentMeans: false,
  appliesTo: directPut,
  formats: { terraform: { types: ['aws_kinesis_firehose_delivery_stream'], path: ['server_side_encryption', 'enabled'], absentInBlockMeans: false } },
};

export default defineRule({
  id: 'CL-AWS-150',
  slug: 'firehose-not-encrypted',
  title: 'Firehose delivery stream is not encrypted at rest',
  severity: 'medium',
  fixable: true,
  description:
    'A Firehose stream that receives records directly (Direct PUT) buffers them for up to 24 hours before delivery. Without server-side encryption, that buffered data is not encrypted with a KMS key.',
  remediation: 'Set DeliveryStreamEncryptionConfigurationInput with KeyType (server_side_encryption with enabled = true and key_type), ideally CUSTOMER_MANAGED_CMK with a key of yours.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS runs the streams and, when asked, encrypts buffered records with a KMS key',
    customer: 'turning server-side encryption on, and choosing its key, is yours',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_240'], kics: ['5c6dd5e7-1fe0-4cae-8f81-4c122717cef3'], cfnNag: ['W88'] },
  docs: [
    'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html',
    cfnGuideDoc('aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput'),
    tfDoc('kinesis_firehose_delivery_stream', 'server_side_encryption'),
  ],
  checks: { cloudformation: allSettings([CFN], 'cloudformation'), terraform: allSettings([TF], 'terraform') },
});
