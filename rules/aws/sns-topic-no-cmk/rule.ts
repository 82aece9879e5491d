// CL-AWS-228: SNS topics encrypted with the AWS managed key aws/sns (or not encrypted at all) instead of a customer
// managed KMS key.
import { type CheckContext, cfnGuideDoc, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const MANAGED = 'so its messages are encrypted with the AWS managed key aws/sns, whose policy you cannot change and whose use you cannot revoke';
const NONE = 'so its messages are not encrypted at rest at all (see CL-AWS-059), let alone with a key whose policy you control';

/**
 * The key check. A topic without a key is not encrypted at all (CL-AWS-059's finding); it is still reported here, with
 * that said, as CL-AWS-219 does for SQS: CL-AWS-059's fix (the placeholder alias/aws/sns) must not leave a new finding
 * behind. Unknown values (a parameter, another resource's ARN, a value known after apply) are never reported.
 */
function check(key: string) {
  return (r: Resource, ctx: CheckContext) => {
    const v = r.body.get(key);
    const bad = v.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
    if (!bad) return;
    if (bad.isAbsent) ctx.report(v.alts.length === 1 ? r.anchor : bad, `SNS topic ${r.id} has no ${key}, ${NONE}.`);
    else if (bad.str() === '') ctx.report(bad, `SNS topic ${r.id} sets ${key} to an empty string, ${NONE}.`);
    else ctx.report(bad, `SNS topic ${r.id} sets ${key} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${MANAGED}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-228',
  slug: 'sns-topic-no-cmk',
  title: 'SNS topic is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'An SNS topic that names the AWS managed key aws/sns is encrypted, but with a key whose policy you cannot change: you cannot decide who may use it, and publishers in other accounts and AWS services such as CloudWatch alarms and S3 event notifications cannot publish to the topic. A customer managed key lets you decide in its key policy who may publish and read, audit its use and revoke access.',
  remediation: 'Set KmsMasterKeyId (kms_master_key_id) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the messages of a topic at rest with the KMS key you name, and not at all when you name none',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { kics: ['b1a72f66-2236-4f3b-87ba-0da1b366956f'], trivy: ['aws-sns-topic-encryption-use-cmk'] },
  docs: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    'https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html',
    cfnGuideDoc('aws-resource-sns-topic', 'cfn-sns-topic-kmsmasterkeyid'),
    tfDoc('sns_topic', 'kms_master_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SNS::Topic'], run: check('KmsMasterKeyId') },
    terraform: { reads: 'scope', types: ['aws_sns_topic'], run: check('kms_master_key_id') },
  },
});
