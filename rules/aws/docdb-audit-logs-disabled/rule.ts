// CL-AWS-182: a DocumentDB cluster that does not export its audit log to CloudWatch Logs.
import { AUDIT_LOGGING, cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { exportCheck } from '../../lib/logging';

const CONSEQUENCE = 'so its audit events (sign-ins, DDL, user management) are not kept in CloudWatch Logs';

export default defineRule({
  id: 'CL-AWS-182',
  slug: 'docdb-audit-logs-disabled',
  title: 'DocumentDB cluster does not export audit logs',
  severity: 'low',
  fixable: true,
  description:
    'DocumentDB records authentication attempts, DDL and user and role changes in its audit log only when the log is exported to CloudWatch Logs (and auditing is on in the cluster parameter group). Without it there is no record of who signed in or changed the database.',
  remediation: 'Add audit to EnableCloudwatchLogsExports (enabled_cloudwatch_logs_exports) and set audit_logs to enabled in the cluster parameter group.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the cluster and delivers the audit events to CloudWatch Logs once you turn auditing on',
    customer: 'turning on the audit log and its export, and keeping and reviewing it, are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_85'],
    kics: ['1bf3b3d4-f373-4d7c-afbb-7d85948a67a5', '56f6a008-1b14-4af4-b9b2-ab7cf7e27641'],
    trivy: ['aws-documentdb-enable-log-export'],
  },
  docs: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html',
    cfnGuideDoc('aws-resource-docdb-dbcluster', 'cfn-docdb-dbcluster-enablecloudwatchlogsexports'),
    tfDoc('docdb_cluster', 'enabled_cloudwatch_logs_exports'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::DocDB::DBCluster'],
      run: exportCheck({ subject: 'DocumentDB cluster', key: 'EnableCloudwatchLogsExports', log: 'audit', consequence: CONSEQUENCE }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_docdb_cluster'],
      run: exportCheck({ subject: 'DocumentDB cluster', key: 'enabled_cloudwatch_logs_exports', log: 'audit', consequence: CONSEQUENCE }),
    },
  },
});
