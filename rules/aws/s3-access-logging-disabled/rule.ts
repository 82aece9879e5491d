// CL-AWS-086: an S3 bucket without server access logging (log buckets themselves excepted).
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, managedIds, type Resource, tfDoc, type Val } from '../../kit';
import { blockItems, bucketChecks, bucketName, configsOf, referenceIds, tfBlock } from '../../lib/s3';

const CONSEQUENCE = 'so requests to it (who read, wrote or deleted which object, from where) are not recorded';

/** Where a resource sends S3 access logs: the references of the attribute that names the target, and its values. */
function logTarget(b: Resource): { refs: string[]; values: Val[] } | undefined {
  switch (b.type) {
    case 'AWS::S3::Bucket':
      return { refs: b.references('LoggingConfiguration'), values: [b.body.path('LoggingConfiguration', 'DestinationBucketName')] };
    case 'aws_s3_bucket_logging':
      return { refs: b.references('target_bucket'), values: [b.body.get('target_bucket')] };
    case 'aws_s3_bucket':
      return { refs: b.references('logging'), values: blockItems(tfBlock(b, 'logging')).map((l) => l.get('target_bucket')) };
    default:
      return undefined;
  }
}

/**
 * True when `r` is (or, with a target unknown before deploy, may be) the log bucket of another bucket's access
 * logging, by reference or exact name — or carries the LogDeliveryWrite ACL that legacy log delivery needs.
 */
function isLogBucket(r: Resource, ctx: CheckContext): boolean {
  const acl = r.body.get(r.format === 'cloudformation' ? 'AccessControl' : 'acl');
  if (acl.some((a) => a.str() === 'LogDeliveryWrite' || a.str() === 'log-delivery-write')) return true;
  const index = logTargets(ctx);
  // Another resource than `r` in the list (`r` itself is in it at most once).
  const other = (list: readonly Resource[] | undefined) => !!list && (list.length > 1 || (list.length === 1 && list[0] !== r));
  for (const id of referenceIds(r)) if (other(index.byReference.get(id))) return true;
  if (other(index.unknown)) return true;
  const name = bucketName(r);
  const own = name.str();
  if (own !== undefined && other(index.byName.get(own))) return true;
  return name.isUnknown && other(index.named);
}

/** Where the resources the check sees send access logs, sorted out once per lint for `isLogBucket`. */
function logTargets(ctx: CheckContext) {
  return ctx.shared('s3-access-logging-disabled.targets', (all) => {
    const managed = managedIds(ctx);
    const byReference = new Map<string, Resource[]>();
    const byName = new Map<string, Resource[]>();
    const unknown: Resource[] = [];
    const named: Resource[] = [];
    const add = (map: Map<string, Resource[]>, key: string, b: Resource) => {
      const list = map.get(key);
      if (!list) map.set(key, [b]);
      else if (list[list.length - 1] !== b) list.push(b);
    };
    for (const b of all) {
      const target = logTarget(b);
      if (!target) continue;
      for (const id of target.refs) add(byReference, id, b);
      // A target that refers to another managed resource is that one.
      if (target.refs.some((id) => managed.has(id))) continue;
      for (const v of target.values) {
        const s = v.str();
        if (v.isUnknown) {
          if (unknown[unknown.length - 1] !== b) unknown.push(b);
        } else if (s !== undefined) {
          add(byName, s, b);
          if (named[named.length - 1] !== b) named.push(b);
        }
      }
    }
    return { byReference, byName, unknown, named };
  });
}

function cloudformation(r: Resource, ctx: CheckContext) {
  const cfg = r.body.get('LoggingConfiguration');
  const missing = cfg.find((v) => v.isAbsent);
  if (!missing || isLogBucket(r, ctx)) return;
  ctx.report(cfg.alts.length === 1 ? r.anchor : missing, `S3 bucket ${r.id} has no LoggingConfiguration, ${CONSEQUENCE}.`);
}

function terraform(r: Resource, ctx: CheckContext) {
  const { linked, possible } = configsOf(r, ctx, ['aws_s3_bucket_logging']);
  if (linked.length > 0 || possible.length > 0) return;
  const inline = tfBlock(r, 'logging');
  if (inline.isUnknown || blockItems(inline).length > 0 || isLogBucket(r, ctx)) return;
  ctx.report(r.anchor, `S3 bucket ${r.id} has no logging block and no aws_s3_bucket_logging refers to it, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-086',
  slug: 's3-access-logging-disabled',
  title: 'S3 bucket server access logging is not enabled',
  severity: 'low',
  fixable: false,
  description:
    'Server access logs record each request made to a bucket: requester, object, operation, source IP and result. Without them (or CloudTrail data events), reading, overwriting or deleting data leaves no trace to investigate.',
  remediation: 'Enable server access logging to a separate log bucket (LoggingConfiguration, or an aws_s3_bucket_logging that refers to the bucket), or record S3 data events with CloudTrail.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS delivers access logs on a best-effort basis to the bucket you name',
    customer: 'turning logging on, choosing and protecting the log bucket and reading the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_18'],
    kics: ['4552b71f-0a2a-4bc4-92dd-ed7ec1b4674c', 'f861041c-8c9f-4156-acfc-5e6e524f5884', 'ee9e50e8-b2ed-4176-ad42-8fc0cf7593f4', 'c3ce69fd-e3df-49c6-be78-1db3f802261c'],
    trivy: ['AVD-AWS-0089', 'aws-s3-enable-logging', 'aws-cloudtrail-require-bucket-access-logging'],
    cfnNag: ['W35'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    cfnGuideDoc('aws-properties-s3-bucket-loggingconfiguration'),
    tfDoc('s3_bucket_logging'),
  ],
  checks: bucketChecks(cloudformation, terraform),
});
