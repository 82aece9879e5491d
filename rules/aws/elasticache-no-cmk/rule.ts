// CL-AWS-234: ElastiCache replication groups and serverless caches encrypted at rest with the default key ElastiCache
// manages instead of a customer managed KMS key.
import { cfnDoc, cfnGuideDoc, type CheckContext, defineRule, isSet, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const DEFAULT_KEY = 'whose policy you cannot change and whose use you cannot revoke';

const groupKey = cmkCheck({
  subject: 'ElastiCache replication group',
  consequence: `so its data on disk and its backups are at best encrypted with the default key ElastiCache manages, ${DEFAULT_KEY}`,
  fix: false,
});

const serverlessKey = cmkCheck({
  subject: 'ElastiCache serverless cache',
  consequence: `so its data at rest and its snapshots are encrypted with the default key ElastiCache manages, ${DEFAULT_KEY}`,
  fix: false,
});

interface GroupNames {
  readonly flag: string;
  readonly key: string;
  readonly engine: string;
  readonly global: string;
}

/**
 * A replication group. A secondary member of a global datastore takes its encryption from the primary: not checked.
 * A group without a key that is known not to be encrypted at rest at all (AtRestEncryptionEnabled false, or unset
 * on Redis OSS, whose default is false) is CL-AWS-061's finding; it is reported here too, with that said, so that
 * CL-AWS-061's fix (encryption on, no key) leaves no new finding behind.
 */
function group(names: GroupNames) {
  const check = groupKey(names.key);
  return (r: Resource, ctx: CheckContext) => {
    if (isSet(r.body.get(names.global))) return;
    const key = r.body.get(names.key);
    const engine = r.body.get(names.engine);
    const redis = engine.isAbsent || engine.str()?.toLowerCase() === 'redis';
    const flags = r.body.get(names.flag).each();
    const off = flags.length > 0 && flags.every((f) => f.isFalse() || (f.isAbsent && redis));
    if (key.alts.length === 1 && key.isAbsent && off) {
      ctx.report(r.anchor, `ElastiCache replication group ${r.id} has no ${names.key} and is not encrypted at rest at all (see CL-AWS-061), let alone with a key whose policy you control.`);
      return;
    }
    check(r, ctx);
  };
}

const CFN_GROUP = group({ flag: 'AtRestEncryptionEnabled', key: 'KmsKeyId', engine: 'Engine', global: 'GlobalReplicationGroupId' });
const TF_GROUP = group({ flag: 'at_rest_encryption_enabled', key: 'kms_key_id', engine: 'engine', global: 'global_replication_group_id' });
const CFN_SERVERLESS = serverlessKey('KmsKeyId');
const TF_SERVERLESS = serverlessKey('kms_key_id');

export default defineRule({
  id: 'CL-AWS-234',
  slug: 'elasticache-no-cmk',
  title: 'ElastiCache cache is not encrypted at rest with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'An ElastiCache replication group encrypted at rest, or a serverless cache (always encrypted), without a KMS key of its own is encrypted with the default key ElastiCache manages. The data on disk and the backups are encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the cache data and its backups.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the replication group (with encryption at rest on) or the serverless cache.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the cache data on disk and its backups with the KMS key you name, or with a default key it manages',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_191'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-kmskeyid'),
    cfnDoc('aws-resource-elasticache-serverlesscache', 'cfn-elasticache-serverlesscache-kmskeyid'),
    tfDoc('elasticache_replication_group', 'kms_key_id'),
    tfDoc('elasticache_serverless_cache', 'kms_key_id'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache'],
      run: (r, ctx) => (r.type === 'AWS::ElastiCache::ServerlessCache' ? CFN_SERVERLESS : CFN_GROUP)(r, ctx),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_elasticache_replication_group', 'aws_elasticache_serverless_cache'],
      run: (r, ctx) => (r.type === 'aws_elasticache_serverless_cache' ? TF_SERVERLESS : TF_GROUP)(r, ctx),
    },
  },
});
