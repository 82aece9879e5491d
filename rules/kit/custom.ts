// The declarative layer of custom rules (`.cloudline/rules/*.yaml`, engine/custom-rules.ts): a requirement that a good
// resource satisfies, as a tree of `all` / `any` / `not` over tests of the values at property paths, evaluated in
// three values (true, false, unknown) per combination of `Fn::If` conditions. A finding is raised only where the
// requirement is definitely false; unknown values (parameters without default, `${…}`, values known after apply)
// never make it false.
import type { Check, CheckContext, CheckFormat } from '../../server/src/engine/rule';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import { get, getPair, type Node, type Scalar } from '../../server/src/model/tree';
import { PATTERN_LIMITS } from '../../server/src/engine/regex-safety';
import { missingAt } from './values';

/** One step of a path: a key, an index into a list, or `*` (every item of a list). */
export type PathStep = { readonly key: string } | { readonly index: number } | { readonly every: true };

/** The test of a leaf on the value at its path. */
export type LeafTest =
  | { readonly op: 'exists'; readonly want: boolean }
  | { readonly op: 'equals'; readonly value: string | number | boolean }
  | { readonly op: 'in'; readonly values: readonly (string | number | boolean)[] }
  | { readonly op: 'matches'; readonly re: RegExp }
  | { readonly op: 'greaterThan' | 'atLeast' | 'lessThan' | 'atMost'; readonly n: number };

export interface Leaf {
  readonly path: readonly PathStep[];
  readonly test: LeafTest;
}

/** Every item of the list at `each` satisfies `require` (its paths start at the item); no list, or an empty one, holds. */
export interface Each {
  readonly each: readonly PathStep[];
  readonly require: Requirement;
}

export type Requirement = { readonly all: readonly Requirement[] } | { readonly any: readonly Requirement[] } | { readonly not: Requirement } | Each | Leaf;

export interface RequirementSpec {
  /** Per format: the resource types (Kubernetes kinds) and, optionally, which of them apply (an apiVersion). */
  readonly formats: Partial<Record<CheckFormat, { readonly types: readonly string[]; readonly appliesTo?: (r: Resource) => boolean }>>;
  readonly require: Requirement;
  /** The finding's sentence, with `{id}`, `{type}`, `{path}` and `{value}` replaced. */
  readonly message: string;
}

/** At most this many `Fn::If` conditions are combined (2^n evaluations); a leaf that depends on another is unknown. */
const MAX_CONDITIONS = 6;

type Tri = boolean | undefined;

/** Where a leaf's value was found (or found missing), for the finding and its message. */
interface Witness {
  readonly at: Val | Node;
  /** The path as it led there, with list indices: `spec.containers[1].image`. */
  readonly path: string;
  /** The value as shown in messages. */
  readonly value: string;
}

interface Outcome {
  readonly res: Tri;
  readonly witness?: Witness;
}

/** An assignment of truth values to `Fn::If` conditions. */
type World = ReadonlyMap<string, boolean>;

/** Where paths start: the resource body, or an item of an `each` list (with where to report it missing, and its path). */
interface Scope {
  readonly base: Val;
  readonly anchor: Node;
  readonly prefix: string;
}

/** What is done at the end of a path: the value there, or undefined (missing) with where to report it. */
type Final = (v: Val | undefined, at: Val | Node, path: string) => Outcome;

/** The `checks` of a custom rule: one per format, each reading its resource only. */
export function requirementChecks(spec: RequirementSpec): Partial<Record<CheckFormat, Check>> {
  const out: Partial<Record<CheckFormat, Check>> = {};
  for (const [format, f] of Object.entries(spec.formats) as [CheckFormat, NonNullable<RequirementSpec['formats'][CheckFormat]>][]) {
    out[format] = {
      reads: 'resource',
      types: f.types,
      run: (r, ctx) => {
        if (f.appliesTo && !f.appliesTo(r)) return;
        checkRequirement(r, ctx, spec);
      },
    };
  }
  return out;
}

/**
 * Evaluates the requirement on one resource in each combination of the `Fn::If` conditions its paths meet, and
 * reports the first combination where it is definitely false, at the value (or the missing place) that decided it.
 */
export function checkRequirement(r: Resource, ctx: CheckContext, spec: RequirementSpec): void {
  const names = new Set<string>();
  collectConditions(spec.require, r.body, names);
  const considered = [...names].slice(0, MAX_CONDITIONS);
  const worlds = 1 << considered.length;
  for (let w = 0; w < worlds; w++) {
    const world = new Map(considered.map((name, i) => [name, (w & (1 << i)) !== 0]));
    const o = evaluate(spec.require, r, world, { base: r.body, anchor: r.anchor, prefix: '' });
    if (o.res === false && o.witness) {
      ctx.report(o.witness.at, compose(spec.message, r, o.witness));
      return;
    }
  }
}

const PLACEHOLDER = /\{(id|type|path|value)\}/g;

