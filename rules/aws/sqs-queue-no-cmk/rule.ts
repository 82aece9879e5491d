// CL-AWS-219: SQS queues whose messages are not encrypted with a customer managed KMS key (SSE-SQS or aws/sqs).
import { type CheckContext, cfnGuideDoc, defineRule, iso27001, isSet, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'SQS queue',
  consequence: 'so its messages are encrypted with a key AWS owns or manages (SSE-SQS or aws/sqs), whose policy you cannot change and whose use you cannot revoke',
  fix: false,
});

/**
 * The key check. A queue that also switches SSE-SQS off is not encrypted at all (CL-AWS-058's finding); it is still
 * reported here, with that said, so that CL-AWS-058's fix (SSE-SQS back on) does not leave a new finding behind.
 */
const run = (names: { key: string; sse: string }) => {
  const keyCheck = check(names.key);
  return (r: Resource, ctx: CheckContext) => {
    const sse = r.body.get(names.sse).each();
    if (!isSet(r.body.get(names.key)) && sse.length > 0 && sse.every((v) => v.isFalse())) {
      ctx.report(r.anchor, `SQS queue ${r.id} has no ${names.key} and sets ${names.sse} to false, so its messages are not encrypted at all (see CL-AWS-058), let alone with a key whose policy you control.`);
      return;
    }
    keyCheck(r, ctx);
  };
};

export default defineRule({
  id: 'CL-AWS-219',
  slug: 'sqs-queue-no-cmk',
  title: 'SQS queue is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'An SQS queue without a KMS key of its own is encrypted with SQS owned keys (SSE-SQS, the default since 2022), or with the AWS managed key aws/sqs when that is named. The messages are encrypted either way; a customer managed key lets you decide in its key policy who may send and read them, audit its use and revoke access.',
  remediation: 'Set KmsMasterKeyId (kms_master_key_id) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the messages of new queues at rest with SQS owned keys, or with the KMS key you name',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { cfnNag: ['W48'] },
  docs: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html',
    cfnGuideDoc('aws-resource-sqs-queue', 'cfn-sqs-queue-kmsmasterkeyid'),
    tfDoc('sqs_queue', 'kms_master_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SQS::Queue'], run: run({ key: 'KmsMasterKeyId', sse: 'SqsManagedSseEnabled' }) },
    terraform: { reads: 'scope', types: ['aws_sqs_queue'], run: run({ key: 'kms_master_key_id', sse: 'sqs_managed_sse_enabled' }) },
  },
});
