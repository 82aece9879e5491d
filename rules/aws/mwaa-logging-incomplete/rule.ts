// CL-AWS-245: an MWAA (managed Airflow) environment that does not send its scheduler, worker or web server logs to
// CloudWatch Logs.
import {
  addPath,
  AUDIT_LOGGING,
  cfnDoc,
  type CheckContext,
  checkSetting,
  defineRule,
  get,
  keyNode,
  missingAt,
  type Node,
  reachable,
  type Resource,
  type SettingSpec,
  tfDoc,
  type Val,
} from '../../kit';

/** The log types Checkov asks for, with what is lost without them. Task logs are on by default; DAG processing logs are operational. */
const TYPES = [
  { cfn: 'SchedulerLogs', tf: 'scheduler_logs', lost: 'its scheduler logs (DAG parsing and task scheduling) are not kept' },
  { cfn: 'WorkerLogs', tf: 'worker_logs', lost: 'its worker logs (the Celery workers that run tasks) are not kept' },
  { cfn: 'WebserverLogs', tf: 'webserver_logs', lost: 'its web server logs (Airflow UI and API requests) are not kept' },
] as const;

const NAMES = {
  cloudformation: { config: 'LoggingConfiguration', enabled: 'Enabled', key: 'cfn' },
  terraform: { config: 'logging_configuration', enabled: 'enabled', key: 'tf' },
} as const;

/** The setting of one log type under one written logging configuration (`each` starts the path there). */
function spec(format: 'cloudformation' | 'terraform', t: (typeof TYPES)[number], config: Val, anchor: Val | Node): SettingSpec {
  const n = NAMES[format];
  return {
    subject: 'MWAA environment',
    consequence: `so ${t.lost} in CloudWatch Logs`,
    want: true,
    // A module's Enabled is required when its block is written; a block not written is not published.
    absentMeans: false,
    fixNote: 'the execution role must be allowed to write to CloudWatch Logs',
    formats: {
      [format]: {
        types: [],
        path: [t[n.key], n.enabled],
        each: () => [{ val: config, prefix: `${n.config}.`, anchor }],
      },
    },
  };
}

function check(format: 'cloudformation' | 'terraform') {
  const n = NAMES[format];
  return (r: Resource, ctx: CheckContext): void => {
    // A `dynamic "logging_configuration"` block is not known before apply.
    if (format === 'terraform' && get(get(r.node, 'dynamic'), n.config)) return;
    for (const alt of reachable(r.body.get(n.config))) {
      if (alt.isUnknown) continue;
      if (alt.isAbsent || (alt.isSeq && alt.items().length === 0 && alt.node?.kind === 'seq')) {
        const value = Object.fromEntries(TYPES.map((t) => [t[n.key], { [n.enabled]: true }]));
        const edits = alt.when.length || !alt.isAbsent ? undefined : addPath(ctx.edits, r, [n.config], value);
        ctx.report(
          missingAt(alt, r.anchor),
          `MWAA environment ${r.id} does not set ${n.config}, so its scheduler, worker and web server logs are not kept in CloudWatch Logs.`,
          { fix: { title: `Add ${n.config} with scheduler, worker and web server logs`, caution: 'the execution role must be allowed to write to CloudWatch Logs', edits } },
        );
        continue;
      }
      for (const config of alt.isSeq ? alt.items().flatMap((i) => i.each()) : [alt]) {
        if (!config.isMap) continue;
        for (const t of TYPES) {
          if (format === 'terraform' && config.node && get(get(config.node, 'dynamic'), t.tf)) continue;
          const s = spec(format, t, config, keyNode(r.body, n.config) ?? r.anchor);
          checkSetting(r, ctx, s, s.formats[format]!);
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-245',
  slug: 'mwaa-logging-incomplete',
  title: 'MWAA environment does not send scheduler, worker or web server logs to CloudWatch',
  severity: 'low',
  fixable: true,
  description:
    'Amazon MWAA publishes the Apache Airflow scheduler, worker and web server logs to CloudWatch Logs only for the log types turned on in the environment\'s logging configuration; only task logs are on by default. Without them, who used the Airflow UI and API, and what the scheduler and workers ran, leaves no record outside the environment.',
  remediation:
    'Set LoggingConfiguration SchedulerLogs, WorkerLogs and WebserverLogs Enabled to true (logging_configuration { scheduler_logs, worker_logs, webserver_logs { enabled = true } }).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the Airflow scheduler, workers and web server and publishes their logs to CloudWatch Logs when asked',
    customer: 'turning each log type on, letting the execution role write the logs, and reviewing them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: { checkov: ['CKV_AWS_242', 'CKV_AWS_243', 'CKV_AWS_244'] },
  docs: [
    'https://docs.aws.amazon.com/mwaa/latest/userguide/monitoring-airflow.html',
    cfnDoc('aws-properties-mwaa-environment-loggingconfiguration'),
    tfDoc('mwaa_environment', 'logging_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::MWAA::Environment'], run: check('cloudformation') },
    terraform: { reads: 'resource', types: ['aws_mwaa_environment'], run: check('terraform') },
  },
});
