// The declarative layer for the most common control: "the setting at this path must be W".
import { addPath, addUnder, appendItem } from '../../server/src/engine/add-path';
import type { Check, CheckContext, CheckFormat, FixOffer } from '../../server/src/engine/rule';
import type { Plain, TextEdit } from '../../server/src/engine/edits';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import { get, getPair, type Node } from '../../server/src/model/tree';
import { reachable } from './alternatives';
import { itemWithKey, keyNode } from './values';

type Scalar = string | number | boolean;

export interface SettingFormat {
  /** Resource types of this format. */
  readonly types: readonly string[];
  /** Keys under the resource body (CloudFormation Properties, Terraform block body); Terraform blocks may be lists. */
  readonly path: readonly string[];
  /** Overrides the rule's `absentMeans` for this format. */
  readonly absentMeans?: Scalar | null | ((r: Resource) => Scalar | null);
  /**
   * What a missing setting means inside a block that is written (`encrypt_at_rest { }`), when it differs from a
   * missing block: Terraform blocks often default their keys, or require them. `null`: not reported.
   */
  readonly absentInBlockMeans?: Scalar | null;
  /** Overrides the rule's `appliesTo` for this format. */
  readonly appliesTo?: (r: Resource, ctx: CheckContext) => boolean;
  /** Overrides the rule's `fixNote` for this format (or per resource: undefined for none). */
  readonly fixNote?: string | ((r: Resource) => string | undefined);
  /**
   * Where `path` starts (default: the resource body). Undefined: the resource is not checked. A Kubernetes pod
   * setting starts at the pod spec, wherever the workload kind keeps it.
   */
  readonly base?: (r: Resource) => Val | undefined;
  /**
   * Several places per resource instead of one: `path` is walked from each item (every container of a pod spec,
   * every network interface), and each is reported on its own. Replaces `base`.
   */
  readonly each?: (r: Resource) => readonly SettingItem[];
}

/** One place `path` is walked from, when a format has `each`. */
export interface SettingItem {
  /** Where `path` starts. */
  readonly val: Val;
  /** The whole subject of messages about this item (`The container app of Deployment web`), instead of the rule's. */
  readonly named?: string;
  /** Written before the path in messages: `NetworkInterfaces[0].`. */
  readonly prefix?: string;
  /** Where a setting missing from the item is reported (default: the nearest written key, else the resource). */
  readonly anchor?: Val | Node;
  /** Replaces the rule's consequence for this item. */
  readonly consequence?: string;
  /** False: no quick-fix for this item (for example when another setting of it forces the value). */
  readonly fix?: boolean;
  /** Adds `keys` (missing) under `container` holding `value` (default: `addUnder`). */
  readonly add?: (ctx: CheckContext, container: Val, keys: readonly string[], value: Scalar) => TextEdit[] | undefined;
  /** Where the item inherits the setting from when it does not write it (a container from its pod's securityContext). */
  readonly inherit?: SettingInherit;
}

/**
 * The setting an item inherits: when the item's own path is missing, this one decides. A bad inherited value is
 * reported once, at the value, however many items inherit it; missing in both is reported at the item.
 */
export interface SettingInherit {
  /** Where `path` starts (a pod spec). */
  readonly val: Val;
  readonly path: readonly string[];
  /** The subject of messages about the inherited value (`Deployment web`). */
  readonly named: string;
  /** Shown instead of the path in messages: `runAsNonRoot in its pod securityContext`. */
  readonly shown?: string;
  /** Replaces the consequence for the inherited value (it concerns every item that inherits it). */
  readonly consequence?: string;
  /** How a message about an item names the place when neither sets it: `does not set X (nor does its pod)`. */
  readonly nor?: string;
}

export interface SettingSpec {
  /** What the resource is called in messages, before its ID: `KMS key`, `DynamoDB table` (or per resource). */
  readonly subject: string | ((r: Resource) => string);
  /** The whole subject of messages, the ID included (`Deployment web`), instead of `<subject> <id>`. */
  readonly named?: (r: Resource) => string;
  /** What follows from a bad value, as a clause: `so point-in-time recovery is off` (or per resource). */
  readonly consequence: string | ((r: Resource) => string);
  /** The value the setting must have; a fix writes it. */
  readonly want: Scalar;
  /**
   * What the provider uses when the setting (or a block on its path) is not written: reported when it is not `want`.
   * `null` means "absent is fine" (never reported).
   */
  readonly absentMeans: Scalar | null | ((r: Resource) => Scalar | null);
  /** False when no quick-fix is safe (for example when every client must change too). Default true. */
  readonly fix?: boolean;
  /**
   * What applying the fix does besides (`replaces an existing file system`): the fix's `caution`, said after its title
   * in parentheses; unattended fixing (`cloudline fix`, fix-all) leaves it to a person.
   */
  readonly fixNote?: string;
  /**
   * Accepts a known value other than `want` (default: equal to `want`, booleans and numbers also as strings,
   * strings without case). Returning undefined means "cannot tell": not reported.
   */
  readonly ok?: (v: Val) => boolean | undefined;
  /** A bad value is fixed by writing `want` only when this holds (default: always; e.g. not when other settings depend on it). */
  readonly fixWhen?: (v: Val) => boolean;
  /** Only resources for which this holds are checked (e.g. symmetric KMS keys; the context gives the file's other resources). */
  readonly appliesTo?: (r: Resource, ctx: CheckContext) => boolean;
  /** Per format: the resource types and the path of the setting. `terraform` covers `*.tf.json` and plans. */
  readonly formats: Partial<Record<Exclude<CheckFormat, 'kubernetes'>, SettingFormat>> & { readonly kubernetes?: SettingFormat };
}

