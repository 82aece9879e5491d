// CL-AWS-062: ElastiCache (Redis OSS / Valkey) replication groups without TLS between clients and nodes.
import { type CheckContext, defineRule, isOneOf, isSet, type Resource } from '../../kit';
import { cacheEngine, requireTrue } from '../../lib/encryption';

// No quick-fix: turning TLS on (or requiring it) is only half the change, every client has to connect with TLS too.

function check(names: { transit: string; mode: string; engine: string; global: string }) {
  return (r: Resource, ctx: CheckContext) => {
    if (isSet(r.body.get(names.global))) return;
    const engine = cacheEngine(r.body, names.engine);
    requireTrue(ctx, r, {
      parent: r.body,
      key: names.transit,
      anchor: r.anchor,
      // Redis OSS groups are created without TLS unless asked; for Valkey CloudFormation requires the setting.
      absentIsBad: engine === 'redis',
      whenFalse: `ElastiCache replication group ${r.id} sets ${names.transit} to false, so clients and nodes exchange commands and data in plaintext.`,
      whenAbsent: `ElastiCache replication group ${r.id} (Redis OSS) does not set ${names.transit}, so clients and nodes exchange commands and data in plaintext (the default is false).`,
    });
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
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['SC-8'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['4.2.1'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.24'] },
  ],
  equivalents: { checkov: ['CKV_AWS_30'], kics: ['3b02569b-fc6f-4153-b3a3-ba91022fed68'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-transitencryptionenabled',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#transit_encryption_enabled',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::ElastiCache::ReplicationGroup'],
      run: check({ transit: 'TransitEncryptionEnabled', mode: 'TransitEncryptionMode', engine: 'Engine', global: 'GlobalReplicationGroupId' }),
    },
    terraform: {
      types: ['aws_elasticache_replication_group'],
      run: check({ transit: 'transit_encryption_enabled', mode: 'transit_encryption_mode', engine: 'engine', global: 'global_replication_group_id' }),
    },
  },
});
