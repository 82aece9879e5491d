// CL-AWS-244: RDS DB instances and DB clusters whose storage is encrypted (or not encrypted at all) without a customer
// managed KMS key: the AWS managed key aws/rds is used then.
import { cfnDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const CONSEQUENCE = 'so its storage, snapshots and replicas are at best encrypted with the AWS managed key aws/rds, whose policy you cannot change and whose use you cannot revoke';

const check = (subject: string, names: { flag: string; key: string; inheritsFrom: readonly string[] }) =>
  cmkCheck({ subject, consequence: CONSEQUENCE, flag: names.flag, inheritsFrom: names.inheritsFrom, fixNote: 'replaces an existing database' })(names.key);

export default defineRule({
  id: 'CL-AWS-244',
  slug: 'rds-no-cmk',
  title: 'RDS storage is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'An encrypted RDS DB instance or DB cluster without a key of its own uses the AWS managed key aws/rds of the account, and so do its automated backups, snapshots and read replicas. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use, share encrypted snapshots with another account (snapshots under aws/rds cannot be shared) and revoke access to the database and its copies.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the DB instance or cluster; an existing database gets the key through a snapshot copy and restore.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the database storage, backups and snapshots with the key you name, or with the AWS managed key aws/rds',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    kics: ['e52395b4-250b-4c60-81d5-2e58c1d37abc'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html',
    cfnDoc('aws-resource-rds-dbinstance', 'cfn-rds-dbinstance-kmskeyid'),
    cfnDoc('aws-resource-rds-dbcluster', 'cfn-rds-dbcluster-kmskeyid'),
    tfDoc('db_instance', 'kms_key_id'),
    tfDoc('rds_cluster', 'kms_key_id'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
      run: (r, ctx) =>
        r.type === 'AWS::RDS::DBInstance'
          ? // An Aurora (or Multi-AZ cluster) member takes its cluster's key; a replica or a restore its source's.
            check('RDS DB instance', { flag: 'StorageEncrypted', key: 'KmsKeyId', inheritsFrom: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'DBSnapshotIdentifier', 'SourceDBInstanceAutomatedBackupsArn', 'SourceDbiResourceId'] })(r, ctx)
          : check('RDS DB cluster', { flag: 'StorageEncrypted', key: 'KmsKeyId', inheritsFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'] })(r, ctx),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_db_instance', 'aws_rds_cluster'],
      run: (r, ctx) =>
        r.type === 'aws_db_instance'
          ? check('RDS DB instance', { flag: 'storage_encrypted', key: 'kms_key_id', inheritsFrom: ['snapshot_identifier', 'replicate_source_db', 'restore_to_point_in_time'] })(r, ctx)
          : check('RDS DB cluster', { flag: 'storage_encrypted', key: 'kms_key_id', inheritsFrom: ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'] })(r, ctx),
    },
  },
});
