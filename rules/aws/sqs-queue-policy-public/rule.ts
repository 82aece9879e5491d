// CL-AWS-017: an SQS queue policy with an Allow to Principal "*" and no Condition that narrows who.
import { defineRule, type Resource } from '../../kit';
import { publicPolicyCheck } from '../../lib/iam';

/** Where each resource type holds its policy. */
const POLICY_ATTR: Record<string, string> = { 'AWS::SQS::QueuePolicy': 'PolicyDocument', 'AWS::SQS::QueueInlinePolicy': 'PolicyDocument', aws_sqs_queue_policy: 'policy', aws_sqs_queue: 'policy' };

const run = publicPolicyCheck('SQS queue policy', (r: Resource) => [r.body.get(POLICY_ATTR[r.type])]);

export default defineRule({
  id: 'CL-AWS-017',
  slug: 'sqs-queue-policy-public',
  title: 'SQS queue policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A queue policy statement that allows Principal "*" without a Condition lets anyone send to, read from or purge the queue, depending on the actions it lists.',
  remediation: 'Name the principals that use the queue, or add a Condition such as aws:SourceArn (for an SNS topic or S3 bucket) or aws:SourceAccount.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the queues and enforces the queue policy on every request',
    customer: 'who may send and receive messages is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.1'] },
  ],
  equivalents: { checkov: ['CKV_AWS_168'], kics: ['9b6a3f5b-5fd6-40ee-9bc0-ed604911212d', '730675f9-52ed-49b6-8ead-0acb5dd7df7f', 'abb06e5f-ef9a-4a99-98c6-376d396bfcdf'] },
  docs: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queuepolicy.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy',
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'], run },
    terraform: { reads: 'scope', types: ['aws_sqs_queue_policy', 'aws_sqs_queue'], run },
  },
});
