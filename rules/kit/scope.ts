// Indexes of the resources a check sees (`ctx.resources`), built once per lint through `ctx.shared`: a check that
// looks across resources asks an index instead of walking them all, so a file of n resources lints in linear time.
import type { CheckContext } from '../../server/src/engine/rule';
import type { Resource } from '../../server/src/formats/resource';
import { Val } from '../../server/src/formats/value';
import { get, type Node } from '../../server/src/model/tree';
import { withoutLastInstanceKey } from '../../server/src/formats/address';

/** The IDs other resources use to refer to `r`: its own, and a counted plan resource's address without its instance key. */
export function referenceIds(r: Resource): Set<string> {
  return new Set(r.id.endsWith(']') ? [r.id, withoutLastInstanceKey(r.id)] : [r.id]);
}

/** Resources of any of `types`, in the order of `ctx.resources`. */
export function ofType(ctx: CheckContext, ...types: string[]): readonly Resource[] {
  if (types.length === 1) return byType(ctx).get(types[0]) ?? [];
  return ctx.shared(`scope.ofType\u0000${types.join('\u0000')}`, (all) => all.filter((r) => types.includes(r.type)));
}

function byType(ctx: CheckContext): Map<string, Resource[]> {
  return ctx.shared('scope.byType', (all) => groupBy(all, (r) => [r.type]));
}

/** The resources whose ID is `id`, in the order of `ctx.resources`. */
export function withId(ctx: CheckContext, id: string): readonly Resource[] {
  return byId(ctx).get(id) ?? [];
}

function byId(ctx: CheckContext): Map<string, Resource[]> {
  return ctx.shared('scope.byId', (all) => groupBy(all, (r) => [r.id]));
}

/** The first resource (in the order of `ctx.resources`) of one of `types` whose ID is one of `ids`. */
export function findById(ctx: CheckContext, types: readonly string[], ids: readonly string[]): Resource | undefined {
  if (ids.length === 0) return undefined;
  const index = byId(ctx);
  const position = ids.length > 1 ? positionsOf(ctx) : undefined;
  let best: Resource | undefined;
  for (const id of ids) {
    for (const r of index.get(id) ?? []) {
      if (!types.includes(r.type)) continue;
      if (!best || position!.get(r)! < position!.get(best)!) best = r;
      break;
    }
  }
  return best;
}

/** The reference IDs (see `referenceIds`) of every managed resource (not a data source) the check sees. */
export function managedIds(ctx: CheckContext): ReadonlySet<string> {
  return ctx.shared('scope.managedIds', (all) => {
    const out = new Set<string>();
    for (const r of all) if (!r.type.startsWith('data.')) for (const id of referenceIds(r)) out.add(id);
    return out;
  });
}

/** Each resource's position in `ctx.resources`, to put results gathered from several index entries back in order. */
export function positionsOf(ctx: CheckContext): ReadonlyMap<Resource, number> {
  return ctx.shared('scope.positions', positions);
}

function positions(all: readonly Resource[]): Map<Resource, number> {
  const out = new Map<Resource, number>();
  all.forEach((r, i) => out.set(r, i));
  return out;
}

/** Groups `items` under each of their keys (an item with the same key twice is listed once), keeping their order. */
export function groupBy<T>(items: readonly T[], keys: (item: T) => Iterable<string>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const list = out.get(key);
      if (list) list.push(item);
      else out.set(key, [item]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// AWS SAM Globals: defaults every SAM resource of a type gets for a property it does not set.

const SAM_GLOBALS: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
};

/**
 * The value at `path` under the `Globals` section of `r`'s AWS SAM type (`Globals.Function` for a function), which SAM
 * gives a resource that does not set that property (maps are merged key by key, the resource's keys winning); absent
 * for other types or when not set. It reads the resource's document: a check calling it declares `reads: 'scope'`.
 */
export function samGlobal(r: Resource, ...path: string[]): Val {
  return samGlobalOf(r, r.type, ...path);
}

/** `samGlobal` for another SAM type of `r`'s document (the implicit API of a function's events: `AWS::Serverless::Api`). */
export function samGlobalOf(r: Resource, type: string, ...path: string[]): Val {
  const section = SAM_GLOBALS[type];
  let node: Node | undefined = section ? get(get(r.doc.doc.root, 'Globals'), section) : undefined;
  for (const key of path) node = get(node, key);
  return node ? Val.of(node, r.resolver) : Val.absent(r.anchor, r.resolver);
}

/** How messages name the Globals section of `r`'s SAM type (`Globals.Function`), or undefined for other types. */
export function samGlobalName(r: Resource): string | undefined {
  const section = SAM_GLOBALS[r.type];
  return section ? `Globals.${section}` : undefined;
}
