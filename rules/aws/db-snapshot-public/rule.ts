// CL-AWS-126: an RDS DB or DB cluster snapshot shared with every AWS account (shared_accounts includes "all").
import { defineRule, NOT_PUBLIC, type Resource, type CheckContext, tfDoc } from '../../kit';

function check(r: Resource, ctx: CheckContext): void {
  for (const list of r.body.get('shared_accounts').each()) {
    for (const item of list.items()) {
      for (const v of item.each()) {
        if (v.str()?.trim().toLowerCase() === 'all') {
          ctx.report(v, `${r.type === 'aws_db_cluster_snapshot' ? 'DB cluster snapshot' : 'DB snapshot'} ${r.id} lists "all" in shared_accounts, so every AWS account can copy it and restore your database from it.`);
        }
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-126',
  slug: 'db-snapshot-public',
  title: 'RDS DB snapshot or DB cluster snapshot is public',
  severity: 'critical',
  fixable: false,
  description:
    'A manual DB snapshot or DB cluster snapshot shared with "all" is public: any AWS account can copy it or restore a database from it, with every table, user and password hash it holds.',
  remediation: 'Remove "all" from shared_accounts and list the account IDs that need the snapshot (encrypted snapshots can only be shared with named accounts).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS stores the snapshots and enforces their sharing attributes',
    customer: 'which accounts may restore your data is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: { checkov: ['CKV_AWS_302'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
    tfDoc('db_snapshot', 'shared_accounts'),
    tfDoc('db_cluster_snapshot', 'shared_accounts'),
  ],
  checks: { terraform: { reads: 'resource', types: ['aws_db_snapshot', 'aws_db_cluster_snapshot'], run: check } },
});
