// HCL adapter (Terraform `*.tf`, `*.tfvars`): tree-sitter's tree → the source-mapped tree, shaped like the Terraform
// JSON document the same configuration would be (`resource "t" "n" { … }` ≈ {"resource": {"t": {"n": {…}}}}), so
// formats/terraform.ts reads both. web-tree-sitter stays behind this file, as `yaml` and momoa stay behind theirs.
//
// Values: literals are themselves; every other expression (a reference, a function call, a conditional, a `for`) is a
// string scalar `${<expression as written>}`, exactly what Terraform JSON writes for it, and string templates keep
// their interpolations as `${…}`: Terraform semantics (unknown until plan, references between resources) then follow
// from the same code as for JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Node as TsNode } from 'web-tree-sitter';
import { DEFAULT_LIMITS, LimitError, type MapNode, type Node, type Pair, type ParseLimits, type ParseProblem, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';

export interface HclParse {
  doc: SourceDoc;
  problems: ParseProblem[];
}

let parser: Parser | undefined;
let initialising: Promise<void> | undefined;
let initError: string | undefined;

/** The directories the `.wasm` files may sit in: next to the bundle (dist/), or the repository's dist/ and packages (tests run the sources). */
function wasmPath(name: string, pkg: string): string {
  const candidates = [
    join(__dirname, name),
    join(__dirname, '..', '..', '..', 'dist', name),
    join(__dirname, '..', '..', '..', 'node_modules', pkg, name),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/**
 * Loads the HCL parser (WebAssembly, read from disk next to the bundle; nothing is fetched). Call once at start-up
 * (CLI, server, test setup) and await it: `parseFile` stays synchronous. Never rejects: a failure is remembered
 * and each `.tf` file then gets a problem saying so.
 */
export function initHcl(): Promise<void> {
  initialising ??= (async () => {
    try {
      const runtime = readFileSync(wasmPath('web-tree-sitter.wasm', 'web-tree-sitter'));
      await Parser.init({ wasmBinary: runtime.buffer.slice(runtime.byteOffset, runtime.byteOffset + runtime.byteLength) } as object);
      const grammar = readFileSync(wasmPath('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
      const language = await Language.load(new Uint8Array(grammar));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    } catch (e) {
      initError = String((e as Error)?.message ?? e);
    }
  })();
  return initialising;
}

/** True once `initHcl` has loaded the parser. */
export function hclReady(): boolean {
  return parser !== undefined;
}

/** Parses HCL text. Before `initHcl` has finished (or when it failed), the document is empty and one problem says why. */
export function parseHcl(text: string, limits: Pick<ParseLimits, 'maxDepth'> = DEFAULT_LIMITS): HclParse {
  const doc: SourceDoc = { index: 0, lang: 'hcl', text, span: [0, text.length], root: undefined };
  const problems: ParseProblem[] = [];
  if (!parser) {
    const why = initError ? `the HCL parser failed to load (${initError})` : 'the HCL parser is not loaded yet (initHcl was not awaited)';
    problems.push({ span: [0, Math.min(1, text.length)], message: `Cloudline did not lint this file: ${why}.`, severity: 'error' });
    return { doc, problems };
  }
  const tree = parser.parse(text);
  if (!tree) {
    problems.push({ span: [0, Math.min(1, text.length)], message: 'Cloudline could not parse this HCL file.', severity: 'error' });
    return { doc, problems };
  }
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const p = firstError(root, text);
      if (p) problems.push(p);
      doc.root = recover(parser, text, doc, limits.maxDepth);
    } else {
      const body = copyTree(root, text).namedChildren.find((c) => c.type === 'body');
      doc.root = new Converter(text, doc, limits.maxDepth).body(body, [0, text.length], 0);
    }
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    problems.push({ span: [e.at, Math.min(e.at + 1, text.length)], message: e.message, severity: 'error', limit: e.limit });
    doc.root = undefined;
  } finally {
    tree.delete();
  }
  return { doc, problems };
}

/** Offsets of the lines that look like they open a top-level block: a name at column 0, `{` at the end of the line. */
function topBlockStarts(text: string): number[] {
  const out: number[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(start);
    const name = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    let last = end - 1;
    while (last > start && (text[last] === ' ' || text[last] === '\t' || text[last] === '\r')) last--;
    if (name && start > 0 && text[last] === '{') out.push(start);
    start = end + 1;
  }
  return out;
}

/**
 * After a syntax error, tree-sitter may fold the blocks that follow into the broken one. Each top-level block is
 * then parsed on its own: the blocks that parse are read, the broken one is left out, so the rest of the file is
 * still linted.
 */
function recover(p: Parser, text: string, doc: SourceDoc, maxDepth: number): MapNode {
  const starts = [0, ...topBlockStarts(text)];
  const root: MapNode = { kind: 'map', pairs: [], flow: false, span: [0, text.length], doc };
  const byKey = new Map<string, Pair>();
  for (let i = 0; i < starts.length; i++) {
    const base = starts[i];
    const chunk = text.slice(base, i + 1 < starts.length ? starts[i + 1] : text.length);
    const tree = p.parse(chunk);
    if (!tree) continue;
    try {
      if (tree.rootNode.hasError) continue;
      const body = copyTree(tree.rootNode, chunk).namedChildren.find((c) => c.type === 'body');
      if (!body) continue;
      const part = new Converter(chunk, doc, maxDepth, base).body(body, [base, base + chunk.length], 0);
      for (const pair of part.pairs) {
        const seen = byKey.get(String(pair.key.value));
        if (!seen) {
          pair.key.parent = root;
          pair.value.parent = root;
          root.pairs.push(pair);
          byKey.set(String(pair.key.value), pair);
          continue;
        }
        // The same block type again: the values become (or join) a list, as repeated blocks are.
        const items = (n: Node): Node[] => (n.kind === 'seq' && !n.flow ? n.items : [n]);
        const seq: SeqNode = { kind: 'seq', items: [...items(seen.value), ...items(pair.value)], flow: false, span: [seen.value.span[0], pair.value.span[1]], doc };
        for (const it of seq.items) it.parent = seq;
        seq.parent = root;
        const merged: Pair = { key: seen.key, value: seq, span: [seen.key.span[0], seq.span[1]] };
        root.pairs[root.pairs.indexOf(seen)] = merged;
        byKey.set(String(pair.key.value), merged);
      }
    } finally {
      tree.delete();
    }
  }
  return root;
}

/** The first ERROR or MISSING node in document order, as one problem (an iterative walk: trees may be deep). */
function firstError(root: TsNode, text: string): ParseProblem | undefined {
  const stack: TsNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isMissing) {
      const at = n.startIndex;
      return { span: [at, at], message: `Syntax error: missing ${n.type === n.text || !n.isNamed ? `"${n.type}"` : n.type} here.`, severity: 'error' };
    }
    if (n.type === 'ERROR') {
      const start = n.startIndex;
      let end = text.indexOf('\n', start);
      if (end < 0 || end > n.endIndex) end = n.endIndex;
      if (end <= start) end = Math.min(start + 1, text.length);
      const token = text.slice(start, end).trim().split(/\s+/)[0] ?? '';
      const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
      return { span: [start, end], message: shown ? `Syntax error: unexpected "${shown}".` : 'Syntax error.', severity: 'error' };
    }
    if (!n.hasError && !n.isMissing) continue;
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push(c);
    }
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Decodes the escapes of an HCL quoted string's literal part (`\n`, `\"`, `\uXXXX`, `\UXXXXXXXX`). */
export function unescapeHcl(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (all, e: string) => {
    if (e.length > 1) {
      const cp = parseInt(e.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ESCAPES[e] ?? all;
  });
}

/**
 * A named node of tree-sitter's tree, copied out of the WebAssembly heap in one cursor walk. Each property read of a
 * web-tree-sitter Node is a call into WebAssembly (and `namedChildren` makes new Node objects every time): reading
 * the tree through them cost as much as the parse itself.
 */
class HNode {
  readonly namedChildren: HNode[] = [];
  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
}

/**
 * The node types whose children the converter reads. Any other node (a reference, a function call, an
 * interpolation, a conditional...) is read as its type and its text only, so its subtree is not copied.
 */
const READ_CHILDREN = new Set([
  'body', 'attribute', 'block', 'expression', 'literal_value', 'collection_value', 'template_expr', 'object', 'object_elem', 'tuple',
  'operation', 'unary_operation', 'string_lit', 'quoted_template', 'heredoc_template', 'variable_expr',
]);

/**
 * Copies the named nodes under `root` (iteratively: trees may be deep), as `namedChildren` would give them, down
 * to the nodes the converter reads the children of (READ_CHILDREN).
 */
function copyTree(root: TsNode, source: string): HNode {
  const cursor = root.walk();
  try {
    const top = new HNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, source);
    if (!cursor.gotoFirstChild()) return top;
    const stack = [top];
    for (;;) {
      if (cursor.nodeIsNamed) {
        const n = new HNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, source);
        stack[stack.length - 1].namedChildren.push(n);
        if (READ_CHILDREN.has(n.type) && cursor.gotoFirstChild()) {
          stack.push(n);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        stack.pop();
        if (stack.length === 0) return top;
      }
    }
  } finally {
    cursor.delete();
  }
}

type Pending = { key: ScalarNode; values: Node[]; span: [number, number] };

class Converter {
  constructor(
    private readonly text: string,
    private readonly doc: SourceDoc,
    private readonly maxDepth: number,
    /** Offset of `text` in the file (a top-level block re-parsed on its own after a syntax error). */
    private readonly base = 0,
  ) {}

  private s(n: HNode): number {
    return n.startIndex + this.base;
  }

  private e(n: HNode): number {
    return n.endIndex + this.base;
  }

  private scalar(value: ScalarNode['value'], span: Span, style: ScalarNode['style']): ScalarNode {
    return { kind: 'scalar', value, style, span, doc: this.doc };
  }

  private deeper(depth: number, at: number): number {
    if (depth + 1 > this.maxDepth) {
      throw new LimitError('maxDepth', at, `The HCL is nested more than ${this.maxDepth} levels deep here (the maxDepth limit): Cloudline did not lint it.`);
    }
    return depth + 1;
  }

  /** A block body (or the file) → a mapping: attributes as pairs, blocks grouped by type (repeated → a list). */
  body(body: HNode | undefined, span: Span, depth: number): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], flow: false, span, doc: this.doc };
    if (!body) return map;
    // Pairs in source order; blocks of one type share the pair of the first one.
    const entries: ({ pair: true; key: ScalarNode; value: Node } | Pending)[] = [];
    const blocks = new Map<string, Pending>();
    const dynamics: { label: ScalarNode; content: Span }[] = [];
    for (const child of body.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') {
        const name = child.namedChildren[0];
        const expr = child.namedChildren.find((c) => c?.type === 'expression');
        if (!name || name.type !== 'identifier') continue;
        const key = this.scalar(name.text, [this.s(name), this.e(name)], 'plain');
        const value = expr ? this.expr(expr, this.deeper(depth, this.s(expr))) : this.scalar(null, [this.e(child), this.e(child)], 'plain');
        entries.push({ pair: true, key, value });
      } else if (child.type === 'block') {
        const kids = child.namedChildren.filter((c): c is HNode => !!c);
        const type = kids[0];
        if (!type || type.type !== 'identifier') continue;
        const labels = kids.slice(1).filter((c) => c.type === 'string_lit' || c.type === 'identifier');
        const open = kids.find((c) => c.type === 'block_start');
        const close = kids.find((c) => c.type === 'block_end');
        const inner = kids.find((c) => c.type === 'body');
        const bodySpan: Span = [open ? this.s(open) : this.s(child), close ? this.e(close) : this.e(child)];
        let value: Node = this.body(inner, bodySpan, this.deeper(depth, this.s(child)));
        for (let i = labels.length - 1; i >= 0; i--) {
          const label = labels[i];
          const labelKey = this.scalar(this.labelText(label), [this.s(label), this.e(label)], label.type === 'string_lit' ? 'quoted' : 'plain');
          const wrap: MapNode = { kind: 'map', pairs: [], flow: false, span: i === 0 ? [this.s(child), this.e(child)] : [this.s(label), this.e(child)], doc: this.doc };
          labelKey.parent = wrap;
          value.parent = wrap;
          wrap.pairs.push({ key: labelKey, value, span: [this.s(label), value.span[1]] });
          value = wrap;
        }
        if (type.text === 'dynamic' && labels[0] && value.kind === 'map') {
          const contentBlock = value.pairs[0]?.value;
          dynamics.push({ label: value.pairs[0].key, content: contentBlock ? contentBlock.span : [this.s(child), this.e(child)] });
        }
        const pending = blocks.get(type.text);
        if (pending) {
          pending.values.push(value);
          pending.span[1] = this.e(child);
        } else {
          const p: Pending = { key: this.scalar(type.text, [this.s(type), this.e(type)], 'plain'), values: [value], span: [this.s(child), this.e(child)] };
          blocks.set(type.text, p);
          entries.push(p);
        }
      }
      // comments and ERROR nodes: skipped (the rest of the file is still read)
    }
    // `dynamic "ingress" { … }` makes `ingress` blocks known only at plan time: an unknown value, so a rule that
    // requires the block does not fire on the configuration that generates it.
    const named = new Set(entries.map((e) => String(e.key.value)));
    for (const d of dynamics) {
      const name = String(d.label.value);
      if (named.has(name)) continue;
      named.add(name);
      const key = this.scalar(name, d.label.span, 'plain');
      entries.push({ pair: true, key, value: this.scalar(`\${dynamic "${name}"}`, d.content, 'plain') });
    }
    for (const e of entries) {
      let value: Node;
      if ('pair' in e) {
        value = e.value;
      } else if (e.values.length === 1) {
        value = e.values[0];
      } else {
        const seq: SeqNode = { kind: 'seq', items: e.values, flow: false, span: [e.span[0], e.span[1]], doc: this.doc };
        for (const v of e.values) v.parent = seq;
        value = seq;
      }
      e.key.parent = map;
      value.parent = map;
      map.pairs.push({ key: e.key, value, span: [e.key.span[0], Math.max(e.key.span[1], value.span[1])] });
    }
    return map;
  }

  private labelText(label: HNode): string {
    if (label.type !== 'string_lit') return label.text;
    return unescapeHcl(label.namedChildren.filter((c) => c?.type === 'template_literal').map((c) => c!.text).join(''));
  }

  /** An unknown expression: `${…}` around the expression as written, as Terraform JSON spells it. */
  private unknown(n: HNode): ScalarNode {
    return this.scalar(`\${${n.text}}`, [this.s(n), this.e(n)], 'plain');
  }

  expr(n: HNode, depth: number): Node {
    const kids = n.namedChildren.filter((c): c is HNode => !!c && c.type !== 'comment');
    if (n.type === 'expression') {
      if (kids.length !== 1) return this.unknown(n);
      return this.expr(kids[0], depth);
    }
    switch (n.type) {
      case 'literal_value':
        return kids.length === 1 ? this.literal(kids[0]) : this.unknown(n);
      case 'collection_value':
        return kids.length === 1 ? this.expr(kids[0], depth) : this.unknown(n);
      case 'template_expr':
        return kids.length === 1 ? this.template(kids[0]) : this.unknown(n);
      case 'object':
        return this.object(n, kids, depth);
      case 'tuple': {
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, span: [this.s(n), this.e(n)], doc: this.doc };
        for (const k of kids) {
          if (k.type !== 'expression') continue;
          const item = this.expr(k, this.deeper(depth, this.s(k)));
          item.parent = seq;
          seq.items.push(item);
        }
        return seq;
      }
      case 'operation': {
        // `-1`: trivially known.
        const u = kids.length === 1 && kids[0].type === 'unary_operation' ? kids[0] : undefined;
        const lit = u?.namedChildren[0];
        if (u && u.text.startsWith('-') && lit?.type === 'literal_value' && lit.namedChildren[0]?.type === 'numeric_lit') {
          return this.scalar(-Number(lit.namedChildren[0].text), [this.s(n), this.e(n)], 'plain');
        }
        return this.unknown(n);
      }
      default:
        return this.unknown(n);
    }
  }

  private literal(n: HNode): Node {
    const span: Span = [this.s(n), this.e(n)];
    switch (n.type) {
      case 'numeric_lit':
        return this.scalar(Number(n.text), span, 'plain');
      case 'bool_lit':
        return this.scalar(n.text === 'true', span, 'plain');
      case 'null_lit':
        return this.scalar(null, span, 'plain');
      case 'string_lit':
        return this.scalar(unescapeHcl(n.namedChildren.filter((c) => c?.type === 'template_literal').map((c) => c!.text).join('')), span, 'quoted');
      default:
        return this.unknown(n);
    }
  }

  /** A quoted template or a heredoc: literal parts decoded, interpolations and directives kept as written. */
  private template(n: HNode): Node {
    const span: Span = [this.s(n), this.e(n)];
    if (n.type === 'quoted_template') {
      let value = '';
      for (const c of n.namedChildren) {
        if (!c || c.type === 'quoted_template_start' || c.type === 'quoted_template_end') continue;
        value += c.type === 'template_literal' ? unescapeHcl(c.text) : c.text;
      }
      return this.scalar(value, span, 'quoted');
    }
    if (n.type === 'heredoc_template') {
      const ids = n.namedChildren.filter((c) => c?.type === 'heredoc_identifier');
      const open = ids[0];
      const close = ids[ids.length - 1];
      if (!open || !close || open === close) return this.unknown(n);
      const bodyStart = this.text.indexOf('\n', open.endIndex) + 1;
      let bodyEnd = close.startIndex;
      while (bodyEnd > bodyStart && this.text[bodyEnd - 1] !== '\n') bodyEnd--;
      let value = bodyStart > 0 && bodyEnd >= bodyStart ? this.text.slice(bodyStart, bodyEnd) : '';
      if (value.includes('\r')) value = value.replace(/\r\n/g, '\n');
      if (n.text.startsWith('<<-')) value = dedent(value);
      return this.scalar(value, span, 'block');
    }
    return this.unknown(n);
  }

  private object(n: HNode, kids: HNode[], depth: number): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], flow: true, span: [this.s(n), this.e(n)], doc: this.doc };
    for (const elem of kids) {
      if (elem.type !== 'object_elem') continue;
      const exprs = elem.namedChildren.filter((c): c is HNode => !!c && c.type === 'expression');
      if (exprs.length < 2) continue;
      const [k, v] = [exprs[0], exprs[exprs.length - 1]];
      const key = this.objectKey(k);
      const value = this.expr(v, this.deeper(depth, this.s(v)));
      key.parent = map;
      value.parent = map;
      map.pairs.push({ key, value, span: [key.span[0], value.span[1]] });
    }
    return map;
  }

  /** `a = …` (a bare name) and `"a" = …` are the key `a`; any other key expression is unknown. */
  private objectKey(k: HNode): ScalarNode {
    const span: Span = [this.s(k), this.e(k)];
    const only = k.namedChildren.length === 1 ? k.namedChildren[0] : undefined;
    if (only?.type === 'variable_expr' && only.namedChildren.length === 1) return this.scalar(only.text, span, 'plain');
    const v = this.expr(k, 0);
    if (v.kind === 'scalar') return this.scalar(v.value === null ? 'null' : v.value, span, v.style);
    return this.unknown(k);
  }
}

/** `<<-` heredocs: the lines lose the indentation they all share. */
function dedent(s: string): string {
  const lines = s.split('\n');
  let min = Infinity;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const m = /^[ \t]*/.exec(l)![0].length;
    if (m < min) min = m;
  }
  if (!Number.isFinite(min) || min === 0) return s;
  return lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

