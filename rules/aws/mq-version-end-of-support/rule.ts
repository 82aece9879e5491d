// CL-AWS-280: an Amazon MQ broker or configuration on an engine version past its end of support on Amazon MQ.
import { cfnDoc, type CheckContext, defineRule, PATCHING, type Resource, tfDoc } from '../../kit';
import { amazonMqVersionEnded, AS_OF, versionText } from '../../lib/versions';

interface Keys {
  readonly engine: string;
  readonly version: string;
}
const CFN: Keys = { engine: 'EngineType', version: 'EngineVersion' };
const TF: Keys = { engine: 'engine_type', version: 'engine_version' };

/** Broker or configuration, by resource type. */
function isConfiguration(r: Resource): boolean {
  return r.type === 'AWS::AmazonMQ::Configuration' || r.type === 'aws_mq_configuration';
}

function check(keys: Keys) {
  return (r: Resource, ctx: CheckContext) => {
    // An absent version is the engine's latest: nothing to report. An unknown engine type: which calendar is unknown.
    for (const engine of r.body.get(keys.engine).each()) {
      const type = engine.str();
      if (type === undefined) continue;
      for (const alt of r.body.get(keys.version).each()) {
        const text = versionText(alt);
        const found = text === undefined ? undefined : amazonMqVersionEnded(type, text);
        if (!found) continue;
        const { engine: name, ended } = found;
        const when = ended.endOfStandardSupport ? `ended on ${ended.endOfStandardSupport}` : `ended before ${ended.endedBefore}`;
        const message = isConfiguration(r)
          ? `Amazon MQ configuration ${r.id} is for ${name} ${ended.version}, whose support on Amazon MQ ${when}, so no broker can be created on it.`
          : `Amazon MQ broker ${r.id} runs ${name} ${ended.version}, whose support on Amazon MQ ${when}, so Amazon MQ upgrades it in a maintenance window and creates no new broker on it.`;
        ctx.report(alt, message);
        return;
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-280',
  slug: 'mq-version-end-of-support',
  title: 'Amazon MQ broker runs an engine version past end of support',
  severity: 'medium',
  fixable: false,
  description: `Amazon MQ ends support for each ActiveMQ and RabbitMQ minor version on a date it publishes; after it, the version gets no fixes, no new broker can be created on it, and Amazon MQ upgrades the remaining brokers itself within 45 days, in their maintenance windows. Dates are checked as of ${AS_OF}.`,
  remediation: 'Upgrade the broker (and its configuration) to a supported engine version: ActiveMQ 5.18 or later, RabbitMQ 3.13 or later (RabbitMQ one minor version at a time), and update EngineVersion (engine_version) to match.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS runs the broker hosts and patches the engine versions it supports',
    customer: 'choosing the engine version and upgrading the broker before its support ends is yours',
  },
  frameworks: PATCHING,
  equivalents: { checkov: ['CKV_AWS_208'] },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/activemq-version-management.html',
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/rabbitmq-version-management.html',
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/upgrading-brokers.html',
    cfnDoc('aws-resource-amazonmq-broker', 'cfn-amazonmq-broker-engineversion'),
    tfDoc('mq_broker', 'engine_version'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::AmazonMQ::Broker', 'AWS::AmazonMQ::Configuration'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_mq_broker', 'aws_mq_configuration'], run: check(TF) },
  },
});
