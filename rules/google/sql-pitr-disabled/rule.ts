// CL-GCP-051: a Cloud SQL instance without point-in-time recovery (PostgreSQL and SQL Server) or binary logging (MySQL).
import type { Resource } from '../../kit';
import { BACKUPS, defineRule, keyNode, tfGoogleDoc } from '../../kit';
import { engineOf, isReplica, settingsOf, SQL_INSTANCE } from '../../lib/gcp-sql';

const CONSEQUENCE = 'so it can only be restored to the last daily backup, losing up to a day of writes';

export default defineRule({
  id: 'CL-GCP-051',
  slug: 'sql-pitr-disabled',
  title: 'Cloud SQL instance has point-in-time recovery off',
  severity: 'low',
  fixable: false,
  description:
    'Without point-in-time recovery (transaction log retention), a Cloud SQL instance can only go back to its last automated backup: everything written since, up to a day, is lost after a bad migration or a destructive query.',
  remediation: 'Set settings.backup_configuration.point_in_time_recovery_enabled (PostgreSQL, SQL Server) or binary_log_enabled (MySQL) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'Google keeps the transaction logs and restores to any second you ask for once it is on',
    customer: 'turning it on is yours',
  },
  frameworks: BACKUPS,
  equivalents: {},
  docs: ['https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr', tfGoogleDoc('sql_database_instance', 'point_in_time_recovery_enabled')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_INSTANCE],
      run(r: Resource, ctx) {
        const engine = engineOf(r);
        if (!engine || isReplica(r)) return;
        const settings = settingsOf(r);
        if (settings.isUnknown || !r.body.get('dynamic').get('settings').isAbsent || !settings.get('dynamic').get('backup_configuration').isAbsent) return;
        const backup = settings.get('backup_configuration').list()[0] ?? settings.get('backup_configuration');
        if (backup.isUnknown) return;
        const key = engine === 'MYSQL' ? 'binary_log_enabled' : 'point_in_time_recovery_enabled';
        const v = backup.get(key);
        if (v.isTrue() || v.isUnknown) return;
        if (v.isFalse()) return void ctx.report(v, `Cloud SQL instance ${r.id} sets settings.backup_configuration.${key} to false, ${CONSEQUENCE}.`);
        const at = (!backup.isAbsent && keyNode(settings, 'backup_configuration')) || (!settings.isAbsent && keyNode(r.body, 'settings')) || r.anchor;
        ctx.report(at, `Cloud SQL instance ${r.id} does not set settings.backup_configuration.${key}, which defaults to false, ${CONSEQUENCE}.`);
      },
    },
  },
});
