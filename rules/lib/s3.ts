// S3 helpers: the separate resources that configure a bucket (by reference, never by guessing), the bucket's
// name, and Terraform's legacy inline blocks as a plan really configures them.
import type { Check, CheckContext, Rule } from '../../server/src/engine/rule';
import type { Plain, TextEdit } from '../../server/src/engine/edits';
import type { Resource } from '../../server/src/formats/resource';
import { Val } from '../../server/src/formats/value';
import { isUserOnlyBlock, planConfigurationOf } from '../../server/src/formats/terraform';
import { get, type MapNode, type Node } from '../../server/src/model/tree';
import { findById, managedIds, ofType, positionsOf, referenceIds } from '../kit';

/** The bucket types: a CloudFormation bucket and a Terraform bucket. */
export const CFN_BUCKET = 'AWS::S3::Bucket';
export const TF_BUCKET = 'aws_s3_bucket';

/**
 * The checks of a bucket rule: CloudFormation buckets, and the Terraform `terraformTypes` it reports on (the bucket,
 * and configuration resources of their own). They read the scope: a bucket's configuration may be another resource.
 */
export function bucketChecks(cloudformation: Check['run'], terraform: Check['run'], terraformTypes: readonly string[] = [TF_BUCKET]): Rule['checks'] {
  return {
    cloudformation: { reads: 'scope', types: [CFN_BUCKET], run: cloudformation },
    terraform: { reads: 'scope', types: terraformTypes, run: terraform },
  };
}

/** The configuration resources of a bucket, as far as the file tells. */
export interface BucketConfigs {
  /** Resources that configure this bucket: by reference (`!Ref`, `${aws_s3_bucket.b.id}`, plan references) or by its exact name. */
  readonly linked: Resource[];
  /**
   * Resources whose target bucket is known only at deploy time (a parameter without default, a variable, a module
   * output): they may configure this bucket, so a check for a missing configuration must stay quiet.
   */
  readonly possible: Resource[];
}

/** A plan address without instance keys: `aws_s3_bucket.b[0]` → `aws_s3_bucket.b` (linear on a hostile name). */
export { withoutInstanceKeys } from '../../server/src/formats/address';

export { referenceIds } from '../kit';

// The key checks of encryption.ts, for the S3 object key rule CL-AWS-264 (one lib import per rule).
export { isAwsManagedAlias, KMS_KEY, lookedUpKey, shownKey } from './encryption';

/** The attribute through which configuration resources name their bucket. */
export function bucketAttr(r: Resource): string {
  return r.format === 'cloudformation' ? 'Bucket' : 'bucket';
}

/** The bucket's name as configured: `BucketName` / `bucket` (absent when the provider generates it). */
export function bucketName(bucket: Resource): Val {
  return bucket.body.get(bucket.format === 'cloudformation' ? 'BucketName' : 'bucket');
}

/**
 * Resources of `types` that configure `target` (a bucket, or any resource such as a VPC) through `attr`
 * (default: `Bucket` / `bucket`).
 *
 * Linked: the attribute refers to the target by reference, or holds exactly the target's literal name.
 * Possible: the attribute is unknown before deploy and refers to no other managed resource of the file, or it is a
 * literal name while the target's own name is unknown. Anything that refers to another resource is not the target's.
 * Both lists keep the order of `ctx.resources`.
 */
export function configsOf(target: Resource, ctx: CheckContext, types: readonly string[], attr?: string): BucketConfigs {
  const index = configIndex(ctx, types, attr);
  // Only buckets have a name that configuration resources can use instead of a reference.
  const name = target.type === CFN_BUCKET || target.type === TF_BUCKET ? bucketName(target) : Val.absent(target.anchor, target.resolver);
  const targetName = name.str();
  // Each list gathers up to two sorted runs; merged runs are put back in the order of the resources.
  let linkedRuns = 0;
  let possibleRuns = 0;
  const byReference = new Set<Resource>();
  for (const id of referenceIds(target)) {
    const list = index.byReference.get(id);
    if (!list) continue;
    linkedRuns++;
    for (const r of list) if (r !== target) byReference.add(r);
  }
  const linked: Resource[] = [...byReference];
  const possible: Resource[] = [];
  const other = (r: Resource) => r !== target && (byReference.size === 0 || !byReference.has(r));
  // The rest refer to no managed resource: an unknown target is possible, a literal name is compared. A Terraform
  // attribute that refers only to another resource of the target's type (outside the scope) is not possible.
  const another = (r: Resource) => {
    const id = index.elsewhere.get(r);
    return id !== undefined && id.startsWith(`${target.type}.`) && !referenceIds(target).has(id);
  };
  for (const r of index.unknown) if (other(r) && !another(r)) possible.push(r);
  if (possible.length) possibleRuns++;
  const named = targetName !== undefined ? index.byName.get(targetName) : name.isUnknown ? index.named : undefined;
  const to = targetName !== undefined ? linked : possible;
  const before = to.length;
  for (const r of named ?? []) if (other(r)) to.push(r);
  if (to.length > before) to === linked ? linkedRuns++ : possibleRuns++;
  if (linkedRuns > 1 && linked.length > 1) sortByPosition(linked, ctx);
  if (possibleRuns > 1) sortByPosition(possible, ctx);
  return { linked, possible };
}

