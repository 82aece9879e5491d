// CL-AWS-226: a DocumentDB cluster parameter group whose audit_logs parameter leaves authentication and DDL unaudited.
import { addPath, AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, isOneOf, type Resource, settingChecks, tfDoc, type Val } from '../../kit';

const SUBJECT = 'DocumentDB cluster parameter group';
const CONSEQUENCE = 'so sign-ins, DDL and user and role changes in the clusters that use it are not audited';

/**
 * True when the comma-separated audit_logs value audits authentication, DDL and user management: `enabled` (the
 * original value), `ddl` or `all`. `none`, `disabled`, `dml_read` and `dml_write` alone do not.
 */
function audits(v: Val): boolean | undefined {
  const s = v.str();
  if (s === undefined) return undefined;
  return s.split(',').some((t) => ['enabled', 'ddl', 'all'].includes(t.trim().toLowerCase()));
}

/** Only `none`/`disabled` are replaced: a list of DML categories is the user's choice, which `enabled` would drop. */
const fixable = (v: Val): boolean => isOneOf(v, 'none', 'disabled', '');

function terraform(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('parameter').isAbsent) return;
  const parameters = r.body.get('parameter');
  if (parameters.isUnknown) return;
  const list = parameters.list();
  if (list.some((p) => p.isUnknown || p.get('name').isUnknown)) return;
  const param = list.find((p) => p.get('name').str() === 'audit_logs');
  if (!param) {
    // The kit adds a block where none is written; it never appends to written blocks.
    const edits = parameters.isAbsent ? addPath(ctx.edits, r, ['parameter'], { name: 'audit_logs', value: 'enabled' }) : undefined;
    ctx.report(r.anchor, `${SUBJECT} ${r.id} has no audit_logs parameter, which defaults to disabled, ${CONSEQUENCE}.`, {
      fix: { title: 'Add the audit_logs parameter set to enabled', edits },
    });
    return;
  }
  const bad = param.get('value').find((v) => audits(v) === false);
  if (!bad) return;
  ctx.report(bad, `${SUBJECT} ${r.id} sets the audit_logs parameter to ${bad.str()}, ${CONSEQUENCE}.`, {
    fix: { title: 'Set audit_logs to enabled', edits: fixable(bad) ? ctx.edits.setValue(bad, 'enabled') : undefined },
  });
}

export default defineRule({
  id: 'CL-AWS-226',
  slug: 'docdb-audit-parameter-disabled',
  title: 'DocumentDB cluster parameter group has auditing disabled',
  severity: 'low',
  fixable: true,
  description:
    'DocumentDB writes audit events (authentication attempts, DDL, user and role management) only when the audit_logs parameter of the cluster parameter group turns them on; it defaults to disabled. Exporting the audit log to CloudWatch Logs (CL-AWS-182) records nothing while the parameter is off.',
  remediation: 'Set the audit_logs parameter of the cluster parameter group to enabled (or ddl, or all; add dml_read and dml_write for reads and writes).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the cluster and records the audit events the parameter group asks for',
    customer: 'turning auditing on in the parameter group, and exporting, keeping and reviewing the log, are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_104'],
  },
  docs: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html',
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-parameter-group-parameters.html',
    cfnGuideDoc('aws-resource-docdb-dbclusterparametergroup', 'cfn-docdb-dbclusterparametergroup-parameters'),
    tfDoc('docdb_cluster_parameter_group', 'parameter'),
  ],
  checks: {
    cloudformation: settingChecks({
      subject: SUBJECT,
      consequence: CONSEQUENCE,
      want: 'enabled',
      absentMeans: 'disabled',
      ok: audits,
      fixWhen: fixable,
      formats: { cloudformation: { types: ['AWS::DocDB::DBClusterParameterGroup'], path: ['Parameters', 'audit_logs'] } },
    }).cloudformation!,
    terraform: { reads: 'resource', types: ['aws_docdb_cluster_parameter_group'], run: terraform },
  },
});
