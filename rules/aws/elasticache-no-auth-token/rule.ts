// CL-AWS-063: Redis OSS / Valkey replication groups with TLS but without AUTH or RBAC user groups.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, isSet, nist, pci, type Resource, tfDoc } from '../../kit';
import { cacheEngine } from '../../lib/elasticache';

function check(names: { transit: string; token: string; userGroups: string; engine: string; global: string }) {
  return (r: Resource, ctx: CheckContext) => {
    if (isSet(r.body.get(names.global))) return;
    const engine = cacheEngine(r.body, names.engine);
    if (engine !== 'redis' && engine !== 'valkey') return;
    // A token or user group in any branch (or an unknown one) counts as set.
    if (r.body.get(names.token).some(isSet) || r.body.get(names.userGroups).some(isSet)) return;
    // AUTH needs in-transit encryption; without it CL-AWS-062 reports the group.
    for (const transit of r.body.get(names.transit).each()) {
      if (!transit.isTrue()) continue;
      ctx.report(
        transit.when.length > 0 ? transit : r.anchor,
        `ElastiCache replication group ${r.id} has neither ${names.token} nor ${names.userGroups}, so any client that can reach it can run every command without authenticating.`,
      );
    }
  };
}

export default defineRule({
  id: 'CL-AWS-063',
  slug: 'elasticache-no-auth-token',
  title: 'ElastiCache replication group requires no authentication',
  severity: 'medium',
  fixable: false,
  description:
    'A Redis OSS or Valkey replication group without an AUTH token or RBAC user groups lets every client that can reach its port read, change and flush all data. Security groups are then the only control.',
  remediation: 'Set AuthToken (auth_token) from a secret, or attach RBAC user groups with UserGroupIds (user_group_ids); both need in-transit encryption.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the nodes and enforces the AUTH token or RBAC users you configure',
    customer: 'requiring clients to authenticate, and managing the token or users, is your decision',
  },
  frameworks: [nist('IA-2', 'AC-3'), iso27001('A.8.5'), pci('8.3.1')],
  equivalents: { checkov: ['CKV_AWS_31'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-authtoken'),
    tfDoc('elasticache_replication_group', 'auth_token'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElastiCache::ReplicationGroup'],
      run: check({ transit: 'TransitEncryptionEnabled', token: 'AuthToken', userGroups: 'UserGroupIds', engine: 'Engine', global: 'GlobalReplicationGroupId' }),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_elasticache_replication_group'],
      run: check({ transit: 'transit_encryption_enabled', token: 'auth_token', userGroups: 'user_group_ids', engine: 'engine', global: 'global_replication_group_id' }),
    },
  },
});