/** The default acceptance test: the known value equals `want` (booleans and numbers also written as strings). */
export function equals(want: Scalar): (v: Val) => boolean | undefined {
  return (v) => {
    if (typeof want === 'boolean') {
      const b = v.bool();
      return b === undefined ? undefined : b === want;
    }
    if (typeof want === 'number') {
      const n = v.num();
      return n === undefined ? undefined : n === want;
    }
    const s = v.str();
    return s === undefined ? undefined : s.toLowerCase() === want.toLowerCase();
  };
}

/** One place the setting should be: found with a value, or missing from `container` on (`missing` keys). */
interface Spot {
  /** One alternative of the value (single), or of the first missing step. */
  readonly val: Val;
  /** The deepest mapping on the path that is there (known), for adding what is missing. */
  readonly container: Val;
  /** The keys still missing under `container` (empty when the value is there). */
  readonly missing: readonly string[];
  /** The key of the deepest written step of the path (not the setting itself), if any. */
  readonly keyNode?: Node;
  /** True when the path goes through a branch of `Fn::If` or a list of several blocks: no fix for a missing value. */
  readonly branched: boolean;
}

/** The `missing` of a spot whose value is written (one shared empty list). */
const NOTHING_MISSING: readonly string[] = Object.freeze([]);

/** Every place the path leads to, through `Fn::If` alternatives and Terraform block lists; unknown places are left out. */
function spots(start: Val, path: readonly string[]): Spot[] {
  const out: Spot[] = [];
  const walk = (here: Val, i: number, keyNode: Node | undefined, branched: boolean) => {
    const key = path[i];
    const child = here.get(key);
    // Branches that can happen: nested `Fn::If`s on contradicting conditions are left out.
    const alts = reachable(child);
    const childBranched = branched || alts.length > 1;
    // The key as written, looked up only to walk further down (most paths end at their first key).
    let written: Node | undefined;
    let looked = false;
    for (const alt of alts) {
      if (alt.isUnknown) continue;
      if (alt.isAbsent) {
        out.push({ val: alt, container: here, missing: path.slice(i), keyNode, branched: childBranched || alt.when.length > 0 });
        continue;
      }
      if (i === path.length - 1) {
        out.push({ val: alt, container: here, missing: NOTHING_MISSING, keyNode, branched: childBranched });
        continue;
      }
      if (!looked) {
        looked = true;
        written = here.node?.kind === 'map' ? getPair(here.node, key)?.key : undefined;
      }
      const next = written ?? keyNode;
      if (alt.isSeq) {
        // A Terraform nested block as a list (always in plans): each block; an empty list is no block at all.
        const items = alt.items();
        if (items.length === 0 && alt.node?.kind === 'seq' && alt.node.items.length === 0) {
          out.push({ val: alt, container: here, missing: path.slice(i), keyNode: written ?? keyNode, branched: true });
        }
        for (const item of items) for (const one of item.each()) if (one.isMap) walk(one, i + 1, next, childBranched || items.length > 1);
      } else if (alt.isMap) {
        walk(alt, i + 1, next, childBranched);
      }
    }
  };
  walk(start, 0, undefined, false);
  return out;
}

function shown(path: readonly string[]): string {
  return path.join('.');
}

function text(v: Scalar | null): string {
  return String(v);
}

/**
 * The `checks` of a rule whose control is one setting: the value at `path` must be `want`.
 *
 * - A known bad value is reported at the value (the first bad `Fn::If` alternative, with its condition), fixed by
 *   writing `want` where the value is written in place (not from a parameter or a branch).
 * - A missing value, when `absentMeans` is not what we want, is reported at the key of the nearest ancestor on the
 *   path that is written (a block that lacks the setting), or at the resource anchor when nothing on the path is
 *   written (or at the `Fn::If` branch that removes it). It is fixed by adding what is missing in the file's style.
 * - Unknown values (parameters without default, interpolations, values known after apply) are never reported.
 */
