// Generic helpers on values and mappings that many rules share (formerly spread over rules/lib/*).
import type { Edits, Plain, TextEdit } from '../../server/src/engine/edits';
import { addPath, addUnder } from '../../server/src/engine/add-path';
import type { CheckContext, ProjectContext } from '../../server/src/engine/rule';
import type { Resource } from '../../server/src/formats/resource';
import { Val as ValClass, type Val } from '../../server/src/formats/value';
import { parseEmbeddedJson } from '../../server/src/model/embedded';
import { getPair, type Node, type ScalarNode } from '../../server/src/model/tree';

/** Anything that can report a finding for one resource (a check's context, or a project check bound to a resource). */
export interface Reporter {
  report: CheckContext['report'];
  readonly edits: Edits;
}

/** A reporter for a project check, bound to one resource. */
export function reporterFor(ctx: ProjectContext, r: Resource): Reporter {
  return { report: (at, message, options) => ctx.report(r, at, message, options), edits: ctx.edits(r) };
}

/** The key node of `key` in the mapping `parent` (to point at a block that lacks a setting), else undefined. */
export function keyNode(parent: Val, key: string): ScalarNode | undefined {
  const n = parent.node;
  return n?.kind === 'map' ? getPair(n, key)?.key : undefined;
}

/**
 * The item of a CloudFormation `Key`/`Value` list (`LoadBalancerAttributes`, `TargetGroupAttributes`) whose
 * `keyField` is `key`, in one alternative of the list: `'unknown'` when the list, an item or an item's key is not
 * known (the item may be there), undefined when no item has that key.
 */
export function itemWithKey(list: Val, keyField: string, key: string): Val | 'unknown' | undefined {
  if (list.isUnknown) return 'unknown';
  const items = list.items();
  if (items.some((i) => i.isUnknown || i.get(keyField).isUnknown)) return 'unknown';
  return items.find((i) => i.get(keyField).str() === key);
}

/** The known mappings of a nested block: a CloudFormation property (per `Fn::If` branch) or a Terraform block (object or list). */
export function blocks(parent: Val, key: string): Val[] {
  return parent.get(key).each().flatMap((alt) => alt.list()).filter((b) => b.isMap);
}

/** True when the known string value is one of `values` (case-insensitive). */
export function isOneOf(v: Val, ...values: string[]): boolean {
  const s = v.str()?.toLowerCase();
  return s !== undefined && values.some((x) => x.toLowerCase() === s);
}

/** A value that is set to something (known or unknown): neither absent nor an empty string or empty list. */
export function isSet(v: Val): boolean {
  if (v.isAbsent) return false;
  if (v.isUnknown) return true;
  if (v.str() === '') return false;
  if (v.isSeq && v.items().length === 0 && v.node?.kind === 'seq' && v.node.items.length === 0) return false;
  return true;
}

/**
 * Where to report a setting that is missing: the `Fn::If` branch that leaves it out (so the finding carries the
 * branch's condition), else `anchor`.
 */
export function missingAt(alt: Val, anchor: Node): Val | Node {
  return alt.when.length > 0 ? alt : anchor;
}

/**
 * Edits that add `pairs` to the resource's body in the file's style (a CloudFormation resource without Properties
 * gets them); undefined when the body is not written in place.
 */
export function addProperties(r: Resource, edits: Edits, pairs: Record<string, Plain>): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  const entries = Object.entries(pairs);
  if (entries.length === 1) return addPath(edits, r, [entries[0][0]], entries[0][1]);
  // Several keys: one edit, so that insertions at the same place do not merge without separators.
  if (r.format === 'cloudformation' && r.body.isAbsent) return addWholeProperties(r, edits, pairs);
  const body = r.body.node;
  if (!body || body.kind !== 'map' || body !== r.body.at || r.body.when.length > 0) return undefined;
  out.push(...(body.pairs.length === 0 ? edits.replaceNode(body, pairs) : edits.addPairs(body, pairs)));
  return out.length ? out : undefined;
}

