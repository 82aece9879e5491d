// CL-AWS-058: SQS queues that switch off the default SSE-SQS encryption without using SSE-KMS instead.
import { AT_REST, cfnGuideDoc, defineRule, isSet, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-058',
  slug: 'sqs-no-encryption',
  title: 'SQS queue has server-side encryption switched off',
  severity: 'medium',
  fixable: true,
  description:
    'New SQS queues are encrypted at rest with SQS owned keys (SSE-SQS) by default. A queue that sets SqsManagedSseEnabled to false and has no KMS key opts out of that default and stores its messages unencrypted.',
  remediation: 'Remove SqsManagedSseEnabled: false (sqs_managed_sse_enabled = false) or set it to true, or set KmsMasterKeyId (kms_master_key_id) to use SSE-KMS.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts messages of new queues at rest with SQS owned keys by default',
    customer: 'keeping that default on, or choosing a KMS key instead, is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_27'],
    kics: ['12726829-93ed-4d51-9cbe-13423f4299e1', '6e8849c1-3aa7-40e3-9063-b85ee300f29f'],
    trivy: ['aws-sqs-enable-queue-encryption'],
  },
  docs: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    cfnGuideDoc('aws-resource-sqs-queue', 'cfn-sqs-queue-sqsmanagedsseenabled'),
    tfDoc('sqs_queue', 'sqs_managed_sse_enabled'),
  ],
  checks: settingChecks({
    subject: 'SQS queue',
    consequence: (r) => `so, without ${r.format === 'cloudformation' ? 'KmsMasterKeyId' : 'kms_master_key_id'}, its messages are stored unencrypted`,
    want: true,
    // SQS-managed encryption is on by default for new queues.
    absentMeans: null,
    // SSE-KMS (or an unknown key): encrypted, or not decidable here.
    appliesTo: (r) => !isSet(r.body.get(r.format === 'cloudformation' ? 'KmsMasterKeyId' : 'kms_master_key_id')),
    formats: {
      cloudformation: { types: ['AWS::SQS::Queue'], path: ['SqsManagedSseEnabled'] },
      terraform: { types: ['aws_sqs_queue'], path: ['sqs_managed_sse_enabled'] },
    },
  }),
});
