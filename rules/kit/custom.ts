// The declarative layer of custom rules (`.cloudline/rules/*.yaml`, engine/custom-rules.ts): a requirement that a good
// resource satisfies, as a tree of `all` / `any` / `not` over tests of the values at property paths, evaluated in
// three values (true, false, unknown) per combination of `Fn::If` conditions. A finding is raised only where the
// requirement is definitely false; unknown values (parameters without default, `${…}`, values known after apply)
// never make it false.
import type { Check, CheckContext, CheckFormat } from '../../server/src/engine/rule';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import { getPair, type Node, type Scalar } from '../../server/src/model/tree';
import { PATTERN_LIMITS } from '../../server/src/engine/regex-safety';

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

export type Requirement = { readonly all: readonly Requirement[] } | { readonly any: readonly Requirement[] } | { readonly not: Requirement } | Leaf;

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
    const o = evaluate(spec.require, r, world);
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

function collectConditions(c: Requirement, body: Val, out: Set<string>): void {
  if ('all' in c) for (const x of c.all) collectConditions(x, body, out);
  else if ('any' in c) for (const x of c.any) collectConditions(x, body, out);
  else if ('not' in c) collectConditions(c.not, body, out);
  else walkAll(body, c.path, 0, out);
}

/** Every alternative along a path, for the names of the conditions they hold under (bounded by the file's size). */
function walkAll(v: Val, path: readonly PathStep[], i: number, out: Set<string>): void {
  for (const alt of v.each()) {
    for (const c of alt.when) out.add(c.replace(/^!/, ''));
    if (i === path.length || !alt.isKnown) continue;
    const step = path[i];
    if ('key' in step) {
      if (alt.isSeq) for (const item of alt.items()) walkAll(item.get(step.key), path, i + 1, out);
      else walkAll(alt.get(step.key), path, i + 1, out);
    } else {
      const items = alt.items();
      for (const item of 'index' in step ? items.slice(step.index, step.index + 1) : items) walkAll(item, path, i + 1, out);
    }
  }
}

function evaluate(c: Requirement, r: Resource, world: World): Outcome {
  if ('all' in c) {
    let unknown = false;
    let first: Outcome | undefined;
    for (const x of c.all) {
      const o = evaluate(x, r, world);
      if (o.res === false) return o;
      if (o.res === undefined) unknown = true;
      first ??= o;
    }
    return unknown ? { res: undefined } : { res: true, witness: first?.witness };
  }
  if ('any' in c) {
    let unknown = false;
    let first: Outcome | undefined;
    for (const x of c.any) {
      const o = evaluate(x, r, world);
      if (o.res === true) return o;
      if (o.res === undefined) unknown = true;
      first ??= o;
    }
    return unknown ? { res: undefined } : { res: false, witness: first?.witness };
  }
  if ('not' in c) {
    const o = evaluate(c.not, r, world);
    return { res: o.res === undefined ? undefined : !o.res, witness: o.witness };
  }
  return evaluateLeaf(c, r, world);
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
      const name = c.replace(/^!/, '');
      const value = world.get(name);
      if (value === undefined) return undefined;
      if (value !== !c.startsWith('!')) holds = false;
    }
    if (holds) holding.push(alt);
  }
  return holding.length === 1 ? holding[0] : undefined;
}

function evaluateLeaf(leaf: Leaf, r: Resource, world: World): Outcome {
  const start = select(r.body, world);
  if (!start) return { res: undefined };
  return walk(leaf, r, world, start, 0, '', undefined);
}

/**
 * Follows the path from `here` (step `i`), then tests the value. `shown` is the path so far; `written` the key of the
 * deepest step that is written, where a missing value is reported (else the resource's anchor). A list met by a key
 * in Terraform (nested blocks, always lists in plans) and a `*` step require every item.
 */
function walk(leaf: Leaf, r: Resource, world: World, here: Val, i: number, shown: string, written: Node | undefined): Outcome {
  if (here.isUnknown) return { res: undefined };
  if (here.isAbsent) {
    const at: Val | Node = here.when.length > 0 ? here : written ?? r.anchor;
    return test(leaf.test, undefined, { at, path: shown + rest(leaf.path, i, shown), value: 'not set' });
  }
  if (i === leaf.path.length) return test(leaf.test, here, { at: here, path: shown, value: describe(here) });
  const step = leaf.path[i];
  if ('key' in step) {
    if (here.isSeq && r.format !== 'kubernetes' && r.format !== 'cloudformation') return every(leaf, r, world, here, i, shown, written, false);
    const child = select(here.get(step.key), world);
    if (!child) return { res: undefined };
    const key = here.node?.kind === 'map' ? getPair(here.node, step.key)?.key : undefined;
    return walk(leaf, r, world, child, i + 1, shown ? `${shown}.${step.key}` : step.key, key ?? written);
  }
  if (!here.isSeq) return test(leaf.test, undefined, { at: here, path: shown + rest(leaf.path, i, shown), value: describe(here) });
  if ('every' in step) return every(leaf, r, world, here, i, shown, written, true);
  const items = here.items();
  const item = items[step.index];
  if (!item) return test(leaf.test, undefined, { at: here, path: `${shown}[${step.index}]${rest(leaf.path, i + 1, 'x')}`, value: 'not set' });
  const one = select(item, world);
  return one ? walk(leaf, r, world, one, i + 1, `${shown}[${step.index}]`, written) : { res: undefined };
}

/** Every item of the list `here` must pass (an empty list passes); `consume`: the step is `*` (else a key to apply to each). */
function every(leaf: Leaf, r: Resource, world: World, here: Val, i: number, shown: string, written: Node | undefined, consume: boolean): Outcome {
  let unknown = false;
  let first: Outcome | undefined;
  const items = here.items();
  for (let n = 0; n < items.length; n++) {
    const one = select(items[n], world);
    if (!one) {
      unknown = true;
      continue;
    }
    const o = walk(leaf, r, world, one, consume ? i + 1 : i, `${shown}[${n}]`, written);
    if (o.res === false) return o;
    if (o.res === undefined) unknown = true;
    first ??= o;
  }
  if (unknown) return { res: undefined };
  return { res: true, witness: first?.witness ?? { at: here, path: shown, value: describe(here) } };
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

/** The test on a value (`undefined`: missing). */
function test(t: LeafTest, v: Val | undefined, witness: Witness): Outcome {
  return { res: testValue(t, v), witness };
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