export function settingChecks(spec: SettingSpec): Partial<Record<CheckFormat, Check>> {
  const out: Partial<Record<CheckFormat, Check>> = {};
  for (const [format, f] of Object.entries(spec.formats) as [CheckFormat, SettingFormat][]) {
    // appliesTo gets the context: it may look at other resources (the check then reads the scope).
    out[format] = { reads: f.appliesTo || spec.appliesTo ? 'scope' : 'resource', types: f.types, run: (r, ctx) => checkSetting(r, ctx, spec, f) };
  }
  return out;
}

/** Runs one setting check on one resource (for rules that combine it with checks of their own). */
export function checkSetting(r: Resource, ctx: CheckContext, spec: SettingSpec, f: SettingFormat): void {
  const applies = f.appliesTo ?? spec.appliesTo;
  if (applies && !applies(r, ctx)) return;
  if (r.format === 'terraform' && get(get(r.node, 'dynamic'), f.path[0])) return;
  const declared = f.absentMeans === undefined ? spec.absentMeans : f.absentMeans;
  const fixNote = typeof f.fixNote === 'function' ? f.fixNote(r) : f.fixNote ?? spec.fixNote;
  const run: Run = {
    r,
    ctx,
    spec,
    f,
    ok: okOf(spec),
    absentMeans: typeof declared === 'function' ? declared(r) : declared,
    caution: fixNote,
    inherited: undefined,
  };
  if (f.each) {
    for (const item of f.each(r)) checkPlace(run, item.val, item);
    return;
  }
  const base = f.base ? f.base(r) : r.body;
  if (base) checkPlace(run, base);
}

/** The acceptance test of a spec, made once per spec (not per resource checked). */
const oks = new WeakMap<SettingSpec, (v: Val) => boolean | undefined>();
function okOf(spec: SettingSpec): (v: Val) => boolean | undefined {
  if (spec.ok) return spec.ok;
  let ok = oks.get(spec);
  if (!ok) oks.set(spec, (ok = equals(spec.want)));
  return ok;
}

/** The rule's subject of messages about `r` (`KMS key k`), composed only when a finding is reported. */
function subjectOf(spec: SettingSpec, r: Resource): string {
  return spec.named ? spec.named(r) : `${typeof spec.subject === 'string' ? spec.subject : spec.subject(r)} ${r.id}`;
}

/** The rule's consequence for `r`, composed only when a finding is reported. */
function consequenceOf(spec: SettingSpec, r: Resource): string {
  return typeof spec.consequence === 'string' ? spec.consequence : spec.consequence(r);
}

/** What one run of a setting check on one resource works out once. */
interface Run {
  readonly r: Resource;
  readonly ctx: CheckContext;
  readonly spec: SettingSpec;
  readonly f: SettingFormat;
  readonly ok: (v: Val) => boolean | undefined;
  readonly absentMeans: Scalar | null;
  readonly caution: string | undefined;
  /** Inherited values already reported (once however many items inherit them); made at the first. */
  inherited: Set<Node> | undefined;
}

/** Checks the setting at `path` from `base` (the resource's, or one item's); reports at most one finding. */
function checkPlace(run: Run, base: Val, item?: SettingItem): void {
  const { r, ctx, spec, f } = run;
  // Messages are composed only for a finding: most checks of a setting find nothing.
  const subject = () => item?.named ?? subjectOf(spec, r);
  const consequence = () => item?.consequence ?? consequenceOf(spec, r);
  const fix = spec.fix !== false && item?.fix !== false;
  const name = () => (item?.prefix ?? '') + shown(f.path);
  const leaf = f.path[f.path.length - 1];
  const badValue = (v: Val, who: string, what: string, why: string, canFix: boolean) => {
    const edits = canFix && (!spec.fixWhen || spec.fixWhen(v)) ? ctx.edits.setValue(v, spec.want) : undefined;
    ctx.report(v, `${who} sets ${what} to ${v.str() ?? '?'}, ${why}.`, {
      fix: { title: `Set ${leaf} to ${text(spec.want)}`, caution: run.caution, edits },
    });
  };
  for (const s of spots(base, f.path)) {
    if (s.missing.length === 0) {
      if (run.ok(s.val) !== false) continue;
      badValue(s.val, subject(), name(), consequence(), fix);
      return;
    }
    let nor = '';
    let means = s.missing.length === 1 && s.container !== base && f.absentInBlockMeans !== undefined ? f.absentInBlockMeans : run.absentMeans;
    if (item?.inherit && s.val.when.length === 0) {
      // Not written by the item: the inherited setting decides, unknown when it is unknown.
      const from = item.inherit;
      const there = spots(from.val, from.path);
      if (there.length === 0) return;
      const t = there[0];
      if (t.missing.length === 0) {
        if (run.ok(t.val) !== false) return;
        run.inherited ??= new Set();
        if (!run.inherited.has(t.val.at)) {
          run.inherited.add(t.val.at);
          badValue(t.val, from.named, from.shown ?? shown(from.path), from.consequence ?? consequence(), spec.fix !== false);
        }
        return;
      }
      means = run.absentMeans;
      nor = from.nor ? ` (nor does ${from.nor})` : '';
    }
    if (means === null || means === spec.want) continue;
    const at: Val | Node = s.val.when.length > 0 ? s.val : item?.anchor ?? s.keyNode ?? r.anchor;
    const edits = s.branched || !fix
      ? undefined
      : item?.add
        ? item.add(ctx, s.container, s.missing, spec.want)
        : s.container === r.body && base === r.body
          ? addPath(ctx.edits, r, f.path, spec.want)
          : addUnder(ctx.edits, s.container, s.missing, spec.want);
    ctx.report(at, `${subject()} does not set ${name()}${nor}, which defaults to ${text(means)}, ${consequence()}.`, {
      fix: { title: `Add ${name()}: ${text(spec.want)}`, caution: run.caution, edits },
    });
    return;
  }
}

