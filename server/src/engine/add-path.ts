// `addPath`: set a value at a path of a resource, creating what is missing along the way in the file's own style.
// Built on Edits.addPairs / replaceNode / setValue only: the text is never re-serialised.
import type { Resource } from '../formats/resource';
import type { Val } from '../formats/value';
import { get, getPair, type MapNode, type Node, type SeqNode } from '../model/tree';
import { sharedIn, type Edits, type Plain, type TextEdit } from './edits';

/** `{a: {b: value}}` for the keys `[a, b]`. */
function nest(keys: readonly string[], value: Plain): Plain {
  let v = value;
  for (let i = keys.length - 1; i >= 0; i--) v = { [keys[i]]: v };
  return v;
}

/** The mapping of a value written in place (not a parameter default, not a branch of `Fn::If`). */
function inPlaceMap(v: Val): MapNode | undefined {
  const n = v.node;
  return n && n.kind === 'map' && n === v.at && v.when.length === 0 && !n.shortTag ? n : undefined;
}

/** Edits that add `key: value` to a mapping, in its style (an empty `{}` on one line stays on one line). */
function addToMap(edits: Edits, map: MapNode, key: string, value: Plain): TextEdit[] | undefined {
  const e = edits.addPair(map, key, value);
  return e.length > 0 ? e : undefined;
}

/**
 * Edits that make `keys` under the mapping `from` hold `value`: missing mappings along the path are created (a
 * Terraform nested block in its object form), a Terraform block written as a list of exactly one object is entered,
 * and a value already there is replaced. Undefined when the path goes through anything not written in place (a
 * parameter, a branch of `Fn::If`, an interpolation, a list of several blocks) or a key written with no usable value.
 */
export function addUnder(edits: Edits, from: Val, keys: readonly string[], value: Plain): TextEdit[] | undefined {
  let here = from;
  for (let i = 0; i < keys.length; i++) {
    const map = inPlaceMap(here);
    if (!map) return undefined;
    const key = keys[i];
    // A `dynamic "key"` block in HCL generates the blocks: their content is only known at plan time.
    if (map.doc.lang === 'hcl' && get(get(map, 'dynamic'), key)) return undefined;
    const pair = getPair(map, key);
    if (!pair) return addToMap(edits, map, key, nest(keys.slice(i + 1), value));
    let next = here.get(key);
    if (i === keys.length - 1) return next.node && next.node.kind !== 'map' && next.node.kind !== 'seq' ? edits.setValue(next, value) : undefined;
    if (next.isSeq) {
      const items = next.node?.kind === 'seq' ? next.node.items : [];
      if (next.node !== next.at || items.length !== 1) return undefined;
      next = next.items()[0];
      if (!next) return undefined;
    }
    here = next;
  }
  return undefined;
}

/**
 * Edits that set `path` (keys under the resource's body: CloudFormation Properties, the Terraform block body, the
 * whole Kubernetes object) to `value`, in the file's style. A CloudFormation resource without `Properties` gets them;
 * a Terraform `dynamic` block of the first key makes the path unknown (no edit). Plans are never edited.
 */
