// CL-AWS-187: an MSK cluster that delivers its broker logs nowhere (CloudWatch Logs, Firehose or S3).
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, keyNode, type Resource, tfDoc, type Val } from '../../kit';

const CONSEQUENCE = 'so its broker logs (including authentication and authorization failures) are not kept';

interface Keys {
  readonly info: string;
  readonly broker: string;
  readonly destinations: readonly string[];
  readonly enabled: string;
}

const CFN: Keys = { info: 'LoggingInfo', broker: 'BrokerLogs', destinations: ['CloudWatchLogs', 'Firehose', 'S3'], enabled: 'Enabled' };
const TF: Keys = { info: 'logging_info', broker: 'broker_logs', destinations: ['cloudwatch_logs', 'firehose', 's3'], enabled: 'enabled' };

/** Collects the values at `keys` under `v` (blocks may be lists or `Fn::If` branches); false when a step is unknown. */
function walk(v: Val, keys: readonly string[], out: Val[]): boolean {
  if (v.some((x) => x.isUnknown)) return false;
  if (keys.length === 0) {
    out.push(...v.each().filter((x) => !x.isAbsent));
    return true;
  }
  for (const item of v.list()) if (!walk(item.get(keys[0]), keys.slice(1), out)) return false;
  return true;
}

function check(k: Keys) {
  return (r: Resource, ctx: CheckContext): void => {
    if (r.format !== 'cloudformation' && !r.body.get('dynamic').get(k.info).isAbsent) return;
    const values: Val[] = [];
    for (const d of k.destinations) if (!walk(r.body.get(k.info), [k.broker, d, k.enabled], values)) return;
    if (values.some((v) => !v.isFalse())) return;
    if (values.length) {
      ctx.report(values[0], `MSK cluster ${r.id} has no broker log destination enabled, ${CONSEQUENCE}.`);
      return;
    }
    ctx.report(keyNode(r.body, k.info) ?? r.anchor, `MSK cluster ${r.id} does not enable a destination under ${k.info}.${k.broker}, ${CONSEQUENCE}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-187',
  slug: 'msk-broker-logging-disabled',
  title: 'MSK cluster has broker logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'Amazon MSK delivers the Kafka broker logs, which record client connections, authentication failures and ACL denials, only to the destinations you enable (CloudWatch Logs, Kinesis Data Firehose or S3). Without one they are not kept.',
  remediation: 'Enable at least one destination under LoggingInfo.BrokerLogs (logging_info.broker_logs): CloudWatchLogs, Firehose or S3.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the Kafka brokers and delivers their logs to the destinations you enable',
    customer: 'choosing a destination, keeping the logs and reviewing them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_80'],
    kics: ['fc7c2c15-f5d0-4b80-adb2-c89019f8f62b', '2f56b7ab-7fba-4e93-82f0-247e5ddeb239'],
    trivy: ['aws-msk-enable-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html',
    cfnGuideDoc('aws-properties-msk-cluster-logginginfo'),
    tfDoc('msk_cluster', 'logging_info'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::MSK::Cluster'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_msk_cluster'], run: check(TF) },
  },
});