/** The message with its placeholders replaced, ending with a full stop. */
function compose(template: string, r: Resource, w: Witness): string {
  const values: Record<string, string> = { id: r.id, type: r.type, path: w.path, value: w.value };
  const text = template.replace(PLACEHOLDER, (_, name: string) => values[name]).trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function collectConditions(c: Requirement, base: Val, out: Set<string>): void {
  if ('all' in c) for (const x of c.all) collectConditions(x, base, out);
  else if ('any' in c) for (const x of c.any) collectConditions(x, base, out);
  else if ('not' in c) collectConditions(c.not, base, out);
  else if ('each' in c) {
    const ends: Val[] = [];
    walkAll(base, c.each, 0, out, ends);
    for (const end of ends) for (const item of end.list()) collectConditions(c.require, item, out);
  } else walkAll(base, c.path, 0, out);
}

/**
 * Every alternative along a path, for the names of the conditions they hold under (bounded by the file's size), and
 * the known values at its end (`ends`).
 */
function walkAll(v: Val, path: readonly PathStep[], i: number, out: Set<string>, ends?: Val[]): void {
  for (const alt of v.each()) {
    for (const c of alt.when) out.add(c.replace(/^!/, ''));
    if (!alt.isKnown) continue;
    if (i === path.length) {
      ends?.push(alt);
      continue;
    }
    const step = path[i];
    if ('key' in step) {
      if (alt.isSeq) for (const item of alt.items()) walkAll(item.get(step.key), path, i + 1, out, ends);
      else walkAll(alt.get(step.key), path, i + 1, out, ends);
    } else {
      const items = alt.items();
      for (const item of 'index' in step ? items.slice(step.index, step.index + 1) : items) walkAll(item, path, i + 1, out, ends);
    }
  }
}

function evaluate(c: Requirement, r: Resource, world: World, scope: Scope): Outcome {
  if ('all' in c) return conjunction(c.all.length, (n) => evaluate(c.all[n], r, world, scope));
  if ('any' in c) {
    let unknown = false;
    let first: Outcome | undefined;
    for (const x of c.any) {
      const o = evaluate(x, r, world, scope);
      if (o.res === true) return o;
      if (o.res === undefined) unknown = true;
      first ??= o;
    }
    return unknown ? { res: undefined } : { res: false, witness: first?.witness };
  }
  if ('not' in c) {
    const o = evaluate(c.not, r, world, scope);
    return { res: o.res === undefined ? undefined : !o.res, witness: o.witness };
  }
  const start = select(scope.base, world);
  if (!start) return { res: undefined };
  if ('each' in c) return walk(c.each, r, world, scope, start, 0, scope.prefix, undefined, (v, at, path) => eachItem(c, r, world, v, at, path));
  const t = c.test;
  return walk(c.path, r, world, scope, start, 0, scope.prefix, undefined, (v, at, path) => ({ res: testValue(t, v), witness: { at, path, value: v ? describe(v) : 'not set' } }));
}

/** `each`: every item of the list (a single mapping counts as a list of one) satisfies the condition; no list holds. */
function eachItem(c: Each, r: Resource, world: World, v: Val | undefined, at: Val | Node, path: string): Outcome {
  if (!v) return { res: true, witness: { at, path, value: 'not set' } };
  const items = v.isSeq ? v.items() : [v];
  return conjunction(
    items.length,
    (n) => {
      const one = select(items[n], world);
      if (!one) return undefined;
      // A missing setting of an item is reported at its name (a container's), else at the item.
      const name = one.isMap ? one.get('name') : undefined;
      const anchor = name?.node?.kind === 'scalar' ? name.at : one.at;
      return evaluate(c.require, r, world, { base: one, anchor, prefix: v.isSeq ? `${path}[${n}]` : path });
    },
    { at: v, path, value: describe(v) },
  );
}

/**
 * The conjunction of `count` outcomes computed one by one (undefined: unknown), stopping at the first false; true
 * (with the first one's witness, or `empty` when there is none) only when none is false or unknown.
 */
function conjunction(count: number, nth: (n: number) => Outcome | undefined, empty?: Witness): Outcome {
  let unknown = false;
  let first: Outcome | undefined;
  for (let n = 0; n < count; n++) {
    const o = nth(n);
    if (o?.res === false) return o;
    if (!o || o.res === undefined) unknown = true;
    first ??= o;
  }
  if (unknown) return { res: undefined };
  return { res: true, witness: first?.witness ?? empty };
}

/**
 * The one alternative of `v` that holds in `world`; undefined when that cannot be told (an alternative under a
 * condition beyond those combined, or none or several that hold).
 */
function select(v: Val, world: World): Val | undefined {
  if (v.alts.length === 1 && v.when.length === 0) return v;
  const holding: Val[] = [];
  for (const alt of v.each()) {
    let holds = true;
    for (const c of alt.when) {
      const value = world.get(c.replace(/^!/, ''));
      if (value === undefined) return undefined;
      if (value !== !c.startsWith('!')) holds = false;
    }
    if (holds) holding.push(alt);
  }
  return holding.length === 1 ? holding[0] : undefined;
}

/**
 * Follows `path` from `here` (step `i`), then calls `final` with the value there (or undefined when it is missing,
 * with where to report it). `shown` is the path so far; `written` the key of the deepest step that is written, where
 * a missing value is reported (else the scope's anchor). A list met by a key in Terraform (nested blocks, always
 * lists in plans) and a `*` step require every item.
 */
function walk(path: readonly PathStep[], r: Resource, world: World, scope: Scope, here: Val, i: number, shown: string, written: Node | undefined, final: Final): Outcome {
  if (here.isUnknown) return { res: undefined };
  if (here.isAbsent) {
    const at = missingAt(here, written ?? scope.anchor);
    // `[*]` over no list holds, as over an empty one.
    if (i < path.length && 'every' in path[i]) return { res: true, witness: { at, path: shown + rest(path, i, shown), value: 'not set' } };
    return final(undefined, at, shown + rest(path, i, shown));
  }
  if (i === path.length) return final(here, here, shown);
  const step = path[i];
  if ('key' in step) {
    if (here.isSeq && r.format !== 'kubernetes' && r.format !== 'cloudformation') return every(path, r, world, scope, here, i, shown, written, false, final);
    const child = select(here.get(step.key), world);
    if (!child) return { res: undefined };
    // A Terraform `dynamic "<key>"` block makes the blocks at deploy time: the value reads unknown (HCL reader, the
    // Terraform JSON resolver's `made`), never missing.
    const key = here.node?.kind === 'map' ? getPair(here.node, step.key)?.key : undefined;
    return walk(path, r, world, scope, child, i + 1, shown ? `${shown}.${step.key}` : step.key, key ?? written, final);
  }
  if (!here.isSeq) {
    // A Terraform nested block written once may be an object: the one item of its list.
    if (r.format === 'terraform' && here.isMap && ('every' in step || step.index === 0)) return walk(path, r, world, scope, here, i + 1, `${shown}[0]`, written, final);
    return final(undefined, here, shown + rest(path, i, shown));
  }
  if ('every' in step) return every(path, r, world, scope, here, i, shown, written, true, final);
  const item = here.items()[step.index];
  if (!item) return final(undefined, here, `${shown}[${step.index}]${rest(path, i + 1, 'x')}`);
  const one = select(item, world);
  return one ? walk(path, r, world, scope, one, i + 1, `${shown}[${step.index}]`, written, final) : { res: undefined };
}

/** Every item of the list `here` must pass (an empty list passes); `consume`: the step is `*` (else a key to apply to each). */
function every(path: readonly PathStep[], r: Resource, world: World, scope: Scope, here: Val, i: number, shown: string, written: Node | undefined, consume: boolean, final: Final): Outcome {
  const items = here.items();
  return conjunction(
    items.length,
    (n) => {
      const one = select(items[n], world);
      return one && walk(path, r, world, scope, one, consume ? i + 1 : i, `${shown}[${n}]`, written, final);
    },
    { at: here, path: shown, value: describe(here) },
  );
}

/** The rest of a path from step `i`, as written after what is shown (`.a.b[0]`). */
function rest(path: readonly PathStep[], i: number, shown: string): string {
  let out = '';
  for (let k = i; k < path.length; k++) {
    const s = path[k];
    out += 'key' in s ? (out || shown ? `.${s.key}` : s.key) : 'index' in s ? `[${s.index}]` : '[*]';
  }
  return out;
}

function describe(v: Val): string {
  const s = v.str();
  if (s !== undefined) return s;
  if (v.isMap) return 'a mapping';
  if (v.isSeq) return 'a list';
  return 'null';
}

function testValue(t: LeafTest, v: Val | undefined): Tri {
  if (t.op === 'exists') return (v !== undefined) === t.want;
  if (v === undefined) return false;
  switch (t.op) {
    case 'equals':
      return same(v, t.value);
    case 'in':
      return t.values.some((x) => same(v, x));
    case 'matches': {
      const s = scalarText(v);
      if (s === undefined) return false;
      // A longer value is not tried: the pattern's work is bounded (regex-safety.ts), and so is its input.
      if (s.length > PATTERN_LIMITS.maxInputLength) return undefined;
      t.re.lastIndex = 0;
      return t.re.test(s);
    }
    default: {
      const n = v.num();
      if (n === undefined) return false;
      return t.op === 'greaterThan' ? n > t.n : t.op === 'atLeast' ? n >= t.n : t.op === 'lessThan' ? n < t.n : n <= t.n;
    }
  }
}

function scalarText(v: Val): string | undefined {
  const s: Scalar | undefined = v.scalar;
  return s === undefined || s === null ? undefined : String(s);
}

/** Equality of a known value with an expected scalar: booleans and numbers also as strings (as the formats accept them). */
function same(v: Val, want: string | number | boolean): boolean {
  if (typeof want === 'boolean') return v.bool() === want;
  if (typeof want === 'number') return v.num() === want;
  return scalarText(v) === want;
}
