// JSON written inside a string (Terraform `policy = "{\"Statement\": …}"`, plan values): parsed into the tree with
// spans mapped back into the file, so a finding inside an embedded policy lands on the exact characters.
import { parseJson } from './json';
import type { MapNode, Node, ScalarNode, SourceDoc, Span } from './tree';

/**
 * Parses by string node, each with the span it was parsed at: an incremental re-parse moves the nodes after an edit
 * by giving them a new span (model/incremental.ts), and the parsed tree's offsets are the old ones then.
 */
const cache = new WeakMap<ScalarNode, { readonly span: Span; readonly root: Node | null }>();

/**
 * Parses the JSON text held by a string scalar. Returns undefined when the string is not JSON.
 * Spans point into the file when the string is a JSON string literal in the file; otherwise every
 * node spans the whole string.
 */
export function parseEmbeddedJson(node: ScalarNode): Node | undefined {
  const hit = cache.get(node);
  if (hit !== undefined && hit.span === node.span) return hit.root ?? undefined;
  const result = parse(node);
  cache.set(node, { span: node.span, root: result ?? null });
  return result;
}

function parse(node: ScalarNode): Node | undefined {
  if (typeof node.value !== 'string') return undefined;
  const decoded = node.value;
  const trimmed = decoded.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  // Parsed as its own text; its offsets are then mapped onto the host file's.
  const parsed = parseJson(decoded);
  if (!parsed.doc.root) return undefined;
  const map = node.doc.lang === 'json' || (node.doc.lang === 'hcl' && node.style === 'quoted') ? offsetMap(node) : node.doc.lang === 'hcl' ? heredocMap(node) : undefined;
  const doc: SourceDoc = node.doc;
  return remap(parsed.doc.root, (o) => (map ? map[o] : undefined), node, doc);
}

/**
 * For a JSON string literal in the file: decoded index → file offset (one more entry for the end).
 * Undefined when the literal does not decode to the node's value (it should always do).
 */
function offsetMap(node: ScalarNode): number[] | undefined {
  const text = sourceText(node);
  if (text === undefined) return undefined;
  const [start, end] = node.span;
  const out: number[] = [];
  let i = start + 1;
  while (i < end - 1) {
    out.push(i);
    if (text.charCodeAt(i) === 92 /* \ */) {
      const next = text[i + 1];
      i += next === 'u' ? 6 : 2;
    } else {
      i += 1;
    }
  }
  out.push(end - 1);
  return out.length === (node.value as string).length + 1 ? out : undefined;
}

/** An HCL heredoc (`<<EOF`) whose text is its value verbatim: decoded index → file offset. */
function heredocMap(node: ScalarNode): number[] | undefined {
  const text = node.doc.text;
  const start = text.indexOf('\n', node.span[0]) + 1;
  const value = node.value as string;
  if (start <= 0 || text.slice(start, start + value.length) !== value) return undefined;
  const out: number[] = [];
  for (let i = 0; i <= value.length; i++) out.push(start + i);
  return out;
}

function sourceText(node: ScalarNode): string | undefined {
  return node.doc.text;
}

function remap(n: Node, at: (o: number) => number | undefined, host: ScalarNode, doc: SourceDoc, parent?: MapNode | Node): Node {
  const s = at(n.span[0]);
  const e = at(n.span[1]);
  const span: [number, number] = s !== undefined && e !== undefined ? [s, e] : [host.span[0], host.span[1]];
  if (n.kind === 'map') {
    const m: MapNode = { kind: 'map', pairs: [], flow: true, span, doc, parent: undefined };
    for (const p of n.pairs) {
      const key = remap(p.key, at, host, doc, m) as ScalarNode;
      const value = remap(p.value, at, host, doc, m);
      m.pairs.push({ key, value, span: [key.span[0], value.span[1]] });
    }
    return withParent(m, parent);
  }
  if (n.kind === 'seq') {
    const seq = { kind: 'seq' as const, items: [] as Node[], flow: true, span, doc, parent: undefined };
    for (const item of n.items) seq.items.push(remap(item, at, host, doc, seq));
    return withParent(seq, parent);
  }
  return withParent({ ...n, span, doc }, parent);
}

function withParent<T extends Node>(n: T, parent: Node | undefined): T {
  if (parent && parent.kind !== 'scalar') n.parent = parent;
  return n;
}
