// CL-AWS-186: a Redshift cluster or Redshift Serverless namespace without audit logging (connection, user and user
// activity logs).
import { addPath, AUDIT_LOGGING, cfnDoc, cfnGuideDoc, type CheckContext, defineRule, missingAt, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so connections, authentication attempts and changes to database users are not recorded';
const NO_EXPORT = 'so it exports no audit log and connections, authentication attempts and changes to database users are not recorded';

/** The log types a Redshift Serverless namespace can export (all three: what the fix writes). */
const LOG_TYPES = ['userlog', 'connectionlog', 'useractivitylog'];

/**
 * A Redshift Serverless namespace exports no audit log unless LogExports (log_exports) names some: absent, or an
 * empty list (the API's way to stop exporting), is reported; a list with any log type is audit logging on, as any
 * LoggingProperties is for a provisioned cluster.
 */
function namespace(r: Resource, ctx: CheckContext, key: string): void {
  const v = r.body.get(key);
  for (const alt of v.each()) {
    if (alt.isUnknown) continue;
    const title = `Set ${key} to export the user, connection and user activity logs`;
    if (alt.isAbsent) {
      // Not through an Fn::If branch that removes the list: the condition is the user's.
      const edits = alt.when.length ? undefined : addPath(ctx.edits, r, [key], LOG_TYPES);
      ctx.report(missingAt(alt, r.anchor), `Redshift Serverless namespace ${r.id} does not set ${key}, ${NO_EXPORT}.`, { fix: { title, edits } });
    } else if (alt.isSeq && alt.items().length === 0) {
      // setValue refuses a list from a parameter default or a branch.
      ctx.report(alt, `Redshift Serverless namespace ${r.id} sets ${key} to an empty list, ${NO_EXPORT}.`, { fix: { title, edits: ctx.edits.setValue(alt, LOG_TYPES) } });
    }
  }
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::RedshiftServerless::Namespace') return namespace(r, ctx, 'LogExports');
  const props = r.body.get('LoggingProperties');
  const bad = props.find((p) => p.isAbsent);
  if (!bad) return;
  ctx.report(props.alts.length === 1 ? r.anchor : bad, `Redshift cluster ${r.id} does not set LoggingProperties, ${CONSEQUENCE}.`);
}

/** Terraform: the cluster's `logging` block (provider v5 and earlier) or an `aws_redshift_logging` resource for it. */
function terraform(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_redshiftserverless_namespace') return namespace(r, ctx, 'log_exports');
  if (!r.body.get('dynamic').get('logging').isAbsent) return;
  const logging = r.body.get('logging');
  if (logging.isUnknown) return;
  const blocks = logging.list();
  for (const block of blocks) {
    const enable = block.get('enable');
    if (enable.isFalse() && !ctx.referrers(r, ['aws_redshift_logging'], 'cluster_identifier').length) {
      ctx.report(enable, `Redshift cluster ${r.id} sets logging.enable to false, ${CONSEQUENCE}.`);
    }
  }
  if (blocks.length || ctx.referrers(r, ['aws_redshift_logging'], 'cluster_identifier').length) return;
  ctx.report(r.anchor, `Redshift cluster ${r.id} has no logging block and no aws_redshift_logging resource, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-186',
  slug: 'redshift-audit-logging-disabled',
  title: 'Redshift cluster or Serverless namespace has audit logging disabled',
  severity: 'low',
  fixable: true,
  description:
    'Redshift audit logging writes the connection log (every connection and authentication attempt), the user log (changes to database users) and, with enable_user_activity_logging, every query, to S3 or CloudWatch Logs; a Redshift Serverless namespace exports the same logs to CloudWatch Logs. It is off unless configured, and the system tables that hold the same data keep only a few days.',
  remediation:
    'Set LoggingProperties (a logging block, or an aws_redshift_logging resource) with an S3 bucket or LogDestinationType cloudwatch on a cluster, and LogExports (log_exports) with userlog, connectionlog and useractivitylog on a Serverless namespace.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the cluster and writes the audit logs to the destination you configure',
    customer: 'turning audit logging on, choosing and protecting its destination, and keeping and reviewing the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_71'],
    kics: ['3de2d4ff-fe53-4fc9-95d3-2f8a69bf90d6', '15ffbacc-fa42-4f6f-a57d-2feac7365caa'],
  },
  docs: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html',
    cfnGuideDoc('aws-resource-redshift-cluster', 'cfn-redshift-cluster-loggingproperties'),
    tfDoc('redshift_logging'),
    'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateNamespace.html',
    cfnDoc('aws-resource-redshiftserverless-namespace', 'cfn-redshiftserverless-namespace-logexports'),
    tfDoc('redshiftserverless_namespace', 'log_exports'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Namespace'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_redshift_cluster', 'aws_redshiftserverless_namespace'], run: terraform },
  },
});
