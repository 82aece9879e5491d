// CL-AWS-186: a Redshift cluster without audit logging (connection, user and user activity logs).
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so connections, authentication attempts and changes to database users are not recorded';

function cloudformation(r: Resource, ctx: CheckContext): void {
  const props = r.body.get('LoggingProperties');
  const bad = props.find((p) => p.isAbsent);
  if (!bad) return;
  ctx.report(props.alts.length === 1 ? r.anchor : bad, `Redshift cluster ${r.id} does not set LoggingProperties, ${CONSEQUENCE}.`);
}

/** Terraform: the cluster's `logging` block (provider v5 and earlier) or an `aws_redshift_logging` resource for it. */
function terraform(r: Resource, ctx: CheckContext): void {
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
  title: 'Redshift cluster has audit logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'Redshift audit logging writes the connection log (every connection and authentication attempt), the user log (changes to database users) and, with enable_user_activity_logging, every query, to S3 or CloudWatch Logs. It is off unless configured, and the system tables that hold the same data keep only a few days.',
  remediation: 'Set LoggingProperties (a logging block, or an aws_redshift_logging resource) with an S3 bucket or LogDestinationType cloudwatch.',
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
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Redshift::Cluster'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_redshift_cluster'], run: terraform },
  },
});
