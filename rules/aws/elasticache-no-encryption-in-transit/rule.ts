// CL-AWS-062: ElastiCache (Redis OSS / Valkey) replication groups without TLS between clients and nodes.
import { cfnGuideDoc, type CheckContext, checkSetting, defineRule, IN_TRANSIT_STORES, isOneOf, isSet, type Resource, type SettingSpec, tfDoc } from '../../kit';
import { cacheEngine } from '../../lib/elasticache';

const TRANSIT: SettingSpec = {
  subject: 'ElastiCache replication group',
  consequence: 'so clients and nodes exchange commands and data in plaintext',
  want: true,
  // Redis OSS groups are created without TLS unless asked; for Valkey CloudFormation requires the setting.
  absentMeans: (r) => (cacheEngine(r.body, r.format === 'cloudformation' ? 'Engine' : 'engine') === 'redis' ? false : null),
  // No quick-fix: turning TLS on (or requiring it) is only half the change, every client has to connect with TLS too.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::ElastiCache::ReplicationGroup'], path: ['TransitEncryptionEnabled'] },
    terraform: { types: ['aws_elasticache_replication_group'], path: ['transit_encryption_enabled'] },
  },
};

function check(names: { transit: string; mode: string; global: string }) {
  return (r: Resource, ctx: CheckContext) => {
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
  title: 'ElastiCache replication group does not encrypt data in transit',
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
  equivalents: { checkov: ['CKV_AWS_30'], kics: ['3b02569b-fc6f-4153-b3a3-ba91022fed68', '1afbb3fa-cf6c-4a3d-b730-95e9f4df343e'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-transitencryptionenabled'),
    tfDoc('elasticache_replication_group', 'transit_encryption_enabled'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElastiCache::ReplicationGroup'],
      run: check({ transit: 'TransitEncryptionEnabled', mode: 'TransitEncryptionMode', global: 'GlobalReplicationGroupId' }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_elasticache_replication_group'],
      run: check({ transit: 'transit_encryption_enabled', mode: 'transit_encryption_mode', global: 'global_replication_group_id' }),
    },
  },
});
