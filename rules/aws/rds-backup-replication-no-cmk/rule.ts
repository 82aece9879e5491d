// CL-AWS-266: automated backups of an RDS DB instance replicated to another Region without a customer managed KMS key
// of that Region: the AWS managed key aws/rds named, or no key at all while the source instance is encrypted (RDS then
// rejects the replication: "Encrypted instances require a valid KMS key ID") or known not to be (the backups are then
// replicated unencrypted).
import { cfnGuideDoc, type CheckContext, defineRule, findById, isSet, iso27001, nist, type Resource, tfDoc, type Val } from '../../kit';
import { isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

interface Names {
  /** The setting that names the key of the destination Region. */
  readonly key: string;
  /** What messages call the replication. */
  readonly what: (r: Resource) => string;
}

const AWS_MANAGED = "the AWS managed key aws/rds of the destination Region, whose policy you cannot change and whose use you cannot revoke";

/** The names of a DB instance's encryption settings. */
interface DbNames {
  readonly flag: string;
  readonly key: string;
  readonly engine: string;
  /** Settings that make the instance take its encryption from a snapshot, a source or a cluster. */
  readonly inherits: readonly string[];
}
const TF_DB: DbNames = { flag: 'storage_encrypted', key: 'kms_key_id', engine: 'engine', inherits: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'] };
const CFN_DB: DbNames = {
  flag: 'StorageEncrypted',
  key: 'KmsKeyId',
  engine: 'Engine',
  inherits: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbiResourceId'],
};

/**
 * Whether the instance's storage is known to be encrypted (StorageEncrypted true in every alternative, or a key of its
 * own), known not to be (false in an alternative, or not set on an instance that takes its encryption from nowhere and
 * whose engine is known and not Aurora: as CL-AWS-055 reads it), or unknown.
 */
function encryption(db: Resource, n: DbNames): 'encrypted' | 'unencrypted' | 'unknown' {
  const alts = db.body.get(n.flag).each();
  if ((alts.length > 0 && alts.every((a) => a.isTrue())) || isSet(db.body.get(n.key))) return 'encrypted';
  if (alts.some((a) => a.isFalse())) return 'unencrypted';
  if (!alts.every((a) => a.isAbsent)) return 'unknown';
  if (n.inherits.some((a) => isSet(db.body.get(a)))) return 'unknown';
  const engine = db.body.get(n.engine);
  if (engine.isUnknown || engine.some((e) => e.str()?.toLowerCase().startsWith('aurora') === true)) return 'unknown';
  return 'unencrypted';
}

/**
 * The key of the replicated backups: an AWS managed alias (also looked up by a data source) is reported at the value;
 * no key (absent or empty) only when `source` tells the source instance's encryption (known on or off), at the
 * resource (or the empty value). Unknown keys, and sources whose encryption is unknown, are never reported.
 */
function checkKey(r: Resource, ctx: CheckContext, names: Names, source: () => { db: Resource; state: 'encrypted' | 'unencrypted' } | undefined): void {
  const key = r.body.get(names.key);
  const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
  if (!bad) return;
  if (!bad.isAbsent && bad.str() !== '') {
    ctx.report(bad, `${names.what(r)} sets ${names.key} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, so the replicated backups are encrypted with ${AWS_MANAGED}.`);
    return;
  }
  const src = source();
  if (!src) return;
  const lead = bad.isAbsent ? `has no ${names.key}` : `sets ${names.key} to an empty string`;
  const which = src.db === r ? 'the instance' : `its source ${src.db.id}`;
  const at = bad.isAbsent && key.alts.length === 1 ? r.anchor : bad;
  // An unencrypted source is reported too, so that CL-AWS-055's fix (encryption on) does not uncover a new finding.
  ctx.report(
    at,
    src.state === 'encrypted'
      ? `${names.what(r)} ${lead}, but ${which} is encrypted: RDS encrypts the replicated backups only with a KMS key of the destination Region that you name, and rejects the replication without one.`
      : `${names.what(r)} ${lead}, and ${which} is not encrypted (CL-AWS-055's finding), so its replicated backups are not encrypted at all; once it is, RDS needs a KMS key of the destination Region for them and rejects the replication without one.`,
  );
}

const TERRAFORM: Names = { key: 'kms_key_id', what: (r) => `Automated backups replication ${r.id}` };
const CLOUDFORMATION: Names = { key: 'AutomaticBackupReplicationKmsKeyId', what: (r) => `RDS DB instance ${r.id}` };

function terraform(r: Resource, ctx: CheckContext): void {
  checkKey(r, ctx, TERRAFORM, () => {
    const db = findById(ctx, ['aws_db_instance'], r.references('source_db_instance_arn'));
    const state = db ? encryption(db, TF_DB) : 'unknown';
    return db && state !== 'unknown' ? { db, state } : undefined;
  });
}

/** A DB instance replicates its automated backups when AutomaticBackupReplicationRegion names a Region. */
function cloudformation(r: Resource, ctx: CheckContext): void {
  const region: Val = r.body.get('AutomaticBackupReplicationRegion');
  if (!region.some((v) => (v.str() ?? '') !== '')) return;
  checkKey(r, ctx, CLOUDFORMATION, () => {
    const state = encryption(r, CFN_DB);
    return state === 'unknown' ? undefined : { db: r, state };
  });
}

export default defineRule({
  id: 'CL-AWS-266',
  slug: 'rds-backup-replication-no-cmk',
  title: 'RDS automated backups are replicated to another Region without a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'Cross-Region replication of an RDS DB instance\'s automated backups copies its snapshots and transaction logs to another Region, where they are encrypted with the KMS key of that Region you name. Naming the AWS managed key aws/rds leaves the copies under a key whose policy you cannot change; naming none for an encrypted instance makes RDS reject the replication, so the disaster-recovery copies you planned do not exist.',
  remediation: 'Name a customer managed KMS key of the destination Region: kms_key_id on aws_db_instance_automated_backups_replication, AutomaticBackupReplicationKmsKeyId on AWS::RDS::DBInstance.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS copies the snapshots and transaction logs to the destination Region and encrypts them with the key you name there',
    customer: 'naming a customer managed key of the destination Region, and so who may use the replicated backups, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_245'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-automaticbackupreplicationkmskeyid'),
    tfDoc('db_instance_automated_backups_replication', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::RDS::DBInstance'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_db_instance_automated_backups_replication'], run: terraform },
  },
});
