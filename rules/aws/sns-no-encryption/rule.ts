// CL-AWS-059: SNS topics without server-side encryption (SNS has no default encryption at rest).
import { AT_REST, cfnGuideDoc, type CheckContext, chooseFix, defineRule, missingAt, placeholder, type Resource, tfDoc } from '../../kit';

/** The AWS managed key for SNS, as a placeholder the user may replace with a customer managed key. */
const KEY = placeholder('alias/aws/sns');

function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    for (const v of r.body.get(key).each()) {
      const fix = () => chooseFix(ctx, r, v, [key], KEY, `Set ${key} to a KMS key (alias/aws/sns or your own)`);
      if (v.isAbsent) ctx.report(missingAt(v, r.anchor), `SNS topic ${r.id} has no ${key}, so its messages are stored without server-side encryption until they are delivered.`, { fix: fix() });
      else if (v.str() === '') ctx.report(v, `SNS topic ${r.id} sets ${key} to an empty string, so its messages are stored without server-side encryption until they are delivered.`, { fix: fix() });
    }
  };
}

export default defineRule({
  id: 'CL-AWS-059',
  slug: 'sns-no-encryption',
  title: 'SNS topic has no server-side encryption',
  severity: 'medium',
  fixable: true,
  description:
    'SNS does not encrypt messages at rest by default: server-side encryption is on only when the topic names a KMS key. Without it, messages waiting for delivery (and retries) are stored unencrypted.',
  remediation: 'Set KmsMasterKeyId (kms_master_key_id) to a KMS key: a customer managed key, or alias/aws/sns for the AWS managed key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the topics and, when a KMS key is set, encrypts messages as soon as it receives them',
    customer: 'turning server-side encryption on by choosing a KMS key is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_26'],
    kics: ['9d13b150-a2ab-42a1-b6f4-142e41f81e52', '28545147-2fc6-42d5-a1f9-cf226658e591'],
    trivy: ['aws-sns-enable-topic-encryption'],
    cfnNag: ['W47'],
  },
  docs: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    cfnGuideDoc('aws-resource-sns-topic', 'cfn-sns-topic-kmsmasterkeyid'),
    tfDoc('sns_topic', 'kms_master_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SNS::Topic'], run: check('KmsMasterKeyId') },
    terraform: { reads: 'resource', types: ['aws_sns_topic'], run: check('kms_master_key_id') },
  },
});
