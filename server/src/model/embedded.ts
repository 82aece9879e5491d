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
  const doc: SourceDoc = node.doc;
  if (node.doc.lang === 'yaml') {
    // An end is where the character before it ends in the file: not past the line break or spaces that follow it.
    const yaml = yamlMap(node);
    const end = (o: number) => (yaml ? (o === 0 ? yaml.starts[0] : yaml.ends[o - 1]) : undefined);
    return remap(parsed.doc.root, (o) => yaml?.starts[o], node, doc, undefined, end);
  }
  const map = node.doc.lang === 'json' || (node.doc.lang === 'hcl' && node.style === 'quoted') ? offsetMap(node) : node.doc.lang === 'hcl' ? heredocMap(node) : undefined;
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

/**
 * A YAML string (a literal or folded block, a quoted or plain scalar, one line or several): decoded index → file
 * offset. The value is walked beside the text it was written as: equal characters map to each other; what YAML leaves
 * out of the value (a block's indentation, the spaces around a folded line break, a line break folded into a space,
 * the second quote of `''`, a double-quoted string's escape) is stepped over. Undefined when the two cannot be
 * aligned (an escape other than the simple ones, an indentation indicator): the nodes then span the whole string.
 */
function yamlMap(node: ScalarNode): { starts: number[]; ends: number[] } | undefined {
  const text = node.doc.text;
  const value = node.value as string;
  let [j, end] = node.span;
  let quote = '';
  let indent = -1;
  if (node.style === 'block') {
    const header = text.slice(j, text.indexOf('\n', j) < 0 ? end : text.indexOf('\n', j));
    if (/\d/.test(header)) return undefined;
    j = text.indexOf('\n', j) + 1;
    if (j <= 0) return undefined;
    // The block's indentation: that of its first line that is not empty.
    const first = /^(?:[ \t]*\r?\n)*( *)/.exec(text.slice(j, end));
    indent = first ? first[1].length : 0;
    j = skipIndent(text, j, indent);
  } else if (node.style === 'quoted') {
    quote = text[j];
    if (quote !== "'" && quote !== '"') return undefined;
    j++;
    end--;
  }
  const out: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    for (;;) {
      if (j >= end) return undefined;
      const c = text[j];
      if (quote === '"' && c === '\\') {
        const n = text[j + 1];
        const decoded = n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '"' || n === '\\' || n === '/' ? n : undefined;
        if (decoded === undefined || decoded !== v) return undefined;
        out.push(j);
        j += 2;
        ends.push(j);
        break;
      }
      if (c === v) {
        out.push(j);
        j += quote === "'" && c === "'" ? 2 : 1;
        ends.push(j);
        if (c === '\n') j = indent >= 0 ? skipIndent(text, j, indent) : skipSpace(text, j);
        break;
      }
      // A line break the value folds into a space: that space is the break.
      if (c === '\n' && v === ' ') {
        out.push(j);
        ends.push(j + 1);
        j = indent >= 0 ? skipIndent(text, j + 1, indent) : skipSpace(text, j + 1);
        break;
      }
      if (c === '\n') {
        j = indent >= 0 ? skipIndent(text, j + 1, indent) : skipSpace(text, j + 1);
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        j++;
        continue;
      }
      return undefined;
    }
  }
  out.push(j);
  return { starts: out, ends };
}

/** Past up to `indent` spaces of a block scalar's line. */
function skipIndent(text: string, j: number, indent: number): number {
  let k = 0;
  while (k < indent && text.charCodeAt(j) === 32) {
    j++;
    k++;
  }
  return j;
}

/** Past the spaces and tabs that begin a continuation line of a flow scalar. */
function skipSpace(text: string, j: number): number {
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  return j;
}

function sourceText(node: ScalarNode): string | undefined {
  return node.doc.text;
}

function remap(
  n: Node,
  at: (o: number) => number | undefined,
  host: ScalarNode,
  doc: SourceDoc,
  parent?: MapNode | Node,
  endAt: (o: number) => number | undefined = at,
): Node {
  const s = at(n.span[0]);
  const e = endAt(n.span[1]);
  const span: [number, number] = s !== undefined && e !== undefined ? [s, e] : [host.span[0], host.span[1]];
  if (n.kind === 'map') {
    const m: MapNode = { kind: 'map', pairs: [], flow: true, span, doc, parent: undefined };
    for (const p of n.pairs) {
      const key = remap(p.key, at, host, doc, m, endAt) as ScalarNode;
      const value = remap(p.value, at, host, doc, m, endAt);
      m.pairs.push({ key, value, span: [key.span[0], value.span[1]] });
    }
    return withParent(m, parent);
  }
  if (n.kind === 'seq') {
    const seq = { kind: 'seq' as const, items: [] as Node[], flow: true, span, doc, parent: undefined };
    for (const item of n.items) seq.items.push(remap(item, at, host, doc, seq, endAt));
    return withParent(seq, parent);
  }
  return withParent({ ...n, span, doc }, parent);
}

function withParent<T extends Node>(n: T, parent: Node | undefined): T {
  if (parent && parent.kind !== 'scalar') n.parent = parent;
  return n;
}
