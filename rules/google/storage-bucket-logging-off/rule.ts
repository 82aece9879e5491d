// CL-GCP-004: a Cloud Storage bucket without usage logs (a bucket that receives other buckets' logs excepted).
import type { Resource } from '../../kit';
import { AUDIT_LOGGING, defineRule, tfGoogleDoc } from '../../kit';

const BUCKET = 'google_storage_bucket';

/** The names and reference IDs of buckets that other buckets of the file log to. */
function logTargets(all: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const r of all) {
    if (r.type !== BUCKET) continue;
    for (const l of r.body.get('logging').list()) {
      const name = l.get('log_bucket').str();
      if (name !== undefined) out.add(name);
    }
    for (const id of r.references('logging')) out.add(id);
  }
  return out;
}

export default defineRule({
  id: 'CL-GCP-004',
  slug: 'storage-bucket-logging-off',
  title: 'Cloud Storage bucket does not record usage logs',
  severity: 'low',
  fixable: false,
  description:
    'Without usage logs (or Data Access audit logs) there is no record of who read or wrote which objects: a leak or a tampering cannot be traced afterwards.',
  remediation: 'Add a logging block with log_bucket set to a bucket for logs, or turn on Data Access audit logs for Cloud Storage.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Google writes the usage logs to the bucket you name, hourly',
    customer: 'turning them on and keeping them is yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: { checkov: ['CKV_GCP_62'], kics: ['d6cabc3a-d57e-48c2-b341-bf3dd4f4a120'] },
  docs: ['https://cloud.google.com/storage/docs/access-logs', tfGoogleDoc('storage_bucket', 'logging')],
  checks: {
    terraform: {
      reads: 'scope',
      types: [BUCKET],
      run(r, ctx) {
        const logging = r.body.get('logging');
        if (!logging.isAbsent && !(logging.isSeq && logging.items().length === 0)) return;
        if (!r.body.get('dynamic').get('logging').isAbsent) return;
        const targets = ctx.shared('gcp.storage.logTargets', logTargets);
        const name = r.body.get('name').str();
        if (targets.has(r.id) || (name !== undefined && targets.has(name))) return;
        ctx.report(r.anchor, `Cloud Storage bucket ${r.id} has no logging block, so reads and writes of its objects leave no usage log.`);
      },
    },
  },
});
