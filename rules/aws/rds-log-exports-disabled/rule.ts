// CL-AWS-090: an RDS DB instance or cluster that exports no logs to CloudWatch Logs.
import { addPath, cfnGuideDoc, type CheckContext, defineRule, nist, pci, type Resource, tfDoc, type Val } from '../../kit';

/** The engine's error log, which every engine version can export with no parameter or option group: what the fix adds. */
function errorLog(engine: Val): string | undefined {
  const e = engine.str()?.toLowerCase();
  if (e === undefined) return undefined;
  if (e === 'postgres' || e === 'aurora-postgresql') return 'postgresql';
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora-mysql' || e === 'aurora' || e.startsWith('sqlserver')) return 'error';
  if (e.startsWith('oracle')) return 'alert';
  return undefined;
}

const CONSEQUENCE = 'so its engine logs (errors, audit, slow queries) stay only briefly on the database host instead of CloudWatch Logs, where you can keep, search and alert on them';

interface Names {
  readonly exports: string;
  readonly cluster?: string;
  readonly engine: string;
  readonly engineMode: string;
}

function check(names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    const what = r.type.includes('luster') ? 'DB cluster' : 'DB instance';
    // An Aurora instance's logs are exported by its cluster; Aurora Serverless v1 has no exports setting.
    if (names.cluster && !r.body.get(names.cluster).isAbsent) return;
    const engine = r.body.get(names.engine);
    if (what === 'DB instance' && engine.some((e) => e.str()?.startsWith('aurora') === true)) return;
    const mode = r.body.get(names.engineMode);
    if (mode.isUnknown || mode.str() === 'serverless') return;
    const v = r.body.get(names.exports);
    const bad = v.find((x) => x.isAbsent || (x.isSeq && x.items().length === 0));
    if (!bad) return;
    if (!bad.isAbsent) ctx.report(bad, `${what} ${r.id} sets ${names.exports} to an empty list, ${CONSEQUENCE}.`);
    else {
      const log = v.alts.length === 1 ? errorLog(engine) : undefined;
      ctx.report(v.alts.length === 1 ? r.anchor : bad, `${what} ${r.id} has no ${names.exports}, ${CONSEQUENCE}.`, {
        fix: { title: `Add ${names.exports} with the ${log} log`, edits: log ? addPath(ctx.edits, r, [names.exports], [log]) : undefined },
      });
    }
  };
}

const CFN: Names = { exports: 'EnableCloudwatchLogsExports', cluster: 'DBClusterIdentifier', engine: 'Engine', engineMode: 'EngineMode' };
const TF: Names = { exports: 'enabled_cloudwatch_logs_exports', engine: 'engine', engineMode: 'engine_mode' };

export default defineRule({
  id: 'CL-AWS-090',
  slug: 'rds-log-exports-disabled',
  title: 'RDS database logs are not exported to CloudWatch Logs',
  severity: 'low',
  fixable: true,
  description:
    'RDS keeps engine logs (error log, general and slow query logs, audit logs, PostgreSQL logs) on the database host for a limited time and size. Exporting them to CloudWatch Logs keeps them for as long as you decide, beyond the life of the instance, where they can be searched and alerted on, for example on failed logins.',
  remediation: 'Set EnableCloudwatchLogsExports (enabled_cloudwatch_logs_exports) to the log types of the engine, for example error, general, slowquery and audit for MySQL, or postgresql for PostgreSQL.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the database engine, writes its logs on the host and rotates them',
    customer: 'choosing which logs to export and keep, and enabling the engine\'s audit logging, are yours',
  },
  frameworks: [nist('AU-2', 'AU-11', 'AU-12'), pci('10.2.1')],
  equivalents: { checkov: ['CKV_AWS_129', 'CKV_AWS_324'], kics: ['8d7f7b8c-6c7c-40f8-baa6-62006c6c7b56'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-enablecloudwatchlogsexports'),
    tfDoc('db_instance', 'enabled_cloudwatch_logs_exports'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'], run: check(CFN) },
    terraform: { reads: 'resource', types: ['aws_db_instance', 'aws_rds_cluster'], run: check(TF) },
  },
});