/** The resources that may configure some target, sorted out once per lint for `configsOf`. */
interface ConfigIndex {
  /** By each ID their attribute refers to. */
  readonly byReference: Map<string, Resource[]>;
  /** Referring to no managed resource, with a value unknown before deploy: they may configure any target. */
  readonly unknown: Resource[];
  /**
   * Terraform: those of `unknown` whose attribute refers to one managed resource's address only (`aws_vpc.example.id`,
   * not `data.…`), one that is not in the scope: that address. An address names one resource, so such a resource
   * configures that one, not a target of the same type with another address (`configsOf`).
   */
  readonly elsewhere: Map<Resource, string>;
  /** Referring to no managed resource, by the literal name they hold. */
  readonly byName: Map<string, Resource[]>;
  /** All of `byName`, in order. */
  readonly named: Resource[];
}

function configIndex(ctx: CheckContext, types: readonly string[], attr: string | undefined): ConfigIndex {
  return ctx.shared(`s3.configsOf\u0000${types.join('\u0000')}\u0000\u0000${attr ?? ''}`, () => {
    const managed = managedIds(ctx);
    const index: ConfigIndex = { byReference: new Map(), unknown: [], elsewhere: new Map(), byName: new Map(), named: [] };
    for (const r of ofType(ctx, ...types)) {
      const a = attr ?? bucketAttr(r);
      const refs = r.references(a);
      for (const id of new Set(refs)) {
        const list = index.byReference.get(id);
        if (list) list.push(r);
        else index.byReference.set(id, [r]);
      }
      // A reference to another managed resource of the file: configures that one, not the target.
      if (refs.some((id) => managed.has(id))) continue;
      // CloudFormation: a `!Ref` to a name that is neither a resource nor a parameter is a broken template.
      if (r.format === 'cloudformation' && refs.some((id) => !id.startsWith('AWS::') && !get(get(r.doc.doc.root, 'Parameters'), id))) continue;
      const value = r.body.get(a);
      const literal = value.str();
      if (value.isUnknown) {
        index.unknown.push(r);
        if (r.format.startsWith('terraform') && refs.length === 1 && !refs[0].startsWith('data.')) index.elsewhere.set(r, refs[0]);
      } else if (literal !== undefined) {
        index.named.push(r);
        const list = index.byName.get(literal);
        if (list) list.push(r);
        else index.byName.set(literal, [r]);
      }
    }
    return index;
  });
}

function sortByPosition(list: Resource[], ctx: CheckContext): void {
  const position = positionsOf(ctx);
  list.sort((a, b) => position.get(a)! - position.get(b)!);
}

/** Plans: the configuration `expressions` of a planned resource (through module calls), if the plan carries them. */
export function planExpressions(r: Resource): MapNode | undefined {
  return planConfigurationOf(r)?.expressions;
}

/**
 * A Terraform nested block (`versioning`, `logging`, `server_side_encryption_configuration`) as configured:
 * - `*.tf.json`: a `dynamic` block of that name is unknown (its content depends on `for_each`);
 * - plans: providers 4.x and later report these blocks as computed (known after apply) even when nobody wrote
 *   them; when the plan's configuration does not mention the block, it is absent, not unknown. A block the provider
 *   never computes (formats/terraform.ts USER_ONLY_BLOCKS: `access_logs`, `access_log_settings`) is read as the plan
 *   reader gives it: unknown, or planned, it is the expansion of a `dynamic` block, which configurations leave out.
 */
export function tfBlock(r: Resource, key: string): Val {
  if (r.format === 'terraform') {
    const dynamic = get(get(r.node, 'dynamic'), key);
    if (dynamic) return new Val([{ state: 'unknown', at: dynamic, when: [], why: `dynamic "${key}" block` }], r.resolver);
  }
  const plan = planConfigurationOf(r);
  if (plan?.configured && plan.expressions && !get(plan.expressions, key) && !isUserOnlyBlock(r.type, key)) return Val.absent(r.anchor, r.resolver);
  return r.body.get(key);
}

