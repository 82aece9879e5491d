// CL-AWS-055: RDS DB instances and DB clusters whose storage is not encrypted.
import { type CheckContext, defineRule, isSet, type Resource } from '../../kit';
import { requireTrue } from '../../lib/encryption';

interface Names {
  readonly encrypted: string;
  readonly engine: string;
  readonly engineMode?: string;
  /** Attributes that make the resource inherit its encryption from elsewhere (snapshot, source, cluster, global cluster). */
  readonly inherits: readonly string[];
}

function check(kind: 'instance' | 'cluster', names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    const engine = r.body.get(names.engine);
    // Aurora instances are encrypted through their cluster.
    if (kind === 'instance' && engine.some((e) => e.str()?.toLowerCase().startsWith('aurora') === true)) return;
    // Restored, replicated and member resources take their encryption from the source: nothing to decide here.
    const inherited = names.inherits.some((a) => isSet(r.body.get(a)));
    // Aurora Serverless v1 clusters are always encrypted.
    const serverlessV1 = names.engineMode !== undefined && r.body.get(names.engineMode).some((m) => m.str()?.toLowerCase() === 'serverless');
    // Whether an instance is Aurora is unknown when its engine is unknown: only an explicit false is then reported.
    const engineUnknown = kind === 'instance' && engine.isUnknown;
    const what = kind === 'instance' ? `DB instance ${r.id}` : `DB cluster ${r.id}`;
    requireTrue(ctx, r, {
      parent: r.body,
      key: names.encrypted,
      anchor: r.anchor,
      absentIsBad: !inherited && !serverlessV1 && !engineUnknown,
      whenFalse: `RDS ${what} sets ${names.encrypted} to false, so its storage, automated backups, snapshots and read replicas are unencrypted.`,
      whenAbsent: `RDS ${what} does not set ${names.encrypted}, so its storage, automated backups, snapshots and read replicas are unencrypted (the default is false).`,
      setTitle: `Set ${names.encrypted} to true (replaces an existing ${kind === 'instance' ? 'DB instance' : 'DB cluster'})`,
      addTitle: `Add ${names.encrypted}: true (replaces an existing ${kind === 'instance' ? 'DB instance' : 'DB cluster'})`,
    });
  };
}

export default defineRule({
  id: 'CL-AWS-055',
  slug: 'rds-storage-not-encrypted',
  title: 'RDS storage is not encrypted',
  severity: 'high',
  fixable: true,
  description:
    'An RDS DB instance or cluster without storage encryption keeps the database files, automated backups, snapshots and replicas in plaintext. RDS does not encrypt unless you ask for it at creation, and an existing database cannot be encrypted in place.',
  remediation: 'Set StorageEncrypted (storage_encrypted) to true when creating the database; for an existing one, restore an encrypted copy of a snapshot.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the storage and, when asked, encrypts it and every backup with a KMS key',
    customer: 'turning storage encryption on when the database is created is your decision',
  },
  frameworks: [
    { framework: 'CIS AWS Foundations Benchmark', version: '3.0.0', controls: ['2.3.1'] },
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SC-28'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['3.5.1'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.24'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    kics: ['5beacce3-4020-4a3d-9e1d-a36f953df630', '65844ba3-03a1-40a8-b3dd-919f122e8c95'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-storageencrypted',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#storage_encrypted',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
      run(r, ctx) {
        if (r.type === 'AWS::RDS::DBInstance') {
          check('instance', {
            encrypted: 'StorageEncrypted',
            engine: 'Engine',
            inherits: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbiResourceId'],
          })(r, ctx);
        } else {
          check('cluster', {
            encrypted: 'StorageEncrypted',
            engine: 'Engine',
            engineMode: 'EngineMode',
            inherits: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'],
          })(r, ctx);
        }
      },
    },
    terraform: {
      types: ['aws_db_instance', 'aws_rds_cluster'],
      run(r, ctx) {
        if (r.type === 'aws_db_instance') {
          check('instance', {
            encrypted: 'storage_encrypted',
            engine: 'engine',
            inherits: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'],
          })(r, ctx);
        } else {
          check('cluster', {
            encrypted: 'storage_encrypted',
            engine: 'engine',
            engineMode: 'engine_mode',
            inherits: ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time', 'global_cluster_identifier', 's3_import'],
          })(r, ctx);
        }
      },
    },
  },
});
