// CL-AWS-188: an Amazon MQ broker without general logs, or an ActiveMQ broker without audit logs.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, checkSetting, defineRule, type Resource, type SettingSpec, tfDoc } from '../../kit';

/** ActiveMQ brokers have an audit log; RabbitMQ brokers only a general log. Unknown engines are not checked for it. */
function activeMq(r: Resource, key: string): boolean {
  return r.body.get(key).str()?.toLowerCase() === 'activemq';
}

const GENERAL: SettingSpec = {
  subject: 'MQ broker',
  consequence: 'so its connection, authentication and broker activity log is not kept in CloudWatch Logs',
  want: true,
  absentMeans: false,
  // Publishing needs a CloudWatch Logs resource policy for mq.amazonaws.com (ActiveMQ): not added blindly.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::AmazonMQ::Broker'], path: ['Logs', 'General'] },
    terraform: { types: ['aws_mq_broker'], path: ['logs', 'general'] },
  },
};

const AUDIT: SettingSpec = {
  ...GENERAL,
  consequence: 'so management actions on the broker (through JMX or the web console) are not recorded',
  formats: {
    cloudformation: { types: ['AWS::AmazonMQ::Broker'], path: ['Logs', 'Audit'], appliesTo: (r) => activeMq(r, 'EngineType') },
    terraform: { types: ['aws_mq_broker'], path: ['logs', 'audit'], appliesTo: (r) => activeMq(r, 'engine_type') },
  },
};

function check(format: 'cloudformation' | 'terraform') {
  return (r: Resource, ctx: CheckContext): void => {
    checkSetting(r, ctx, GENERAL, GENERAL.formats[format]!);
    if (AUDIT.formats[format]!.appliesTo!(r, ctx)) checkSetting(r, ctx, AUDIT, AUDIT.formats[format]!);
  };
}

export default defineRule({
  id: 'CL-AWS-188',
  slug: 'mq-broker-logging-disabled',
  title: 'Amazon MQ broker has general or audit logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'Amazon MQ publishes a broker\'s general log (connections, authentication, errors) and, for ActiveMQ, its audit log (management actions through JMX and the web console) to CloudWatch Logs only when they are turned on. Both are off by default.',
  remediation: 'Set Logs.General (logs.general) to true, and Logs.Audit (logs.audit) to true on ActiveMQ brokers, with a CloudWatch Logs resource policy that lets Amazon MQ write.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the broker and publishes its logs to CloudWatch Logs when they are turned on',
    customer: 'turning general and audit logs on, allowing Amazon MQ to write them, and reviewing them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_48', 'CKV_AWS_197'],
    kics: ['e519ed6a-8328-4b69-8eb7-8fa549ac3050', '31245f98-a6a9-4182-9fc1-45482b9d030a'],
    trivy: ['aws-mq-enable-audit-logging', 'aws-mq-enable-general-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html',
    cfnGuideDoc('aws-properties-amazonmq-broker-logslist'),
    tfDoc('mq_broker', 'logs'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::AmazonMQ::Broker'], run: check('cloudformation') },
    terraform: { reads: 'resource', types: ['aws_mq_broker'], run: check('terraform') },
  },
});
