// Alternatives: a value may come from a parameter default or an `Fn::If` branch; these helpers keep the
// branches that can happen, combine several values' branches, and say where to report under which conditions.
import type { Resource } from '../../server/src/formats/resource';
import { type Resolver, Val } from '../../server/src/formats/value';
import type { Node } from '../../server/src/model/tree';


/**
 * The alternatives of `v` that can happen, each as a value of its own: nested `Fn::If`s on the same condition repeat
 * it (`IsProd and IsProd`) or contradict it (`IsProd and !IsProd`, a branch that is never taken); the repeats are
 * dropped and the contradictory alternatives left out.
 */
export function reachable(v: Val): Val[] {
  // One alternative under no condition (nearly every value): reachable as it is.
  if (v.alts.length === 1 && v.alts[0].when.length === 0) return [v];
  const out: Val[] = [];
  for (const alt of v.each()) {
    const when = mergeWhen([], alt.when);
    if (!when) continue;
    out.push(when.length === alt.when.length ? alt : new Val([{ ...alt.alts[0], when }], resolverOf(alt)));
  }
  return out;
}

/** The first reachable alternative of `v` that satisfies `pred` (see `reachable`). */
export function findReachable(v: Val, pred: (alt: Val) => boolean): Val | undefined {
  return reachable(v).find(pred);
}

function resolverOf(v: Val): Resolver {
  // Val keeps its resolver private; a value built from one of its alternatives needs the same one.
  return (v as unknown as { resolver: Resolver }).resolver;
}

/** One combination of single alternatives of several values, and the conditions under which it holds. */
export interface Choice {
  readonly parts: readonly Val[];
  readonly when: readonly string[];
}

/**
 * Every combination of the alternatives of `vals` (the Cartesian product, at most `limit` combinations),
 * leaving out combinations whose conditions contradict each other (`IsDev` and `!IsDev`).
 */
export function choices(vals: readonly Val[], limit = 256): Choice[] {
  let out: Choice[] = [{ parts: [], when: [] }];
  for (const v of vals) {
    const next: Choice[] = [];
    for (const c of out) {
      for (const alt of reachable(v)) {
        const when = mergeWhen(c.when, alt.when);
        if (when && next.length < limit) next.push({ parts: [...c.parts, alt], when });
      }
    }
    out = next;
  }
  return out;
}

function mergeWhen(a: readonly string[], b: readonly string[]): string[] | undefined {
  const out = [...a];
  for (const c of b) {
    const negation = c.startsWith('!') ? c.slice(1) : `!${c}`;
    if (out.includes(negation)) return undefined;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** `v` (a single alternative) reported under the conditions `when` (those of the whole combination). */
export function under(v: Val, when: readonly string[], r: Resource): Val {
  const alt = v.alts[0];
  return new Val([{ ...alt, when }], r.resolver);
}

/**
 * True when `v`, got from `parent`, is missing because the parent mapping lacks the key (or, in a plan, holds an
 * empty block list) — not because an `Fn::If` branch wrote `AWS::NoValue` for it.
 */
export function missingFromParent(v: Val, parent: Val): boolean {
  if (v.node?.kind === 'seq') return true;
  return parent.alts.some((a) => (a.state === 'known' ? a.node === v.at : a.at === v.at));
}

/**
 * Where to report a setting missing from some alternatives (branches of an `Fn::If` around Properties): at `node`
 * once without conditions when it is missing from every alternative, else at `node` once per alternative, under its
 * conditions.
 */
export function missingPlaces(node: Node, missing: readonly Val[], total: number, r: Resource): (Val | Node)[] {
  if (missing.length === 0) return [];
  if (missing.length === total) return [node];
  return missing.map((m) => (m.when.length ? nodeUnder(node, m.when, r) : node));
}

/** A node to report at (a key, a logical ID) under the conditions `when`. */
export function nodeUnder(node: Node, when: readonly string[], r: Resource): Val {
  return new Val([{ state: 'known', node, at: node, when }], r.resolver);
}
