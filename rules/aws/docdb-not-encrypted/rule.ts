// CL-AWS-130: DocumentDB clusters whose storage is not encrypted at rest.
import { AT_REST, cfnGuideDoc, defineRule, type Resource, settingChecks, tfDoc } from '../../kit';
import { inherits } from '../../lib/encryption';

/** Settings that restore the cluster from a snapshot or source, whose encryption it takes. */
const INHERITS: Record<string, readonly string[]> = {
  'AWS::DocDB::DBCluster': ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
  aws_docdb_cluster: ['snapshot_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'],
};

export default defineRule({
  id: 'CL-AWS-130',
  slug: 'docdb-not-encrypted',
  title: 'DocumentDB cluster storage is not encrypted',
  severity: 'high',
  fixable: true,
  description:
    'A DocumentDB cluster created without storage encryption keeps its data, indexes, logs, automated backups and snapshots unencrypted for its whole life: encryption can only be chosen when the cluster is created. The console turns it on by default, but the API, CloudFormation and Terraform do not.',
  remediation: 'Set StorageEncrypted (storage_encrypted) to true when creating the cluster; for an existing one, restore an encrypted copy of a snapshot.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cluster storage and, when asked at creation, encrypts it and its backups with a KMS key',
    customer: 'turning storage encryption on when the cluster is created is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_74'],
    kics: ['bc1f9009-84a0-490f-ae09-3e0ea6d74ad6'],
    trivy: ['aws-documentdb-enable-storage-encryption'],
  },
  docs: [
    'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
    cfnGuideDoc('aws-resource-docdb-dbcluster', 'cfn-docdb-dbcluster-storageencrypted'),
    tfDoc('docdb_cluster', 'storage_encrypted'),
  ],
  checks: settingChecks({
    subject: 'DocumentDB cluster',
    consequence: 'so its data, indexes, logs, backups and snapshots are stored unencrypted',
    want: true,
    absentMeans: (r: Resource) => (inherits(r, INHERITS[r.type]) ? null : false),
    fixNote: 'replaces an existing cluster',
    formats: {
      cloudformation: { types: ['AWS::DocDB::DBCluster'], path: ['StorageEncrypted'] },
      terraform: { types: ['aws_docdb_cluster'], path: ['storage_encrypted'] },
    },
  }),
});
