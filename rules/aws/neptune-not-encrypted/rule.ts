// CL-AWS-132: Neptune DB clusters whose storage is not encrypted at rest.
import { AT_REST, cfnGuideDoc, defineRule, type Resource, settingChecks, tfDoc } from '../../kit';
import { inherits } from '../../lib/encryption';

/** Settings that restore the cluster from a snapshot or source, whose encryption it takes. */
const INHERITS: Record<string, readonly string[]> = {
  'AWS::Neptune::DBCluster': ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
  aws_neptune_cluster: ['snapshot_identifier', 'global_cluster_identifier', 'replication_source_identifier'],
};

export default defineRule({
  id: 'CL-AWS-132',
  slug: 'neptune-not-encrypted',
  title: 'Neptune DB cluster storage is not encrypted',
  severity: 'high',
  fixable: true,
  description:
    'A Neptune DB cluster created without storage encryption keeps its graph data, logs, automated backups, snapshots and replicas unencrypted for its whole life: encryption can only be chosen when the cluster is created. The API, CloudFormation and Terraform leave it off unless asked.',
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
    checkov: ['CKV_AWS_44'],
    kics: ['bf4473f1-c8a2-4b1b-8134-bd32efabab93', '98d59056-f745-4ef5-8613-32bca8d40b7e'],
    trivy: ['aws-neptune-enable-storage-encryption'],
    cfnNag: ['F30'],
  },
  docs: [
    'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
    cfnGuideDoc('aws-resource-neptune-dbcluster', 'cfn-neptune-dbcluster-storageencrypted'),
    tfDoc('neptune_cluster', 'storage_encrypted'),
  ],
  checks: settingChecks({
    subject: 'Neptune DB cluster',
    consequence: 'so its graph data, backups, snapshots and replicas are stored unencrypted',
    want: true,
    absentMeans: (r: Resource) => (inherits(r, INHERITS[r.type]) ? null : false),
    fixNote: 'replaces an existing cluster',
    formats: {
      cloudformation: { types: ['AWS::Neptune::DBCluster'], path: ['StorageEncrypted'] },
      terraform: { types: ['aws_neptune_cluster'], path: ['storage_encrypted'] },
    },
  }),
});
