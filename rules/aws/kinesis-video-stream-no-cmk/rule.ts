// CL-AWS-241: Kinesis video streams encrypted with the AWS managed key aws/kinesisvideo instead of a customer managed
// KMS key.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const KEY = 'the AWS managed key aws/kinesisvideo, whose policy you cannot change and whose use you cannot revoke';

const retaining = cmkCheck({ subject: 'Kinesis video stream', consequence: `so the media it retains is encrypted with ${KEY}`, fix: false });

/** A stream known to retain nothing (retention 0, the default) stores no media now; the key is fixed at creation. */
const notRetaining = cmkCheck({
  subject: 'Kinesis video stream',
  consequence: `so any media it retains is encrypted with ${KEY}: it retains none now (data retention 0 hours), but the key cannot be changed once the stream exists`,
  fix: false,
});

function check(names: { key: string; retention: string }) {
  const some = retaining(names.key);
  const none = notRetaining(names.key);
  return (r: Resource, ctx: CheckContext) => {
    const hours = r.body.get(names.retention).each();
    const zero = hours.length > 0 && hours.every((h) => h.isAbsent || h.num() === 0);
    (zero ? none : some)(r, ctx);
  };
}

export default defineRule({
  id: 'CL-AWS-241',
  slug: 'kinesis-video-stream-no-cmk',
  title: 'Kinesis video stream is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Kinesis Video Streams encrypts the media a stream retains with the AWS managed key aws/kinesisvideo unless you name a KMS key when creating the stream. The media is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the recorded video.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the stream.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the media a stream retains, with the AWS managed key aws/kinesisvideo unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_177'] },
  docs: [
    'https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/how-kms.html',
    cfnGuideDoc('aws-resource-kinesisvideo-stream', 'cfn-kinesisvideo-stream-kmskeyid'),
    tfDoc('kinesis_video_stream', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::KinesisVideo::Stream'], run: check({ key: 'KmsKeyId', retention: 'DataRetentionInHours' }) },
    terraform: { reads: 'scope', types: ['aws_kinesis_video_stream'], run: check({ key: 'kms_key_id', retention: 'data_retention_in_hours' }) },
  },
});
