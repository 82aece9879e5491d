// S3 helpers: the separate resources that configure a bucket (by reference, never by guessing), the bucket's
// name, and Terraform's legacy inline blocks as a plan really configures them.
import type { CheckContext } from '../../server/src/engine/rule';
import type { Plain, TextEdit } from '../../server/src/engine/edits';
import type { Resource } from '../../server/src/formats/resource';
import { Val } from '../../server/src/formats/value';
import { get, str, type MapNode, type Node } from '../../server/src/model/tree';

/** The bucket types: a CloudFormation bucket and a Terraform bucket. */
export const CFN_BUCKET = 'AWS::S3::Bucket';
export const TF_BUCKET = 'aws_s3_bucket';

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

/** A plan address without instance keys: `aws_s3_bucket.b[0]` → `aws_s3_bucket.b`. */
export function withoutInstanceKeys(id: string): string {
  return id.replace(/\[[^\]]*\]/g, '');
}

/**
 * The IDs other resources use to refer to `r`: its own, and for a counted plan resource its address without
 * its own instance key (`module.m["a"].aws_s3_bucket.b[0]` → `module.m["a"].aws_s3_bucket.b`), as plan
 * configuration references name it; module instance keys are kept, so instances of a module stay apart.
 */
export function referenceIds(r: Resource): Set<string> {
  return new Set([r.id, r.id.replace(/\[[^\]]*\]$/, '')]);
}

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
 */
export function configsOf(target: Resource, ctx: CheckContext, types: readonly string[], attr?: string): BucketConfigs {
  const linked: Resource[] = [];
  const possible: Resource[] = [];
  const targetIds = referenceIds(target);
  const managed = new Set(ctx.resources.filter((r) => !r.type.startsWith('data.')).flatMap((r) => [...referenceIds(r)]));
  // Only buckets have a name that configuration resources can use instead of a reference.
  const name = target.type === CFN_BUCKET || target.type === TF_BUCKET ? bucketName(target) : Val.absent(target.anchor, target.resolver);
  for (const r of ctx.resources) {
    if (r === target || !types.includes(r.type)) continue;
    const a = attr ?? bucketAttr(r);
    const refs = r.references(a);
    if (refs.some((id) => targetIds.has(id))) {
      linked.push(r);
      continue;
    }
    // A reference to another managed resource of the file: configures that one, not the target.
    if (refs.some((id) => managed.has(id))) continue;
    // CloudFormation: a `!Ref` to a name that is neither a resource nor a parameter is a broken template.
    if (r.format === 'cloudformation' && refs.some((id) => !id.startsWith('AWS::') && !get(get(r.doc.doc.root, 'Parameters'), id))) continue;
    const value = r.body.get(a);
    if (value.isUnknown) {
      possible.push(r);
    } else if (value.str() !== undefined) {
      if (name.str() !== undefined && name.str() === value.str()) linked.push(r);
      else if (name.isUnknown) possible.push(r);
    }
  }
  return { linked, possible };
}

/** Plans: the configuration `expressions` of a planned resource (through module calls), if the plan carries them. */
export function planExpressions(r: Resource): MapNode | undefined {
  if (r.format !== 'terraform-plan') return undefined;
  const address = withoutInstanceKeys(r.id);
  const m = /^((?:module\.[^.]+\.)*)(.+)$/.exec(address);
  if (!m) return undefined;
  let module: Node | undefined = get(get(r.doc.doc.root, 'configuration'), 'root_module');
  for (const call of m[1].split('.').filter((s, i) => i % 2 === 1 && s !== '')) {
    module = get(get(get(module, 'module_calls'), call), 'module');
  }
  const resources = get(module, 'resources');
  for (const res of resources?.kind === 'seq' ? resources.items : []) {
    if (str(get(res, 'address')) === m[2]) {
      const expressions = get(res, 'expressions');
      return expressions?.kind === 'map' ? expressions : undefined;
    }
  }
  return undefined;
}

/**
 * A Terraform nested block (`versioning`, `logging`, `server_side_encryption_configuration`) as configured:
 * - `*.tf.json`: a `dynamic` block of that name is unknown (its content depends on `for_each`);
 * - plans: providers 4.x and later report these blocks as computed (known after apply) even when nobody wrote
 *   them; when the plan's configuration does not mention the block, it is absent, not unknown.
 */
export function tfBlock(r: Resource, key: string): Val {
  if (r.format === 'terraform') {
    const dynamic = get(get(r.node, 'dynamic'), key);
    if (dynamic) return new Val([{ state: 'unknown', at: dynamic, when: [], why: `dynamic "${key}" block` }], r.resolver);
  }
  if (r.format === 'terraform-plan' && r.doc.doc.root && get(r.doc.doc.root, 'configuration')) {
    const expressions = planExpressions(r);
    if (expressions && !get(expressions, key)) return Val.absent(r.anchor, r.resolver);
  }
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
