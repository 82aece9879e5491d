// CL-AWS-017: an SQS queue policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { PUBLIC_DATA_ACCESS, publicPolicyChecks, RESOURCE_POLICIES, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-017',
  slug: 'sqs-queue-policy-public',
  title: 'SQS queue policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A queue policy statement that allows Principal "*" without a Condition lets anyone send to, read from or purge the queue, depending on the actions it lists.',
  remediation: 'Name the principals that use the queue, or add a Condition such as aws:SourceArn (for an SNS topic or S3 bucket) or aws:SourceAccount.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the queues and enforces the queue policy on every request',
    'who may send and receive messages is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: {
    checkov: ['CKV_AWS_168', 'CKV_AWS_387'],
    kics: ['abb06e5f-ef9a-4a99-98c6-376d396bfcdf'],
    cfnNag: ['F21'],
  },
  docs: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    cfnGuideDoc('aws-resource-sqs-queuepolicy'),
    tfDoc('sqs_queue_policy'),
  ],
  checks: publicPolicyChecks(RESOURCE_POLICIES.sqs),
});
