// CL-AWS-093: an RDS database that opts out of automatic minor engine upgrades (the default is to take them).
import { cfnGuideDoc, cisAws, defineRule, PATCHING, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AWS-093',
  slug: 'rds-auto-minor-upgrade-disabled',
  title: 'RDS automatic minor version upgrades are disabled',
  severity: 'low',
  fixable: true,
  description:
    'With automatic minor version upgrades, RDS applies new minor engine versions, which carry security and bug fixes, during the maintenance window. The setting is on by default; turning it off leaves the engine on its current minor version until someone upgrades it or the version reaches end of support.',
  remediation: 'Set AutoMinorVersionUpgrade (auto_minor_version_upgrade) to true, or remove it to get the default (true).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS builds and tests new minor engine versions and applies them in your maintenance window when you allow it',
    customer: 'allowing those upgrades, or applying them yourself, is yours',
  },
  frameworks: [cisAws('2.3.2'), ...PATCHING],
  equivalents: {
    checkov: ['CKV_AWS_226'],
    kics: ['f0104061-8bfc-4b45-8a7d-630eb502f281', '3b6d777b-76e3-4133-80a3-0d6f667ade7f'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-autominorversionupgrade'),
  ],
  checks: settingChecks({
    subject: (r) => (/cluster$|DBCluster$/.test(r.type) ? 'RDS DB cluster' : 'RDS DB instance'),
    consequence: 'so minor engine versions with security fixes are not applied in its maintenance window',
    want: true,
    absentMeans: true,
    formats: {
      cloudformation: { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], path: ['AutoMinorVersionUpgrade'] },
      terraform: { types: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster'], path: ['auto_minor_version_upgrade'] },
    },
  }),
});
