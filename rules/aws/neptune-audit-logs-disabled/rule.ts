// CL-AWS-183: a Neptune cluster that does not export its audit log to CloudWatch Logs.
import { AUDIT_LOGGING, cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { exportCheck } from '../../lib/logging';

const CONSEQUENCE = 'so its audit log of connections and queries is not kept in CloudWatch Logs';

export default defineRule({
  id: 'CL-AWS-183',
  slug: 'neptune-audit-logs-disabled',
  title: 'Neptune cluster does not export audit logs',
  severity: 'low',
  fixable: true,
  description:
    'Neptune writes an audit log of client connections and queries when neptune_enable_audit_log is on in the cluster parameter group; exported to CloudWatch Logs it is kept beyond the instances and can be searched and alerted on. No logs are exported by default.',
  remediation: 'Add audit to EnableCloudwatchLogsExports (enable_cloudwatch_logs_exports) and set neptune_enable_audit_log to 1 in the cluster parameter group.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the cluster and publishes the audit log to CloudWatch Logs once you turn it on',
    customer: 'turning on the audit log and its export, and keeping and reviewing it, are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_101'],
    kics: ['63a847b2-3782-4dbb-b452-524bf038984b', '45cff7b6-3b80-40c1-ba7b-2cf480678bb8'],
    trivy: ['aws-neptune-enable-log-export'],
  },
  docs: [
    'https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html',
    cfnGuideDoc('aws-resource-neptune-dbcluster', 'cfn-neptune-dbcluster-enablecloudwatchlogsexports'),
    tfDoc('neptune_cluster', 'enable_cloudwatch_logs_exports'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::Neptune::DBCluster'],
      run: exportCheck({ subject: 'Neptune cluster', key: 'EnableCloudwatchLogsExports', log: 'audit', consequence: CONSEQUENCE }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_neptune_cluster'],
      run: exportCheck({ subject: 'Neptune cluster', key: 'enable_cloudwatch_logs_exports', log: 'audit', consequence: CONSEQUENCE }),
    },
  },
});
