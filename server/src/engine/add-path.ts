// `addPath`: set a value at a path of a resource, creating what is missing along the way in the file's own style.
// Built on Edits.addPairs / replaceNode / setValue only: the text is never re-serialised.
import type { Resource } from '../formats/resource';
import type { Val } from '../formats/value';
import { get, getPair, type MapNode } from '../model/tree';
import type { Edits, Plain, TextEdit } from './edits';

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
