// CL-GCP-018: a Cloud SQL instance without automated backups.
import { BACKUPS, cisGcp, defineRule, settingChecks, tfGoogleDoc } from '../../kit';
import { isReplica, SQL_INSTANCE } from '../../lib/gcp-sql';

export default defineRule({
  id: 'CL-GCP-018',
  slug: 'sql-backups-disabled',
  title: 'Cloud SQL instance has automated backups off',
  severity: 'medium',
  fixable: true,
  description:
    'Without automated backups there is nothing to restore after a bad migration, a dropped table or a deleted instance, and point-in-time recovery cannot be turned on.',
  remediation: 'Set settings.backup_configuration.enabled to true (and point_in_time_recovery_enabled or binary_log_enabled for point-in-time recovery).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'Google takes and stores the backups on the schedule you set',
    customer: 'turning backups on and keeping them long enough is yours',
  },
  frameworks: [cisGcp('6.7'), ...BACKUPS],
  equivalents: { checkov: ['CKV_GCP_14'], kics: ['cf3c7631-cd1e-42f3-8801-a561214a6e79'] },
  docs: ['https://cloud.google.com/sql/docs/mysql/backup-recovery/backups', tfGoogleDoc('sql_database_instance', 'backup_configuration')],
  checks: settingChecks({
    subject: 'Cloud SQL instance',
    consequence: 'so there is no backup to restore after data loss',
    want: true,
    absentMeans: false,
    // A read replica takes no backups of its own: its primary's are the ones that count.
    appliesTo: (r) => !isReplica(r),
    formats: {
      terraform: { types: [SQL_INSTANCE], path: ['settings', 'backup_configuration', 'enabled'] },
    },
  }),
});
