// CL-AWS-251: a Redshift cluster that opts out of engine version upgrades in its maintenance window (the default is to take them).
import { cfnDoc, defineRule, PATCHING, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-251',
  slug: 'redshift-version-upgrade-disabled',
  title: 'Redshift cluster does not allow version upgrades',
  severity: 'low',
  fixable: true,
  description:
    'With AllowVersionUpgrade on, Amazon Redshift applies new versions of its engine, which carry security and bug fixes, to the cluster during the maintenance window. The setting is on by default; turning it off keeps the cluster on its current version until someone upgrades it.',
  remediation: 'Set AllowVersionUpgrade (allow_version_upgrade) to true, or remove it to get the default (true).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS builds and tests new Redshift engine versions and applies them in your maintenance window when you allow it',
    customer: 'allowing those upgrades is your setting',
  },
  frameworks: PATCHING,
  equivalents: { checkov: ['CKV_AWS_141'] },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html',
    cfnDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-allowversionupgrade'),
    tfDoc('redshift_cluster', 'allow_version_upgrade'),
  ],
  checks: settingChecks({
    subject: 'Redshift cluster',
    consequence: 'so new engine versions with security fixes are not applied in its maintenance window',
    want: true,
    absentMeans: true,
    formats: {
      cloudformation: { types: ['AWS::Redshift::Cluster'], path: ['AllowVersionUpgrade'] },
      terraform: { types: ['aws_redshift_cluster'], path: ['allow_version_upgrade'] },
    },
  }),
});
