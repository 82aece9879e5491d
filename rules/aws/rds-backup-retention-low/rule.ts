// CL-AWS-081: RDS automated backups turned off (retention 0) or kept for less than 7 days, including the 1-day default.
import { addPath, BACKUPS, cfnGuideDoc, type CheckContext, defineRule, type Resource, type Val } from '../../kit';

/** The retention the rule asks for, and the value its quick-fix writes. */
const MINIMUM_DAYS = 7;

interface Keys {
  readonly retention: string;
  readonly engine: string;
  /** Set on Aurora DB instances: the cluster owns the backups. */
  readonly cluster?: string;
  /** Set on read replicas: backups are the source's. */
  readonly replica: readonly string[];
  /** Set when restoring: an unset retention is inherited from the snapshot or source, not defaulted. */
  readonly restore: readonly string[];
}

const present = (r: Resource, key: string) => !r.body.get(key).isAbsent;

function check(kind: 'instance' | 'cluster', keys: Keys) {
  return (r: Resource, ctx: CheckContext) => {
    if (kind === 'instance') {
      if (keys.cluster && present(r, keys.cluster)) return;
      if (r.body.get(keys.engine).some((e) => (e.str() ?? '').toLowerCase().startsWith('aurora'))) return;
      if (keys.replica.some((k) => present(r, k))) return;
    }
    const what = kind === 'instance' ? 'RDS DB instance' : 'RDS DB cluster';
    const key = keys.retention;
    const v = r.body.get(key);
    const low = (x: Val) => {
      const n = x.num();
      return n !== undefined && n < MINIMUM_DAYS;
    };
    const bad = v.find((x) => low(x) || x.isAbsent);
    if (!bad) return;
    const n = bad.num();
    if (n !== undefined) {
      if (n <= 0) {
        // Going from 0 to a positive retention restarts the instance: no quick-fix, the user schedules it.
        ctx.report(bad, `${what} ${r.id} sets ${key} to 0, which turns automated backups and point-in-time restore off.`);
        return;
      }
      const edits = ctx.edits.setValue(bad, MINIMUM_DAYS);
      ctx.report(bad, `${what} ${r.id} keeps automated backups for only ${n} day${n === 1 ? '' : 's'} (${key}), less than ${MINIMUM_DAYS}.`, {
        fix: { title: `Set ${key} to ${MINIMUM_DAYS}`, edits },
      });
      return;
    }
    if (!v.isAbsent) {
      ctx.report(bad, `${what} ${r.id} leaves ${key} unset, so automated backups are kept for the default 1 day, less than ${MINIMUM_DAYS}.`);
      return;
    }
    // An unset retention on a restore is inherited from the snapshot or the source, which this file does not show.
    if (keys.restore.some((k) => present(r, k))) return;
    const edits = addPath(ctx.edits, r, [key], MINIMUM_DAYS);
    ctx.report(r.anchor, `${what} ${r.id} does not set ${key}, so automated backups are kept for the default 1 day, less than ${MINIMUM_DAYS}.`, {
      fix: { title: `Add ${key}: ${MINIMUM_DAYS}`, edits },
    });
  };
}

const cfnInstance = check('instance', {
  retention: 'BackupRetentionPeriod',
  engine: 'Engine',
  cluster: 'DBClusterIdentifier',
  replica: ['SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'],
  restore: ['DBSnapshotIdentifier', 'DBClusterSnapshotIdentifier', 'RestoreTime', 'UseLatestRestorableTime', 'SourceDbiResourceId'],
});
const cfnCluster = check('cluster', {
  retention: 'BackupRetentionPeriod',
  engine: 'Engine',
  replica: [],
  restore: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'RestoreType', 'RestoreToTime', 'UseLatestRestorableTime'],
});
const tfInstance = check('instance', {
  retention: 'backup_retention_period',
  engine: 'engine',
  replica: ['replicate_source_db'],
  restore: ['snapshot_identifier', 'restore_to_point_in_time', 's3_import'],
});
const tfCluster = check('cluster', {
  retention: 'backup_retention_period',
  engine: 'engine',
  replica: [],
  restore: ['snapshot_identifier', 'restore_to_point_in_time', 's3_import'],
});

export default defineRule({
  id: 'CL-AWS-081',
  slug: 'rds-backup-retention-low',
  title: 'RDS automated backups are off or kept for less than 7 days',
  severity: 'medium',
  fixable: true,
  description:
    'RDS keeps automated backups, and so point-in-time restore, only for the backup retention period. A retention of 0 turns them off; the API, CLI, CloudFormation and Terraform default of 1 day leaves a single day to notice corruption or a bad change.',
  remediation: 'Set BackupRetentionPeriod (backup_retention_period) to at least 7 days, longer where your recovery objectives require it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS takes the automated snapshots and transaction-log backups and stores them',
    customer: 'how long backups are kept, and whether they are taken at all, is your setting',
  },
  frameworks: BACKUPS,
  equivalents: {
    kics: [
      'e649a218-d099-4550-86a4-1231e1fcb60d',
      '8c415f6f-7b90-4a27-a44a-51047e1506f9',
      '1dc73fb4-5b51-430c-8c5f-25dcf9090b02',
      'e542bd46-58c4-4e0f-a52a-1fb4f9548e02',
    ],
    trivy: ['aws-rds-specify-backup-retention'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-backupretentionperiod'),
    cfnGuideDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-backupretentionperiod'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
      run(r, ctx) {
        (r.type === 'AWS::RDS::DBCluster' ? cfnCluster : cfnInstance)(r, ctx);
      },
    },
    terraform: {
      reads: 'resource',
      types: ['aws_db_instance', 'aws_rds_cluster'],
      run(r, ctx) {
        (r.type === 'aws_rds_cluster' ? tfCluster : tfInstance)(r, ctx);
      },
    },
  },
});
