// CL-AWS-229: RDS DB instances and clusters with Performance Insights on whose data is encrypted with the AWS managed
// key aws/rds instead of a customer managed KMS key.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck, isOn } from '../../lib/encryption';

interface Names {
  readonly flag: string;
  readonly key: string;
}

const NAMES: Readonly<Record<string, Names>> = {
  'AWS::RDS::DBInstance': { flag: 'EnablePerformanceInsights', key: 'PerformanceInsightsKMSKeyId' },
  'AWS::RDS::DBCluster': { flag: 'PerformanceInsightsEnabled', key: 'PerformanceInsightsKmsKeyId' },
  aws_db_instance: { flag: 'performance_insights_enabled', key: 'performance_insights_kms_key_id' },
  aws_rds_cluster: { flag: 'performance_insights_enabled', key: 'performance_insights_kms_key_id' },
  aws_rds_cluster_instance: { flag: 'performance_insights_enabled', key: 'performance_insights_kms_key_id' },
};

const CLUSTERS = new Set(['AWS::RDS::DBCluster', 'aws_rds_cluster']);

/**
 * Only a resource whose Performance Insights flag is known to be on in every alternative is checked (off, absent,
 * unknown or on in one branch only: nothing to report). The key check is `cmkCheck`: absent, empty or an AWS managed
 * alias (in Terraform also through a data source that looks one up) is reported; unknown keys never are. No fix: there
 * is no key to name for the user, and the key of Performance Insights cannot be changed once it is on.
 */
function run(r: Resource, ctx: CheckContext): void {
  const names = NAMES[r.type];
  if (!isOn(r, names.flag)) return;
  cmkCheck({
    subject: CLUSTERS.has(r.type) ? 'RDS DB cluster' : 'RDS DB instance',
    consequence: `and ${names.flag} is true, so its Performance Insights data (including the text of the SQL statements it runs) is encrypted with the AWS managed key aws/rds, whose policy you cannot change and whose use you cannot revoke`,
    fix: false,
  })(names.key)(r, ctx);
}

export default defineRule({
  id: 'CL-AWS-229',
  slug: 'rds-performance-insights-no-cmk',
  title: 'RDS Performance Insights data is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Performance Insights stores the database load, wait events and the text of the SQL statements run, encrypted with the KMS key named for it or, when none is named, with the AWS managed key aws/rds. The data is encrypted either way; a customer managed key lets you decide in its key policy who may read it, audit its use and revoke access.',
  remediation: 'Set PerformanceInsightsKMSKeyId (DB clusters: PerformanceInsightsKmsKeyId; performance_insights_kms_key_id) to a customer managed KMS key when turning Performance Insights on.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts Performance Insights data at rest, with the AWS managed key aws/rds unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may read the data and when access can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_354'], trivy: ['aws-rds-performance-insights-encryption-customer-key'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.cmk-policy.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-performanceinsightskmskeyid'),
    cfnGuideDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-performanceinsightskmskeyid'),
    tfDoc('db_instance', 'performance_insights_kms_key_id'),
    tfDoc('rds_cluster', 'performance_insights_kms_key_id'),
    tfDoc('rds_cluster_instance', 'performance_insights_kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], run },
    terraform: { reads: 'scope', types: ['aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance'], run },
  },
});
