// CL-AWS-094: an Amazon MQ broker that opts out of automatic minor/patch engine upgrades.
import { type CheckContext, defineRule, type Resource } from '../../kit';
import { compareVersions, parseVersion, versionText } from '../../lib/versions';

/** Engine versions from which AWS requires automatic minor version upgrades to be on. */
const REQUIRED_FROM: Readonly<Record<string, number[]>> = { activemq: [5, 18], rabbitmq: [3, 13] };

function requiresUpgrades(r: Resource, engineKey: string, versionKey: string): boolean {
  const engine = r.body.get(engineKey).str()?.toLowerCase();
  const version = versionText(r.body.get(versionKey));
  const from = engine ? REQUIRED_FROM[engine] : undefined;
  const parsed = version ? parseVersion(version) : undefined;
  return !!from && !!parsed && compareVersions(parsed, from) >= 0;
}

function check(key: string, engineKey: string, versionKey: string) {
  return (r: Resource, ctx: CheckContext) => {
    const bad = r.body.get(key).find((v) => v.isFalse());
    if (!bad) return;
    const note = requiresUpgrades(r, engineKey, versionKey) ? ' (and AWS rejects false for ActiveMQ 5.18+ and RabbitMQ 3.13+)' : '';
    const edits = ctx.edits.setValue(bad, true);
    ctx.report(bad, `Amazon MQ broker ${r.id} sets ${key} to false, so engine patch versions with security fixes are not applied in its maintenance window${note}.`, {
      fix: edits && { title: `Set ${key} to true`, edits },
    });
  };
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
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SI-2'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.8'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_207'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/upgrading-brokers.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-amazonmq-broker.html#cfn-amazonmq-broker-autominorversionupgrade',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mq_broker#auto_minor_version_upgrade',
  ],
  checks: {
    cloudformation: { types: ['AWS::AmazonMQ::Broker'], run: check('AutoMinorVersionUpgrade', 'EngineType', 'EngineVersion') },
    terraform: { types: ['aws_mq_broker'], run: check('auto_minor_version_upgrade', 'engine_type', 'engine_version') },
  },
});
