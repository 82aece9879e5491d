// CL-AWS-061: ElastiCache (Redis OSS / Valkey) replication groups without encryption at rest.
import { AT_REST, cfnGuideDoc, defineRule, isSet, type Resource, settingChecks, tfDoc } from '../../kit';
import { cacheEngine } from '../../lib/elasticache';

/** The API default is false for Redis OSS and true for Valkey; for an unknown engine nothing is decided here. */
function absentMeans(r: Resource): boolean | null {
  return cacheEngine(r.body, r.format === 'cloudformation' ? 'Engine' : 'engine') === 'redis' ? false : null;
}

/** Secondary members of a global datastore take their encryption settings from the primary. */
const notSecondary = (r: Resource) => !isSet(r.body.get(r.format === 'cloudformation' ? 'GlobalReplicationGroupId' : 'global_replication_group_id'));

export default defineRule({
  id: 'CL-AWS-061',
  slug: 'elasticache-no-encryption-at-rest',
  title: 'ElastiCache replication group is not encrypted at rest',
  severity: 'medium',
  fixable: true,
  description:
    'A Redis OSS or Valkey replication group without encryption at rest writes data to disk unencrypted during synchronisation, swap and backup, and stores its backups in S3 unencrypted. It can only be turned on when the group is created.',
  remediation: 'Set AtRestEncryptionEnabled (at_rest_encryption_enabled) to true, optionally with KmsKeyId (kms_key_id), when creating the replication group.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cache nodes and, when asked at creation, encrypts disks and backups with a KMS key (Valkey groups are encrypted by default)',
    customer: 'turning encryption at rest on for Redis OSS groups is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_29'],
    kics: ['e4ee3903-9225-4b6a-bdfb-e62dbadef821', '76976de7-c7b1-4f64-a94f-90c1345914c2'],
    trivy: ['aws-elasticache-enable-at-rest-encryption'],
    cfnNag: ['F25'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-atrestencryptionenabled'),
    tfDoc('elasticache_replication_group', 'at_rest_encryption_enabled'),
  ],
  checks: settingChecks({
    subject: 'ElastiCache replication group',
    consequence: 'so its data on disk and its backups are unencrypted',
    want: true,
    absentMeans,
    appliesTo: notSecondary,
    fixNote: 'replaces an existing replication group',
    formats: {
      cloudformation: { types: ['AWS::ElastiCache::ReplicationGroup'], path: ['AtRestEncryptionEnabled'] },
      terraform: { types: ['aws_elasticache_replication_group'], path: ['at_rest_encryption_enabled'] },
    },
  }),
});
