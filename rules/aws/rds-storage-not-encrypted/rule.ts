// CL-AWS-055: RDS DB instances, DB clusters and Aurora global clusters whose storage is not encrypted.
import { cfnDoc, cfnGuideDoc, cisAws, defineRule, iso27001, isSet, nist, pci, type Resource, settingChecks, tfDoc } from '../../kit';

/** Attributes that make the resource inherit its encryption from elsewhere (snapshot, source, cluster, global cluster). */
const INHERITS: Record<string, readonly string[]> = {
  'AWS::RDS::DBInstance': ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbiResourceId'],
  'AWS::RDS::DBCluster': ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'],
  aws_db_instance: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'],
  aws_rds_cluster: ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time', 'global_cluster_identifier', 's3_import'],
  // A global cluster made from an existing cluster takes that cluster's encryption.
  'AWS::RDS::GlobalCluster': ['SourceDBClusterIdentifier'],
  aws_rds_global_cluster: ['source_db_cluster_identifier'],
};

const isInstance = (r: Resource) => r.type === 'AWS::RDS::DBInstance' || r.type === 'aws_db_instance';
const isGlobal = (r: Resource) => r.type === 'AWS::RDS::GlobalCluster' || r.type === 'aws_rds_global_cluster';
const cfn = (r: Resource) => r.format === 'cloudformation';

/** Aurora instances are encrypted through their cluster. */
function notAuroraInstance(r: Resource): boolean {
  return !(isInstance(r) && r.body.get(cfn(r) ? 'Engine' : 'engine').some((e) => e.str()?.toLowerCase().startsWith('aurora') === true));
}

/** What a missing StorageEncrypted means: false, unless nothing is to decide here. */
function absentMeans(r: Resource): boolean | null {
  // Restored, replicated and member resources take their encryption from the source.
  if (INHERITS[r.type].some((a) => isSet(r.body.get(a)))) return null;
  // Aurora Serverless v1 clusters are always encrypted.
  if (!isInstance(r) && !isGlobal(r) && r.body.get(cfn(r) ? 'EngineMode' : 'engine_mode').some((m) => m.str()?.toLowerCase() === 'serverless')) return null;
  // Whether an instance is Aurora is unknown when its engine is unknown: only an explicit false is then reported.
  if (isInstance(r) && r.body.get(cfn(r) ? 'Engine' : 'engine').isUnknown) return null;
  return false;
}

export default defineRule({
  id: 'CL-AWS-055',
  slug: 'rds-storage-not-encrypted',
  title: 'RDS storage is not encrypted',
  severity: 'high',
  fixable: true,
  description:
    'An RDS DB instance, DB cluster or Aurora global database without storage encryption keeps the database files, automated backups, snapshots and replicas in plaintext. RDS does not encrypt unless you ask for it at creation, and an existing database cannot be encrypted in place.',
  remediation: 'Set StorageEncrypted (storage_encrypted) to true when creating the database; for an existing one, restore an encrypted copy of a snapshot.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the storage and, when asked, encrypts it and every backup with a KMS key',
    customer: 'turning storage encryption on when the database is created is your decision',
  },
  frameworks: [cisAws('2.3.1'), nist('SC-28'), pci('3.5.1'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_16', 'CKV_AWS_96', 'CKV_AWS_140'],
    kics: [
      '5beacce3-4020-4a3d-9e1d-a36f953df630',
      '65844ba3-03a1-40a8-b3dd-919f122e8c95',
      '3199c26c-7871-4cb3-99c2-10a59244ce7f',
      '08bd0760-8752-44e1-9779-7bb369b2b4e4',
      '656880aa-1388-488f-a6d4-8f73c23149b2',
      'ffee2785-c347-451e-89f3-11aeb08e5c84',
      '1a690d1d-0ae7-49fa-b2db-b75ae0dd1d3e',
    ],
    trivy: ['aws-rds-encrypt-instance-storage-data', 'aws-rds-encrypt-cluster-storage-data'],
    cfnNag: ['F26', 'F27'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    cfnGuideDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-storageencrypted'),
    cfnGuideDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-storageencrypted'),
    tfDoc('db_instance', 'storage_encrypted'),
    tfDoc('rds_cluster', 'storage_encrypted'),
    cfnDoc('aws-resource-rds-globalcluster', 'cfn-rds-globalcluster-storageencrypted'),
    tfDoc('rds_global_cluster', 'storage_encrypted'),
  ],
  checks: settingChecks({
    subject: (r) => (isInstance(r) ? 'RDS DB instance' : isGlobal(r) ? 'Aurora global cluster' : 'RDS DB cluster'),
    consequence: 'so its storage, automated backups, snapshots and read replicas are unencrypted',
    want: true,
    absentMeans,
    fixNote: 'replaces an existing database',
    appliesTo: notAuroraInstance,
    formats: {
      cloudformation: { types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::GlobalCluster'], path: ['StorageEncrypted'] },
      terraform: { types: ['aws_db_instance', 'aws_rds_cluster', 'aws_rds_global_cluster'], path: ['storage_encrypted'] },
    },
  }),
});
