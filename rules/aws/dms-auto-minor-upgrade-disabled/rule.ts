// CL-AWS-252: a DMS replication instance that does not take minor engine upgrades in its maintenance window.
import { cfnDoc, defineRule, PATCHING, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-252',
  slug: 'dms-auto-minor-upgrade-disabled',
  title: 'DMS replication instance has automatic minor version upgrades disabled',
  severity: 'low',
  fixable: true,
  description:
    'With automatic minor version upgrades, AWS DMS applies new minor versions of its replication engine, which carry security and bug fixes, during the maintenance window. Without them the replication instance, which holds credentials to your source and target databases, stays on its current engine version until someone upgrades it.',
  remediation: 'Set AutoMinorVersionUpgrade (auto_minor_version_upgrade) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS builds new minor versions of the replication engine and applies them in your maintenance window when you allow it',
    customer: 'allowing those upgrades, or applying them yourself, is yours',
  },
  frameworks: PATCHING,
  equivalents: { checkov: ['CKV_AWS_222'] },
  docs: [
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.Modifying.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html',
    cfnDoc('aws-resource-dms-replicationinstance', 'cfn-dms-replicationinstance-autominorversionupgrade'),
    tfDoc('dms_replication_instance', 'auto_minor_version_upgrade'),
  ],
  checks: settingChecks({
    subject: 'DMS replication instance',
    consequence: 'so minor engine versions with security fixes are not applied in its maintenance window',
    want: true,
    absentMeans: null,
    formats: {
      // The DMS API turns upgrades on when AutoMinorVersionUpgrade is omitted ("This parameter defaults to true").
      cloudformation: { types: ['AWS::DMS::ReplicationInstance'], path: ['AutoMinorVersionUpgrade'], absentMeans: true },
      // The provider sends false when auto_minor_version_upgrade is omitted (documented "Default: false").
      terraform: { types: ['aws_dms_replication_instance'], path: ['auto_minor_version_upgrade'], absentMeans: false },
    },
  }),
});
