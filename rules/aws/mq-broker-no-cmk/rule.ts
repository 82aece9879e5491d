// CL-AWS-220: ActiveMQ brokers whose data is encrypted at rest with an AWS owned key or the AWS managed key aws/mq
// instead of a customer managed KMS key (RabbitMQ brokers cannot use a key of yours).
import { cfnDoc, type CheckContext, defineRule, iso27001, isOneOf, keyNode, missingAt, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const OWNED = 'so its data is encrypted at rest with an AWS owned key, which is not in your account: you cannot see its policy, audit its use or revoke it';
const MANAGED = 'so its data is encrypted at rest with the AWS managed key aws/mq, whose policy you cannot change and whose use you cannot revoke';

interface Names {
  readonly engine: string;
  readonly options: string;
  readonly owned: string;
  readonly key: string;
}

function check(names: Names) {
  const shown = (leaf: string) => `${names.options}.${leaf}`;
  return (r: Resource, ctx: CheckContext) => {
    // Only ActiveMQ brokers take a key: RabbitMQ brokers always use an AWS owned key. An unknown engine is not judged.
    const engine = r.body.get(names.engine);
    if (engine.each().length !== 1 || !isOneOf(engine, 'ACTIVEMQ')) return;
    const subject = `ActiveMQ broker ${r.id}`;
    const options = r.body.get(names.options);
    for (const alt of options.each()) {
      if (alt.isAbsent) {
        ctx.report(missingAt(alt, r.anchor), `${subject} has no ${names.options}, ${OWNED}.`);
        continue;
      }
      const blocks = alt.list().filter((b) => b.isMap);
      const at = keyNode(r.body, names.options) ?? r.anchor;
      // An empty list (a plan of a broker that writes no block) is no block.
      if (blocks.length === 0 && alt.isSeq) ctx.report(at, `${subject} has no ${names.options}, ${OWNED}.`);
      for (const block of blocks) checkOptions(r, ctx, block, at, subject, names, shown);
    }
  };
}

function checkOptions(r: Resource, ctx: CheckContext, block: Val, at: Node, subject: string, names: Names, shown: (leaf: string) => string): void {
  const owned = block.get(names.owned);
  for (const o of owned.each()) {
    if (o.isTrue()) {
      ctx.report(o, `${subject} sets ${shown(names.owned)} to true, ${OWNED}.`);
    } else if (o.isAbsent) {
      // UseAwsOwnedKey (use_aws_owned_key) defaults to true.
      ctx.report(missingAt(o, at), `${subject} does not set ${shown(names.owned)}, which defaults to true, ${OWNED}.`);
    } else if (o.isFalse()) {
      const key = block.get(names.key);
      const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
      if (!bad) continue;
      if (bad.isAbsent) ctx.report(bad.when.length > 0 ? bad : o, `${subject} sets ${shown(names.owned)} to false without ${shown(names.key)}, ${MANAGED}.`);
      else ctx.report(bad, `${subject} sets ${shown(names.key)} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${MANAGED}.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-220',
  slug: 'mq-broker-no-cmk',
  title: 'Amazon MQ broker is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Amazon MQ always encrypts the data an ActiveMQ broker stores, with an AWS owned key unless you ask for a KMS key: the AWS managed key aws/mq, or a key of yours. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the messages the broker stores.',
  remediation: 'Create the ActiveMQ broker with EncryptionOptions UseAwsOwnedKey false and KmsKeyId (encryption_options with use_aws_owned_key = false and kms_key_id) set to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts the broker storage, with an AWS owned key unless you choose aws/mq or a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_209'], cfnNag: ['W53'] },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/data-protection.html',
    cfnDoc('aws-properties-amazonmq-broker-encryptionoptions'),
    tfDoc('mq_broker', 'encryption_options'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::AmazonMQ::Broker'], run: check({ engine: 'EngineType', options: 'EncryptionOptions', owned: 'UseAwsOwnedKey', key: 'KmsKeyId' }) },
    terraform: { reads: 'scope', types: ['aws_mq_broker'], run: check({ engine: 'engine_type', options: 'encryption_options', owned: 'use_aws_owned_key', key: 'kms_key_id' }) },
  },
});