export function addPath(edits: Edits, resource: Resource, path: readonly string[], value: Plain): TextEdit[] | undefined {
  if (path.length === 0 || resource.format === 'terraform-plan') return undefined;
  if (resource.format === 'terraform' && get(get(resource.node, 'dynamic'), path[0])) return undefined;
  if (resource.format === 'cloudformation' && resource.body.isAbsent && !getPair(resource.node, 'Properties')) {
    return addToMap(edits, resource.node, 'Properties', nest(path, value));
  }
  return addUnder(edits, resource.body, path, value);
}

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** After the line break that ends the line holding `offset` (the text's end on its last line). */
function nextLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

/** The end of an entry's own text: block collections may end after their last line break. */
function entryEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * The edit that removes entry `i` of a collection (`spans[i]`, from its key or first character to its end) written in
 * YAML or JSON: in a flow collection or JSON the entry and one comma, in a YAML block collection its lines (its line
 * comment included). The last entry left makes the collection empty (`[]`, `{}`), never `null`. Undefined when the
 * entry shares its lines with anything else, or when a comment between flow entries would go with it.
 */
function removeEntry(node: MapNode | SeqNode, spans: readonly (readonly [number, number])[], i: number): TextEdit[] | undefined {
  const doc = node.doc;
  if (doc.lang !== 'yaml' && doc.lang !== 'json') return undefined;
  const text = doc.text;
  const [start, rawEnd] = spans[i];
  const end = entryEnd(text, start, rawEnd);
  const empty = node.kind === 'map' ? '{}' : '[]';
  const flow = node.flow || doc.lang === 'json';
  let edit: TextEdit;
  if (spans.length === 1) {
    if (flow) {
      const from = node.span[0] + 1;
      const to = entryEnd(text, from, node.span[1]) - 1;
      edit = { start: from, end: to, text: '' };
    } else {
      // The whole block collection (a sequence's span starts at its first `-`) becomes the empty flow collection.
      // Written after its key (`add: []`) when only blanks and line breaks come between.
      const colon = entryEnd(text, 0, node.span[0]);
      const afterKey = text[colon - 1] === ':';
      edit = { start: afterKey ? colon : node.span[0], end: entryEnd(text, node.span[0], node.span[1]), text: afterKey ? ` ${empty}` : empty };
    }
  } else if (flow) {
    // `a, b, c` → `b, c` (with the comma after), `a, b` → `a` (the last entry, with the comma before): removing
    // neighbours then never overlaps, except the last two.
    edit = i < spans.length - 1 ? { start, end: spans[i + 1][0], text: '' } : { start: entryEnd(text, 0, spans[i - 1][1]), end, text: '' };
  } else {
    const from = lineStart(text, start);
    const after = text.slice(end, nextLine(text, end)).trim();
    if (after !== '' && !after.startsWith('#')) return undefined;
    const prefix = text.slice(from, start);
    if (node.kind === 'seq' ? !/^[ \t]*-[ \t]+$/.test(prefix) : /\S/.test(prefix)) {
      // The first pair of a block sequence item (`- name: a`): the next pair moves up to its place.
      if (i !== 0 || node.kind !== 'map') return undefined;
      edit = { start, end: spans[1][0], text: '' };
    } else {
      edit = { start: from, end: nextLine(text, end), text: '' };
    }
  }
  // A comment between entries (outside the entry's own text) is not the entry's to take along.
  if (flow && (text.slice(edit.start, Math.max(edit.start, start)) + text.slice(Math.min(edit.end, end), edit.end)).includes('#')) return undefined;
  return [edit];
}

/** Edits that remove `key` and its value from a mapping written in YAML or JSON (see removeEntry); undefined when it cannot. */
export function removePair(map: MapNode, key: string): TextEdit[] | undefined {
  const i = map.pairs.findIndex((p) => p.key.value === key);
  if (i < 0 || map.shortTag) return undefined;
  return removeEntry(map, map.pairs.map((p) => [p.key.span[0], p.value.span[1]] as const), i);
}

/** Edits that remove an item from a sequence written in YAML or JSON (see removeEntry); undefined when it cannot. */
export function removeItem(seq: SeqNode, item: Node): TextEdit[] | undefined {
  const i = seq.items.indexOf(item);
  if (i < 0) return undefined;
  return removeEntry(seq, seq.items.map((n) => n.span), i);
}

/**
 * Edits that append `item` to the list `list` (a CloudFormation list, a Kubernetes `command`, a Terraform list
 * attribute) in its style (see Edits.appendItem): a YAML block sequence gets a `- item` line, a flow sequence, JSON
 * array or HCL list `, item` before `]`. Undefined when the list is not written in place as the value of a key: a
 * parameter's default, a branch of `Fn::If`, an unknown or absent value, a list behind an anchor, an alias or a merge
 * key (an edit there would change every place that uses it), a tagged list, repeated HCL blocks.
 */
export function appendItem(edits: Edits, list: Val, item: Plain): TextEdit[] | undefined {
  const node = list.node;
  if (!node || node.kind !== 'seq' || node !== list.at || list.when.length > 0 || list.alts.length !== 1) return undefined;
  const parent = node.parent;
  if (!parent || parent.kind !== 'map') return undefined;
  const pair = parent.pairs.find((p) => p.value === node);
  if (!pair || (pair.key.parent !== parent && pair.key.parent !== undefined)) return undefined;
  const lang = node.doc.lang;
  if (lang === 'hcl' && !node.flow) return undefined;
  // Between the key and the list: only its `:` (`=` in HCL) and, in YAML, a comment; an anchor or a tag is not ours.
  const between = node.doc.text.slice(pair.key.span[1], node.span[0]);
  const sep = lang === 'hcl' ? /^[ \t]*=[ \t]*$/ : lang === 'json' ? /^\s*:\s*$/ : /^[ \t]*:[ \t]*(#[^\r\n]*)?\s*$/;
  if (!sep.test(between)) return undefined;
  if (sharedIn(node)) return undefined;
  const e = edits.appendItem(node, item);
  return e.length > 0 ? e : undefined;
}