function addWholeProperties(r: Resource, edits: Edits, pairs: Record<string, Plain>): TextEdit[] | undefined {
  if (getPair(r.node, 'Properties')) return undefined;
  const e = edits.addPair(r.node, 'Properties', pairs);
  return e.length ? e : undefined;
}

/**
 * Edits that add `key: value` to the mapping `parent` (the resource body or a block of it), only when that mapping
 * is written in place (not a branch of `Fn::If`); a CloudFormation resource without `Properties` gets them.
 */
export function addSetting(edits: Edits, r: Resource, parent: Val, key: string, value: Plain): TextEdit[] | undefined {
  return parent === r.body ? addPath(edits, r, [key], value) : addUnder(edits, parent, [key], value);
}

export interface RequireTrue {
  /** The mapping that holds the setting (a resource body or a nested block). */
  readonly parent: Val;
  readonly key: string;
  /** Where to point when the setting is missing: a block's key, the logical ID, the Terraform name. */
  readonly anchor: Node;
  /** Report the setting when it is absent (its default is insecure). */
  readonly absentIsBad: boolean;
  /** Message for `false`, and for a missing setting. */
  readonly whenFalse: string;
  readonly whenAbsent: string;
  /** Fix titles; a fix is offered only where the value is written in place. */
  readonly setTitle?: string;
  readonly addTitle?: string;
  /** What either fix does besides (the fix's `caution`: `replaces an existing volume`). */
  readonly caution?: string;
}

/**
 * Reports a boolean setting that must be true: each `Fn::If` branch that is false (at the value), or the
 * setting missing (at `anchor`) when its default is insecure. Unknown values are never reported.
 */
export function requireTrue(rep: Reporter, r: Resource, spec: RequireTrue): void {
  const value = spec.parent.get(spec.key);
  for (const alt of value.each()) {
    if (alt.isFalse()) {
      const edits = spec.setTitle ? rep.edits.setValue(alt, true) : undefined;
      rep.report(alt, spec.whenFalse, { fix: spec.setTitle ? { title: spec.setTitle, caution: spec.caution, edits } : undefined });
    } else if (alt.isAbsent && spec.absentIsBad) {
      // Adding the key is only safe where it is not written at all (not where a branch yields AWS::NoValue).
      const written = keyNode(spec.parent, spec.key) !== undefined;
      const edits = spec.addTitle && !written ? addSetting(rep.edits, r, spec.parent, spec.key, true) : undefined;
      rep.report(missingAt(alt, spec.anchor), spec.whenAbsent, { fix: spec.addTitle ? { title: spec.addTitle, caution: spec.caution, edits } : undefined });
    }
  }
}

/** True when the value is absent, or a known empty list (plans write missing blocks as `[]`). */
export function isMissingBlock(v: Val): boolean {
  if (v.isAbsent) return true;
  const n: Node | undefined = v.node;
  return n?.kind === 'seq' && n.items.length === 0;
}

/** Case-insensitive equality of a known string (surrounding blanks ignored). */
export function strIs(v: Val, expected: string): boolean {
  return v.str()?.trim().toLowerCase() === expected.toLowerCase();
}

/**
 * The JSON documents a value holds, one per alternative: a mapping or list as written (CloudFormation, or Terraform's
 * `jsonencode(…)`), or JSON text in a string parsed in place, so that findings land on the exact characters. A
 * Terraform string with `${…}` inside is unknown as a whole, but its JSON structure is literal: its text is parsed and
 * the interpolated values stay unknown leaves. Alternatives that are neither (unknown, not JSON) give nothing.
 */
export function jsonDocuments(v: Val, r: Resource): Val[] {
  const out: Val[] = [];
  for (const alt of v.each()) {
    if (alt.isMap || alt.isSeq) {
      out.push(alt);
      continue;
    }
    const node = alt.node ?? (alt.isUnknown && r.format === 'terraform' ? alt.at : undefined);
    if (node?.kind !== 'scalar' || typeof node.value !== 'string') continue;
    const parsed = parseEmbeddedJson(node);
    if (parsed && (parsed.kind === 'map' || parsed.kind === 'seq')) out.push(ValClass.of(parsed, r.resolver, parsed, alt.when));
  }
  return out;
}
