// CL-GCP-052: a Cloud SQL for PostgreSQL instance that does not log connections and disconnections.
import type { Resource } from '../../kit';
import { AUDIT_LOGGING, cisGcp, defineRule, keyNode, tfGoogleDoc } from '../../kit';
import { engineOf, flag, settingsOf, SQL_INSTANCE } from '../../lib/gcp-sql';

const FLAGS = ['log_connections', 'log_disconnections'];

export default defineRule({
  id: 'CL-GCP-052',
  slug: 'sql-postgres-connection-logging',
  title: 'Cloud SQL for PostgreSQL does not log connections',
  severity: 'low',
  fixable: false,
  description:
    'PostgreSQL logs no connection attempts or session ends by default: password guessing, connections from unexpected clients and session lengths leave no trace in Cloud Logging.',
  remediation: 'Add database_flags log_connections = "on" and log_disconnections = "on".',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Google runs PostgreSQL and ships its log to Cloud Logging',
    customer: 'the database flags that decide what it logs are yours',
  },
  frameworks: [cisGcp('6.2.2', '6.2.3'), ...AUDIT_LOGGING],
  equivalents: {},
  docs: ['https://cloud.google.com/sql/docs/postgres/flags', tfGoogleDoc('sql_database_instance', 'database_flags')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_INSTANCE],
      run(r: Resource, ctx) {
        if (engineOf(r) !== 'POSTGRES') return;
        const settings = settingsOf(r);
        if (settings.isUnknown || !r.body.get('dynamic').get('settings').isAbsent || !settings.get('dynamic').get('database_flags').isAbsent) return;
        for (const name of FLAGS) {
          const f = flag(r, name);
          if (f === undefined) continue;
          if (f === null) {
            const at = keyNode(settings, 'database_flags') ?? (!settings.isAbsent ? keyNode(r.body, 'settings') : undefined) ?? r.anchor;
            ctx.report(at, `Cloud SQL instance ${r.id} does not set the database flag ${name}, which defaults to off, so its PostgreSQL log has no record of ${name === 'log_connections' ? 'connection attempts' : 'session ends'}.`);
            continue;
          }
          const s = f.value.str()?.toLowerCase();
          if (s === 'off') ctx.report(f.value, `Cloud SQL instance ${r.id} sets the database flag ${name} to off, so its PostgreSQL log has no record of ${name === 'log_connections' ? 'connection attempts' : 'session ends'}.`);
        }
      },
    },
  },
});
