// CL-AWS-062: ElastiCache (Redis OSS / Valkey) replication groups and Memcached clusters without TLS between clients
// and nodes.
import { cfnGuideDoc, type CheckContext, checkSetting, defineRule, IN_TRANSIT_STORES, isOneOf, isSet, type Resource, type SettingSpec, tfDoc } from '../../kit';
import { cacheEngine } from '../../lib/elasticache';

/** Cache clusters outside a replication group: only Memcached ones can encrypt in transit (Redis OSS needs a group). */
const CLUSTER_TYPES = ['AWS::ElastiCache::CacheCluster', 'aws_elasticache_cluster'];

const TRANSIT: SettingSpec = {
  subject: (r) => (CLUSTER_TYPES.includes(r.type) ? 'ElastiCache Memcached cluster' : 'ElastiCache replication group'),
  consequence: 'so clients and nodes exchange commands and data in plaintext',
  want: true,
  // Redis OSS groups are created without TLS unless asked; for Valkey CloudFormation requires the setting.
  // A Memcached cluster is created without TLS unless asked.
  absentMeans: (r) => {
    const engine = cacheEngine(r.body, r.format === 'cloudformation' ? 'Engine' : 'engine');
    return engine === (CLUSTER_TYPES.includes(r.type) ? 'memcached' : 'redis') ? false : null;
  },
  // No quick-fix: turning TLS on (or requiring it) is only half the change, every client has to connect with TLS too.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'], path: ['TransitEncryptionEnabled'] },
    terraform: { types: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'], path: ['transit_encryption_enabled'] },
  },
};

function check(names: { transit: string; mode: string; global: string }) {
  return (r: Resource, ctx: CheckContext) => {
    if (CLUSTER_TYPES.includes(r.type)) {
      if (cacheEngine(r.body, r.format === 'cloudformation' ? 'Engine' : 'engine') !== 'memcached') return;
      return checkSetting(r, ctx, TRANSIT, r.format === 'cloudformation' ? TRANSIT.formats.cloudformation! : TRANSIT.formats.terraform!);
    }
    if (isSet(r.body.get(names.global))) return;
    checkSetting(r, ctx, TRANSIT, r.format === 'cloudformation' ? TRANSIT.formats.cloudformation! : TRANSIT.formats.terraform!);
    // `preferred` is the migration mode that still accepts plaintext connections.
    if (r.body.get(names.transit).some((t) => t.isFalse())) return;
    for (const mode of r.body.get(names.mode).each()) {
      if (!isOneOf(mode, 'preferred')) continue;
      ctx.report(mode, `ElastiCache replication group ${r.id} sets ${names.mode} to preferred, so it still accepts unencrypted connections.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-062',
  slug: 'elasticache-no-encryption-in-transit',
  title: 'ElastiCache does not encrypt data in transit',
  severity: 'medium',
  fixable: false,
  description:
    'Without in-transit encryption, commands, cached data and AUTH passwords travel in plaintext between clients and nodes and between the nodes themselves, readable by anything that can observe the VPC traffic. TransitEncryptionMode preferred still accepts plaintext clients.',
  remediation: 'Set TransitEncryptionEnabled (transit_encryption_enabled) to true with TransitEncryptionMode required, and connect clients with TLS.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the cache nodes and terminates TLS on them when in-transit encryption is on',
    customer: 'turning in-transit encryption on and making your clients use TLS is your decision',
  },
  frameworks: IN_TRANSIT_STORES,
  equivalents: {
    checkov: ['CKV_AWS_30'],
    kics: ['3b02569b-fc6f-4153-b3a3-ba91022fed68', '1afbb3fa-cf6c-4a3d-b730-95e9f4df343e'],
    trivy: ['aws-elasticache-enable-in-transit-encryption'],
    cfnNag: ['F33'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-transitencryptionenabled'),
    tfDoc('elasticache_replication_group', 'transit_encryption_enabled'),
    cfnGuideDoc('aws-resource-elasticache-cachecluster', 'cfn-elasticache-cachecluster-transitencryptionenabled'),
    tfDoc('elasticache_cluster', 'transit_encryption_enabled'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
      run: check({ transit: 'TransitEncryptionEnabled', mode: 'TransitEncryptionMode', global: 'GlobalReplicationGroupId' }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
      run: check({ transit: 'transit_encryption_enabled', mode: 'transit_encryption_mode', global: 'global_replication_group_id' }),
    },
  },
});
