// CL-AWS-230: Redis OSS / Valkey ElastiCache replication groups and clusters that keep no automatic backups
// (SnapshotRetentionLimit 0, the default).
import { addPath, BACKUPS, cfnGuideDoc, type CheckContext, defineRule, isSet, missingAt, type Resource, type TextEdit, tfDoc, type Val } from '../../kit';
import { cacheEngine } from '../../lib/elasticache';

/** The retention the quick-fix proposes, as a snippet placeholder the user may change (1 to 35 days). */
const DAYS = 7;

interface Names {
  readonly subject: string;
  readonly engine: string;
  readonly retention: string;
  readonly nodeType: string;
  /** A cluster that belongs to a replication group takes its backup settings from the group. */
  readonly member?: string;
  /** Replication groups default to redis; a cluster must name its engine. */
  readonly group: boolean;
}

/** Engines with backups (Memcached has none). */
const BACKED_UP = new Set(['redis', 'valkey']);

/**
 * The edits with the proposed number of days, where `key` is written with it (or where it replaces a value), turned
 * into a snippet placeholder (`${1:7}`); the rest of the text is escaped so that the snippet inserts it as is.
 */
function asSnippet(edits: readonly TextEdit[] | undefined, key: string): TextEdit[] | undefined {
  if (!edits) return undefined;
  const days = String(DAYS);
  const slot = `\${1:${days}}`;
  const withSlot = (text: string) => {
    if (text === days) return slot;
    const escaped = text.replace(/[\\$}]/g, (c) => `\\${c}`);
    const k = escaped.indexOf(key);
    const d = k < 0 ? -1 : escaped.indexOf(days, k + key.length);
    return d < 0 ? escaped : escaped.slice(0, d) + slot + escaped.slice(d + days.length);
  };
  return edits.map((e) => ({ ...e, text: withSlot(e.text) }));
}

function check(names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    if (names.member && isSet(r.body.get(names.member))) return;
    const engine = names.group ? cacheEngine(r.body, names.engine) : r.body.get(names.engine).str()?.toLowerCase();
    if (engine === undefined || !BACKED_UP.has(engine)) return;
    // cache.t1.micro nodes (previous generation) cannot take backups.
    if (r.body.get(names.nodeType).str()?.toLowerCase() === 'cache.t1.micro') return;
    const key = names.retention;
    const v = r.body.get(key);
    const off = (x: Val) => {
      const n = x.num();
      return n !== undefined && n <= 0;
    };
    const bad = v.find((x) => x.isAbsent || off(x));
    if (!bad) return;
    const subject = `${names.subject} ${r.id}`;
    const title = `Set ${key} to a number of days (1 to 35)`;
    if (bad.isAbsent) {
      const edits = bad.when.length === 0 ? asSnippet(addPath(ctx.edits, r, [key], DAYS), key) : undefined;
      ctx.report(missingAt(bad, r.anchor), `${subject} does not set ${key}, which defaults to 0, so it keeps no automatic backups to restore its data from.`, {
        fix: { title, edits, snippet: true },
      });
    } else {
      ctx.report(bad, `${subject} sets ${key} to ${bad.num()}, so it keeps no automatic backups to restore its data from.`, {
        fix: { title, edits: asSnippet(ctx.edits.setValue(bad, DAYS), key), snippet: true },
      });
    }
  };
}

export default defineRule({
  id: 'CL-AWS-230',
  slug: 'elasticache-no-snapshot-retention',
  title: 'ElastiCache (Redis OSS / Valkey) keeps no automatic backups',
  severity: 'low',
  fixable: true,
  description:
    'A Redis OSS or Valkey replication group or cluster with SnapshotRetentionLimit 0 (the default) takes no automatic backups: when a node fails without a replica, the group is deleted or data is corrupted or removed by mistake, there is no recent backup to restore it from.',
  remediation: 'Set SnapshotRetentionLimit (snapshot_retention_limit) to the number of days automatic backups are kept (1 to 35).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the cache nodes and, when a retention is set, takes a daily backup and keeps it for that many days',
    customer: 'turning automatic backups on and choosing how long they are kept is your decision',
  },
  frameworks: BACKUPS,
  equivalents: { checkov: ['CKV_AWS_134'], kics: ['8fdb08a0-a868-4fdf-9c27-ccab0237f1ab'], trivy: ['aws-elasticache-enable-backup-retention'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html',
    cfnGuideDoc('aws-resource-elasticache-replicationgroup', 'cfn-elasticache-replicationgroup-snapshotretentionlimit'),
    cfnGuideDoc('aws-resource-elasticache-cachecluster', 'cfn-elasticache-cachecluster-snapshotretentionlimit'),
    tfDoc('elasticache_replication_group', 'snapshot_retention_limit'),
    tfDoc('elasticache_cluster', 'snapshot_retention_limit'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
      run: (r, ctx) =>
        r.type === 'AWS::ElastiCache::ReplicationGroup'
          ? check({ subject: 'ElastiCache replication group', engine: 'Engine', retention: 'SnapshotRetentionLimit', nodeType: 'CacheNodeType', group: true })(r, ctx)
          : check({ subject: 'ElastiCache cluster', engine: 'Engine', retention: 'SnapshotRetentionLimit', nodeType: 'CacheNodeType', group: false })(r, ctx),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
      run: (r, ctx) =>
        r.type === 'aws_elasticache_replication_group'
          ? check({ subject: 'ElastiCache replication group', engine: 'engine', retention: 'snapshot_retention_limit', nodeType: 'node_type', group: true })(r, ctx)
          : check({ subject: 'ElastiCache cluster', engine: 'engine', retention: 'snapshot_retention_limit', nodeType: 'node_type', member: 'replication_group_id', group: false })(r, ctx),
    },
  },
});