/** The items of a block that are present (a known empty list in a plan is no block at all). */
export function blockItems(v: Val): Val[] {
  return v.list().filter((b) => b.isMap || b.isUnknown);
}

/**
 * Edits that add `pairs` to a mapping written in place. An empty mapping is replaced as a whole
 * (Edits.addPairs merges several insertions into an empty mapping without separators).
 */
export function addToMap(ctx: CheckContext, map: Node | undefined, pairs: Record<string, Plain>): TextEdit[] | undefined {
  if (!map || map.kind !== 'map') return undefined;
  if (map.pairs.length === 0) return ctx.edits.replaceNode(map, pairs);
  return ctx.edits.addPairs(map, pairs);
}

/**
 * Edits that add a property to a resource's body: to the mapping written in place (CloudFormation Properties,
 * Terraform block body), or, for a CloudFormation resource without Properties, a new Properties mapping.
 */
export function addProperty(r: Resource, ctx: CheckContext, pairs: Record<string, Plain>): TextEdit[] | undefined {
  const body = r.body.node;
  if (body && body.kind === 'map' && r.body.at === body && r.body.when.length === 0) return addToMap(ctx, body, pairs);
  if (r.format === 'cloudformation' && r.body.isAbsent && !get(r.node, 'Properties')) return ctx.edits.addPair(r.node, 'Properties', pairs);
  return undefined;
}

/** The KICS queries (CloudFormation and Terraform) about the four public access block settings, which both public access block rules cover. */
export const PUBLIC_ACCESS_BLOCK_KICS: string[] = [
  '48f100d9-f499-4c6d-b2b8-deafe47ffb26',
  '860ba89b-b8de-4e72-af54-d6aee4138a69',
  '6c8d51af-218d-4bfb-94a9-94eabaa0703a',
  '350cd468-0e2c-44ef-9d22-cfb73a62523c',
  'd0cc8694-fcad-43ff-ac86-32331d7e867f',
  '1a4bc881-9f69-4d44-8c9a-d37d08f54c50',
  '4fa66806-0dd9-4f8d-9480-3174d39c7c91',
  '1ec253ab-c220-4d63-b2de-5b40e0af9293',
];

// ---------------------------------------------------------------------------------------------------------------
// CL-AWS-015: a bucket policy's public grants held off by RestrictPublicBuckets (iam.ts's publicPolicyChecks).

/** The bucket a bucket policy resource applies to (by reference, or by the exact literal name), or the bucket itself. */
function bucketOf(r: Resource, ctx: CheckContext): Resource | undefined {
  if (r.type === CFN_BUCKET || r.type === TF_BUCKET) return r;
  const attr = r.format === 'cloudformation' ? 'Bucket' : 'bucket';
  const type = r.format === 'cloudformation' ? CFN_BUCKET : TF_BUCKET;
  const byRef = findById(ctx, [type], r.references(attr));
  if (byRef) return byRef;
  const name = r.body.get(attr).str();
  return name === undefined ? undefined : ofType(ctx, type).find((b) => bucketName(b).str() === name);
}

/**
 * RestrictPublicBuckets on (known true) for the policy's bucket: S3 ignores the public grants of its policy (only AWS
 * service principals and users of the bucket owner's account keep access), until the setting is switched off.
 * CloudFormation: the bucket's PublicAccessBlockConfiguration; Terraform: an aws_s3_bucket_public_access_block
 * that refers to the bucket, or an aws_s3_account_public_access_block of the file.
 */
export function restrictPublicBucketsOn(r: Resource, ctx: CheckContext): { readonly severity: 'low'; readonly why: string } | undefined {
  const bucket = bucketOf(r, ctx);
  let where: string | undefined;
  if (r.format === 'cloudformation') {
    if (bucket?.body.get('PublicAccessBlockConfiguration').get('RestrictPublicBuckets').isTrue()) where = `bucket ${bucket.id}'s PublicAccessBlockConfiguration`;
  } else {
    const block = bucket && configsOf(bucket, ctx, ['aws_s3_bucket_public_access_block']).linked.find((b) => b.body.get('restrict_public_buckets').isTrue());
    if (block) where = `${block.id} (restrict_public_buckets)`;
    else if (ofType(ctx, 'aws_s3_account_public_access_block').some((a) => a.body.get('restrict_public_buckets').isTrue())) where = 'the account\'s public access block (restrict_public_buckets)';
  }
  if (!where) return undefined;
  return {
    severity: 'low',
    why: `not in effect while RestrictPublicBuckets is on in ${where}, which makes S3 ignore public grants, but live as soon as that setting is switched off (severity lowered to low)`,
  };
}
