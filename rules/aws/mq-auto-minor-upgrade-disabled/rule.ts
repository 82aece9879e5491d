// CL-AWS-094: an Amazon MQ broker that opts out of automatic minor/patch engine upgrades.
import { cfnGuideDoc, defineRule, PATCHING, type Resource, settingChecks, tfDoc } from '../../kit';
import { compareVersions, parseVersion, versionText } from '../../lib/versions';

/** Engine versions from which AWS requires automatic minor version upgrades to be on. */
const REQUIRED_FROM: Readonly<Record<string, number[]>> = { activemq: [5, 18], rabbitmq: [3, 13] };

function requiresUpgrades(r: Resource): boolean {
  const cfn = r.format === 'cloudformation';
  const engine = r.body.get(cfn ? 'EngineType' : 'engine_type').str()?.toLowerCase();
  const version = versionText(r.body.get(cfn ? 'EngineVersion' : 'engine_version'));
  const from = engine ? REQUIRED_FROM[engine] : undefined;
  const parsed = version ? parseVersion(version) : undefined;
  return !!from && !!parsed && compareVersions(parsed, from) >= 0;
}

export default defineRule({
  id: 'CL-AWS-094',
  slug: 'mq-auto-minor-upgrade-disabled',
  title: 'Amazon MQ broker has automatic minor version upgrades disabled',
  severity: 'low',
  fixable: true,
  description:
    'With automatic minor version upgrades, Amazon MQ upgrades the broker to the newest supported patch version of its engine during the maintenance window. Turning it off leaves known engine vulnerabilities in place until someone upgrades by hand; for ActiveMQ 5.18+ and RabbitMQ 3.13+ AWS requires it to be on.',
  remediation: 'Set AutoMinorVersionUpgrade (auto_minor_version_upgrade) to true and pick a maintenance window that suits you.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS runs the broker hosts and supplies patched engine versions',
    customer: 'letting AWS apply them in your maintenance window, or upgrading yourself, is yours',
  },
  frameworks: PATCHING,
  equivalents: {
    checkov: ['CKV_AWS_207'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/upgrading-brokers.html',
    cfnGuideDoc('aws-resource-amazonmq-broker', 'cfn-amazonmq-broker-autominorversionupgrade'),
    tfDoc('mq_broker', 'auto_minor_version_upgrade'),
  ],
  checks: settingChecks({
    subject: 'Amazon MQ broker',
    consequence: (r) =>
      `so engine patch versions with security fixes are not applied in its maintenance window${requiresUpgrades(r) ? ' (and AWS rejects false for ActiveMQ 5.18+ and RabbitMQ 3.13+)' : ''}`,
    want: true,
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::AmazonMQ::Broker'], path: ['AutoMinorVersionUpgrade'] },
      terraform: { types: ['aws_mq_broker'], path: ['auto_minor_version_upgrade'] },
    },
  }),
});