/** A snippet placeholder for a value the user must choose (`${1:<example>}`); accepting it writes `example`. */
export function placeholder(example: string): string {
  return `\${1:${example}}`;
}

/**
 * The fix for a setting whose value the user must choose (a KMS key, a user ID): a snippet that adds `path`
 * (under the resource body, or under `from` when given) holding `value` (with a `placeholder`) when `alt` is
 * missing and written nowhere (not an `Fn::If` branch), or replaces `alt` when it is written in place. Undefined
 * edits (no fix) otherwise; the engine then offers none.
 */
export function chooseFix(ctx: CheckContext, r: Resource, alt: Val, path: readonly string[], value: Plain, title: string, from?: Val): FixOffer {
  let edits: TextEdit[] | undefined;
  if (alt.isAbsent) {
    if (alt.when.length === 0) edits = from && from !== r.body ? addUnder(ctx.edits, from, path, value) : addPath(ctx.edits, r, path, value);
  } else if (!alt.isUnknown) {
    edits = ctx.edits.setValue(alt, value);
  }
  return { title, edits, snippet: true };
}

/**
 * A CloudFormation setting written as one item of a list of name/value pairs (`LoadBalancerAttributes` items with
 * `Key`/`Value`, `ClusterSettings` items with `Name`/`Value`), where a missing item means the provider's default.
 */
export interface ListItemSetting {
  /** The property that holds the list. */
  readonly list: string;
  /** The field of an item that names it (`Key`, `Name`), and the item's name. */
  readonly nameField: string;
  readonly name: string;
  /** The value a fix writes. */
  readonly want: string;
  /** True for a known value that must be reported (a value that cannot be judged is never reported). */
  readonly bad: (v: Val) => boolean;
  /** The finding when the item is missing, and when its value is bad. */
  readonly missing: string;
  readonly badValue: (v: Val) => string;
  /** The fix titles; a missing item gets a fix only when `addTitle` is given. */
  readonly setTitle: string;
  readonly addTitle?: string;
  /** Where a missing item is added: only where the list is not written (`'new-list'`), or also to a written list. */
  readonly add?: 'new-list' | 'any';
  readonly caution?: string;
}

/**
 * Reports the item of `s.list` named `s.name` when it is missing (at the list's key, or the resource) or has a bad
 * value (at the value), once per resource: a list, item or name not known stops the check. A missing item's fix adds
 * it (`{nameField: name, Value: want}`) only where the list has one alternative, written in place or not at all.
 */
export function checkListItemSetting(r: Resource, ctx: CheckContext, s: ListItemSetting): void {
  const list = r.body.get(s.list);
  for (const alt of list.each()) {
    const item = itemWithKey(alt, s.nameField, s.name);
    if (item === 'unknown') return;
    if (!item) {
      const at = list.alts.length === 1 ? (keyNode(r.body, s.list) ?? r.anchor) : alt.isAbsent ? alt : r.anchor;
      let fix: FixOffer | undefined;
      if (s.addTitle) {
        const entry = { [s.nameField]: s.name, Value: s.want };
        const edits =
          list.alts.length !== 1 ? undefined : alt.isAbsent ? addPath(ctx.edits, r, [s.list], [entry]) : s.add === 'any' ? appendItem(ctx.edits, alt, entry) : undefined;
        fix = { title: s.addTitle, edits, caution: s.caution };
      }
      ctx.report(at, s.missing, fix && { fix });
      return;
    }
    const bad = item.get('Value').find(s.bad);
    if (bad) {
      ctx.report(bad, s.badValue(bad), { fix: { title: s.setTitle, edits: ctx.edits.setValue(bad, s.want), caution: s.caution } });
      return;
    }
  }
}

