// HCL adapter (Terraform `*.tf`, `*.tfvars`): tree-sitter's tree → the source-mapped tree, shaped like the Terraform
// JSON document the same configuration would be (`resource "t" "n" { … }` ≈ {"resource": {"t": {"n": {…}}}}), so
// formats/terraform.ts reads both. web-tree-sitter stays behind this file, as `yaml` and momoa stay behind theirs.
//
// Values: literals are themselves; every other expression (a reference, a function call, a conditional, a `for`) is a
// string scalar `${<expression as written>}`, exactly what Terraform JSON writes for it, and string templates keep
// their interpolations as `${…}`: Terraform semantics (unknown until plan, references between resources) then follow
// from the same code as for JSON. Only what is trivially known is more: a call of a few functions on written-out
// values (`jsonencode({…})`, `lower("X")`, `merge`, `concat`, `toset`, `format`: see TRIVIAL), and the blocks a
// `dynamic` block makes from a written-out `for_each`.
//
// While typing (the editor), `parseHclKept` / `reparseHcl` keep tree-sitter's tree for the next version: it is edited
// and handed to the parser (tree-sitter's incremental parse), and the top-level blocks the edit cannot reach are
// copied from the previous document instead of being read from the tree again.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Edit, Language, Parser, type Node as TsNode, type Tree, type TreeCursor } from 'web-tree-sitter';
import { DEFAULT_LIMITS, fitted, LimitError, type MapNode, type Node, type Pair, type ParseLimits, type ParseProblem, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';

export interface HclParse {
  doc: SourceDoc;
  problems: ParseProblem[];
}

let parser: Parser | undefined;
let language: Language | undefined;
/** Per node type ID: its name, and whether it is named (read once from the grammar, not per node). */
const typeNames: string[] = [];
const typeNamed: boolean[] = [];

function typeName(id: number): string {
  let name = typeNames[id];
  if (name === undefined) name = typeNames[id] = language?.types[id] ?? 'ERROR';
  return name;
}

function isNamed(id: number): boolean {
  let named = typeNamed[id];
  if (named === undefined) named = typeNamed[id] = language?.nodeTypeIsNamed(id) ?? false;
  return named;
}
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
      const lang = await Language.load(new Uint8Array(grammar));
      const p = new Parser();
      p.setLanguage(lang);
      language = lang;
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
  return parseWith(text, limits, undefined, false);
}

/**
 * What the editor keeps of a document's last HCL parse for the next one: tree-sitter's tree (WebAssembly memory,
 * freed when the next parse takes it over or `releaseHcl` drops it) and the adapted top-level blocks by offset.
 */
interface HclState {
  tree: Tree;
  /** The parsed (prepared) text. */
  text: string;
  /** The adapted top-level attributes and blocks of an error-free tree, by start offset. */
  pieces: Map<number, Piece>;
}

const states = new WeakMap<SourceDoc, HclState>();
let liveTrees = 0;

/** A kept tree whose document was dropped without `releaseHcl` (a linter thrown away) is freed when the document is collected. */
const orphans = new FinalizationRegistry<Tree>((tree) => {
  tree.delete();
  liveTrees--;
});

/** Takes what was kept for `doc` (its tree is then the caller's to free). */
function take(doc: SourceDoc): HclState | undefined {
  const state = states.get(doc);
  if (!state) return undefined;
  states.delete(doc);
  orphans.unregister(doc);
  return state;
}

/** How many tree-sitter trees kept for incremental parsing are alive (for the test that 1,000 edits do not leak). */
export function hclLiveTrees(): number {
  return liveTrees;
}

/** Frees what `parseHclKept` / `reparseHcl` kept for `doc` (the editor closed the document). */
export function releaseHcl(doc: SourceDoc): void {
  const state = take(doc);
  if (!state) return;
  state.tree.delete();
  liveTrees--;
}

/** `parseHcl`, keeping tree-sitter's tree and the adapted blocks for `reparseHcl` (the editor's path). */
export function parseHclKept(text: string, limits: Pick<ParseLimits, 'maxDepth'> = DEFAULT_LIMITS): HclParse {
  return parseWith(text, limits, undefined, true);
}

/** One contiguous replacement: old text [start, oldEnd) became new text [start, newEnd). */
export interface HclChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Parses `text`, the next version of the text `prev` was parsed from by `parseHclKept` or `reparseHcl`, with
 * tree-sitter's incremental parse (the old tree edited, then handed to the parser), and adapts again only the
 * top-level blocks the change may reach: the others are copied from the previous document, moved. The result
 * equals `parseHcl(text)`. Undefined when nothing was kept for `prev` (the caller parses from scratch). What was
 * kept for `prev` is consumed: `prev` itself stays valid.
 */
export function reparseHcl(prev: SourceDoc, text: string, change: HclChange, limits: Pick<ParseLimits, 'maxDepth'> = DEFAULT_LIMITS): HclParse | undefined {
  if (!parser) return undefined;
  const state = take(prev);
  if (!state) return undefined;
  const old = state.text;
  if (change.oldEnd > old.length || change.newEnd > text.length || old.length - change.oldEnd !== text.length - change.newEnd) {
    state.tree.delete();
    liveTrees--;
    return undefined;
  }
  state.tree.edit(
    new Edit({
      startIndex: change.start,
      oldEndIndex: change.oldEnd,
      newEndIndex: change.newEnd,
      startPosition: pointAt(old, change.start),
      oldEndPosition: pointAt(old, change.oldEnd),
      newEndPosition: pointAt(text, change.newEnd),
    }),
  );
  return parseWith(text, limits, { state, change }, true);
}

/** The row and column (UTF-16 code units, as web-tree-sitter counts them) of an offset. */
function pointAt(text: string, at: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: at - lineStart };
}

function parseWith(text: string, limits: Pick<ParseLimits, 'maxDepth'>, reuse: { state: HclState; change: HclChange } | undefined, keep: boolean): HclParse {
  const doc: SourceDoc = { index: 0, lang: 'hcl', text, span: [0, text.length], root: undefined };
  const problems: ParseProblem[] = [];
  if (!parser) {
    const why = initError ? `the HCL parser failed to load (${initError})` : 'the HCL parser is not loaded yet (initHcl was not awaited)';
    problems.push({ span: [0, Math.min(1, text.length)], message: `Cloudline did not lint this file: ${why}.`, severity: 'error' });
    return { doc, problems };
  }
  let tree: Tree | null;
  try {
    tree = parser.parse(text, reuse?.state.tree);
  } finally {
    if (reuse) {
      reuse.state.tree.delete();
      liveTrees--;
    }
  }
  if (!tree) {
    problems.push({ span: [0, Math.min(1, text.length)], message: 'Cloudline could not parse this HCL file.', severity: 'error' });
    return { doc, problems };
  }
  const pieces = new Map<number, Piece>();
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const p = firstError(root, text);
      if (p) problems.push(p);
      doc.root = recover(parser, text, doc, limits.maxDepth);
    } else {
      doc.root = adaptFile(tree, text, doc, limits.maxDepth, pieces, reuse && { old: reuse.state, change: reuse.change });
    }
  } catch (e) {
    if (!(e instanceof LimitError)) {
      tree.delete();
      throw e;
    }
    problems.push({ span: [e.at, Math.min(e.at + 1, text.length)], message: e.message, severity: 'error', limit: e.limit });
    doc.root = undefined;
    pieces.clear();
  }
  if (keep) {
    states.set(doc, { tree, text, pieces });
    orphans.register(doc, tree, doc);
    liveTrees++;
  } else {
    tree.delete();
  }
  return { doc, problems };
}

/**
 * An error-free tree → the file's mapping, one top-level attribute or block at a time: a block that lies wholly
 * outside the change, with the same text as before, is the previous document's piece moved; the rest is adapted.
 */
function adaptFile(tree: Tree, text: string, doc: SourceDoc, maxDepth: number, pieces: Map<number, Piece>, reuse: { old: HclState; change: HclChange } | undefined): MapNode {
  const converter = new Converter(text, doc, maxDepth);
  const cursor = tree.walk();
  const list: Piece[] = [];
  try {
    // config_file → body → its attributes and blocks
    if (cursor.gotoFirstChild()) {
      do {
        if (typeName(cursor.nodeTypeId) === 'body') break;
      } while (cursor.gotoNextSibling());
      if (typeName(cursor.nodeTypeId) === 'body' && cursor.gotoFirstChild()) {
        do {
          const id = cursor.nodeTypeId;
          const type = typeName(id);
          if (type !== 'attribute' && type !== 'block') continue;
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          let piece: Piece | undefined;
          if (reuse) {
            const { old, change } = reuse;
            const delta = change.newEnd - change.oldEnd;
            const oldStart = end < change.start ? start : start > change.newEnd ? start - delta : -1;
            const was = oldStart >= 0 ? old.pieces.get(oldStart) : undefined;
            if (was && was.end - was.start === end - start && old.text.slice(was.start, was.end) === text.slice(start, end)) {
              piece = movePiece(was, start - was.start, doc);
            }
          }
          piece ??= converter.piece(copyCurrent(cursor, text, false, new HNode(type, start, end, text)), 0);
          if (!piece) continue;
          pieces.set(start, piece);
          list.push(piece);
        } while (cursor.gotoNextSibling());
      }
    }
  } finally {
    cursor.delete();
  }
  return converter.assemble(list, [0, text.length]);
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
  const root: MapNode = { kind: 'map', pairs: [], flow: false, span: [0, text.length], doc, parent: undefined };
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
        const seq: SeqNode = { kind: 'seq', items: [...items(seen.value), ...items(pair.value)], flow: false, span: [seen.value.span[0], pair.value.span[1]], doc, parent: undefined };
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
  /** Leaves share one empty list (most nodes are leaves: fewer allocations); `add` gives a node its own. */
  namedChildren: readonly HNode[] = NO_CHILDREN;
  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}
  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  add(child: HNode): void {
    if (this.namedChildren === NO_CHILDREN) this.namedChildren = [child];
    else (this.namedChildren as HNode[]).push(child);
  }
}

const NO_CHILDREN: readonly HNode[] = Object.freeze([]);

/**
 * The node types whose children the converter reads. Any other node (a reference, a function call, an
 * interpolation, a conditional...) is read as its type and its text only, so its subtree is not copied.
 */
const READ_CHILDREN = new Set([
  'body', 'attribute', 'block', 'expression', 'collection_value', 'template_expr', 'object', 'object_elem', 'tuple',
  'operation', 'unary_operation', 'quoted_template', 'heredoc_template', 'variable_expr', 'function_call', 'function_arguments',
]);

/**
 * Copies the named nodes of the cursor's current node (iteratively: trees may be deep), as `namedChildren` would give
 * them, down to the nodes the converter reads the children of (READ_CHILDREN; `all`: the current node's children in
 * any case). The cursor ends on the node it started on. Each node costs one call for its type ID (names and
 * named-ness come from tables), two for its offsets, and the moves.
 */
function copyCurrent(cursor: TreeCursor, source: string, all = false, known?: HNode): HNode {
  // `known`: the current node as the caller has already read it (its type and offsets: three calls saved).
  const top = known ?? new HNode(typeName(cursor.nodeTypeId), cursor.startIndex, cursor.endIndex, source);
  if (!(all || READ_CHILDREN.has(top.type)) || !cursor.gotoFirstChild()) return top;
  const stack = [top];
  for (;;) {
    const id = cursor.nodeTypeId;
    if (isNamed(id)) {
      const type = typeName(id);
      const n = new HNode(type, cursor.startIndex, cursor.endIndex, source);
      stack[stack.length - 1].add(n);
      // A literal's one child is told by its text (not visited): a string, true or false, null, or a number. A
      // string's value is its text between the quotes (see stringValue): its children are not visited either.
      if (type === 'literal_value') n.add(new HNode(literalType(source, n.startIndex, n.endIndex), n.startIndex, n.endIndex, source));
      else if (READ_CHILDREN.has(type) && cursor.gotoFirstChild()) {
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
}

/** The type of the one child of a `literal_value` spanning [start, end): `string_lit`, `bool_lit`, `null_lit` or `numeric_lit`. */
function literalType(source: string, start: number, end: number): string {
  const c = source.charCodeAt(start);
  if (c === 34 /* " */) return 'string_lit';
  if (end - start === 4 && source.startsWith('true', start)) return 'bool_lit';
  if (end - start === 5 && source.startsWith('false', start)) return 'bool_lit';
  if (end - start === 4 && source.startsWith('null', start)) return 'null_lit';
  return 'numeric_lit';
}

/** The value of a `string_lit` (`"…"`, no interpolation): the text between the quotes, escapes decoded. */
function stringValue(n: HNode): string {
  return n.endIndex - n.startIndex >= 2 ? unescapeHcl(n.text.slice(1, -1)) : '';
}

/** Copies a whole tree (see copyCurrent). */
function copyTree(root: TsNode, source: string): HNode {
  const cursor = root.walk();
  try {
    return copyCurrent(cursor, source, true);
  } finally {
    cursor.delete();
  }
}

/** A `dynamic "x"` block: its label, its content's span and its body (`for_each`, `iterator`, `content`). */
interface Dynamic {
  readonly label: ScalarNode;
  readonly content: Span;
  readonly block: Node | undefined;
}

/** One attribute or block of a body, adapted: what the body's mapping is assembled from. */
type Piece =
  | { readonly kind: 'attr'; readonly start: number; readonly end: number; readonly key: ScalarNode; readonly value: Node }
  | {
      readonly kind: 'block';
      readonly start: number;
      readonly end: number;
      /** The block type (`resource`), and its key node. */
      readonly type: string;
      readonly typeKey: ScalarNode;
      readonly value: Node;
      /** A `dynamic "x"` block: its label, its content's span and its body (`for_each`, `iterator`, `content`). */
      readonly dynamic?: Dynamic;
    };

/** A copy of a piece of the previous document, `delta` further on, in `doc`. */
function movePiece(p: Piece, delta: number, doc: SourceDoc): Piece {
  const key = moved(p.kind === 'attr' ? p.key : p.typeKey, delta, doc) as ScalarNode;
  const value = moved(p.value, delta, doc);
  if (p.kind === 'attr') return { kind: 'attr', start: p.start + delta, end: p.end + delta, key, value };
  // The dynamic block's body is the moved value's (label → body).
  const block = p.dynamic && value.kind === 'map' ? value.pairs[0]?.value : undefined;
  const dynamic = p.dynamic && { label: moved(p.dynamic.label, delta, doc) as ScalarNode, content: [p.dynamic.content[0] + delta, p.dynamic.content[1] + delta] as Span, block };
  return { kind: 'block', start: p.start + delta, end: p.end + delta, type: p.type, typeKey: key, value, dynamic };
}

/** Replaces, under `n`, each scalar value that `by` gives a node for (each map value and list item; not keys). */
function substitute(n: Node, by: (s: ScalarNode) => Node | undefined): void {
  if (n.kind === 'seq') {
    n.items.forEach((item, i) => {
      const r = item.kind === 'scalar' ? by(item) : undefined;
      if (r) {
        r.parent = n;
        n.items[i] = r;
      } else substitute(item, by);
    });
  } else if (n.kind === 'map') {
    n.pairs.forEach((p, i) => {
      const r = p.value.kind === 'scalar' ? by(p.value) : undefined;
      if (r) {
        r.parent = n;
        n.pairs[i] = { key: p.key, value: r, span: p.span };
      } else substitute(p.value, by);
    });
  }
}

/** A copy of a subtree with every offset `delta` further on, in `doc` (recursion: bounded by the maxDepth limit). */
function moved(n: Node, delta: number, doc: SourceDoc): Node {
  const span: Span = [n.span[0] + delta, n.span[1] + delta];
  if (n.kind === 'scalar') return { kind: 'scalar', value: n.value, style: n.style, span, doc, parent: undefined };
  if (n.kind === 'seq') {
    const seq: SeqNode = { kind: 'seq', items: [], flow: n.flow, span, doc, parent: undefined };
    for (const item of n.items) {
      const c = moved(item, delta, doc);
      c.parent = seq;
      seq.items.push(c);
    }
    return seq;
  }
  const map: MapNode = { kind: 'map', pairs: [], flow: n.flow, span, doc, parent: undefined };
  for (const p of n.pairs) {
    const key = moved(p.key, delta, doc) as ScalarNode;
    const value = moved(p.value, delta, doc);
    key.parent = map;
    value.parent = map;
    map.pairs.push({ key, value, span: [p.span[0] + delta, p.span[1] + delta] });
  }
  return map;
}

/** `${NAME.value}`, `${NAME.value.a["b"][0]}`, `${NAME.key}` alone: NAME, value or key, and the steps. */
export const ITERATOR_REF = /^\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\.(value|key)([^{}]*)\}$/;

/** One step of a traversal: `.name`, `["name"]` or `[0]` (read with `lastIndex` set: sticky). */
const STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\["([^"\\]*)"\]|\[(\d+)\]/y;

/** The steps of a traversal (`.a["b"][0]`): names and indexes; undefined when it is anything else. */
export function steps(s: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const end = s.trimEnd().length;
  for (let at = 0; at < end; ) {
    STEP.lastIndex = at;
    const m = STEP.exec(s);
    if (!m) return undefined;
    out.push(m[1] ?? m[2] ?? Number(m[3]));
    at = STEP.lastIndex;
  }
  return out;
}

/** The node `path` (from `steps`) leads to under `node`: map keys and list indexes; undefined when there is none. */
export function follow(node: Node | undefined, path: readonly (string | number)[]): Node | undefined {
  for (const k of path) {
    node = typeof k === 'number' ? (node?.kind === 'seq' ? node.items[k] : undefined) : node?.kind === 'map' ? node.pairs.find((p) => p.key.value === k)?.value : undefined;
  }
  return node;
}

/** Where a computed value stands: the call's span, in its document. */
interface At {
  readonly span: Span;
  readonly doc: SourceDoc;
}

/** True when a node holds no expression anywhere (no `${…}` or `%{…}` in any string). */
function isLiteral(n: Node): boolean {
  if (n.kind === 'scalar') return typeof n.value !== 'string' || !(n.value.includes('${') || n.value.includes('%{'));
  if (n.kind === 'seq') return n.items.every(isLiteral);
  return n.pairs.every((p) => isLiteral(p.key) && isLiteral(p.value));
}

/** A known scalar of the given type, or undefined. */
function knownScalar(n: Node | undefined): ScalarNode | undefined {
  return n?.kind === 'scalar' && isLiteral(n) ? n : undefined;
}

function stringArg(args: Node[]): string | undefined {
  const a = args.length === 1 ? knownScalar(args[0]) : undefined;
  return typeof a?.value === 'string' ? a.value : undefined;
}

/** A new list of `items` (taken over: their parent becomes the list) at `at`. */
function listOf(items: Node[], at: At): SeqNode {
  const seq: SeqNode = { kind: 'seq', items, flow: true, span: at.span, doc: at.doc, parent: undefined };
  for (const it of items) it.parent = seq;
  return seq;
}

/** Terraform's `format` verbs that need no type knowledge: `%s`, `%d`, `%v`, `%%`; any other verb: undefined. */
function format(spec: string, values: ScalarNode[]): string | undefined {
  let out = '';
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = spec[++i];
    if (verb === '%') {
      out += '%';
      continue;
    }
    const v = values[next++];
    if (!v || v.value === null) return undefined;
    if (verb === 's' || verb === 'v') out += String(v.value);
    else if (verb === 'd' && typeof v.value === 'number' && Number.isInteger(v.value)) out += String(v.value);
    else return undefined;
  }
  return next === values.length ? out : undefined;
}

/**
 * Functions whose result is trivially known when their arguments are written out: string case, list and set
 * conversions, `concat` of lists, `merge` of objects, `format` of known values, and `jsonencode` of an object or a
 * list, which stands for the JSON document it writes (its structure, with the source positions of its values: IAM
 * policies are often written so; a value inside that is an expression stays unknown, as in a JSON string with
 * `${…}`). Anything else is unknown.
 */
const TRIVIAL: Record<string, (args: Node[], at: At) => Node | undefined> = {
  lower: (args, at) => {
    const v = stringArg(args);
    return v === undefined ? undefined : { kind: 'scalar', value: v.toLowerCase(), style: 'quoted', span: at.span, doc: at.doc, parent: undefined };
  },
  upper: (args, at) => {
    const v = stringArg(args);
    return v === undefined ? undefined : { kind: 'scalar', value: v.toUpperCase(), style: 'quoted', span: at.span, doc: at.doc, parent: undefined };
  },
  tolist: (args, at) => (args.length === 1 && args[0].kind === 'seq' ? listOf(args[0].items, at) : undefined),
  toset: (args, at) => {
    if (args.length !== 1 || args[0].kind !== 'seq') return undefined;
    // A set holds each value once: known scalars are kept at their first place; anything else makes it unknown.
    const seen = new Set<string>();
    const items: Node[] = [];
    for (const it of args[0].items) {
      const k = knownScalar(it);
      if (!k) return undefined;
      const key = `${typeof k.value}:${String(k.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(it);
    }
    return listOf(items, at);
  },
  concat: (args, at) => (args.length > 0 && args.every((a) => a.kind === 'seq') ? listOf(args.flatMap((a) => (a as SeqNode).items), at) : undefined),
  merge: (args, at) => {
    if (args.length === 0 || !args.every((a) => a.kind === 'map' && a.pairs.every((p) => knownScalar(p.key)))) return undefined;
    const map: MapNode = { kind: 'map', pairs: [], flow: true, span: at.span, doc: at.doc, parent: undefined };
    const index = new Map<string, number>();
    for (const a of args as MapNode[]) {
      for (const p of a.pairs) {
        const k = String(p.key.value);
        p.key.parent = map;
        p.value.parent = map;
        const i = index.get(k);
        if (i === undefined) {
          index.set(k, map.pairs.length);
          map.pairs.push(p);
        } else map.pairs[i] = p; // a later object wins
      }
    }
    return map;
  },
  format: (args, at) => {
    const spec = knownScalar(args[0]);
    const values = args.slice(1).map(knownScalar);
    if (typeof spec?.value !== 'string' || values.some((v) => !v)) return undefined;
    const out = format(spec.value, values as ScalarNode[]);
    return out === undefined ? undefined : { kind: 'scalar', value: out, style: 'quoted', span: at.span, doc: at.doc, parent: undefined };
  },
  jsonencode: (args) => (args.length === 1 && (args[0].kind === 'map' || args[0].kind === 'seq') ? args[0] : undefined),
};

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
    return { kind: 'scalar', value, style, span, doc: this.doc, parent: undefined };
  }

  private deeper(depth: number, at: number): number {
    if (depth + 1 > this.maxDepth) {
      throw new LimitError('maxDepth', at, `The HCL is nested more than ${this.maxDepth} levels deep here (the maxDepth limit): Cloudline did not lint it.`);
    }
    return depth + 1;
  }

  /** A block body (or the file) → a mapping: attributes as pairs, blocks grouped by type (repeated → a list). */
  body(body: HNode | undefined, span: Span, depth: number): MapNode {
    const pieces: Piece[] = [];
    for (const child of body?.namedChildren ?? []) {
      const p = this.piece(child, depth);
      if (p) pieces.push(p);
    }
    return this.assemble(pieces, span);
  }

  /** An attribute or a block of a body at `depth`; undefined for comments and anything unreadable. */
  piece(child: HNode, depth: number): Piece | undefined {
    if (child.type === 'attribute') {
      const name = child.namedChildren[0];
      const expr = child.namedChildren.find((c) => c?.type === 'expression');
      if (!name || name.type !== 'identifier') return undefined;
      const key = this.scalar(name.text, [this.s(name), this.e(name)], 'plain');
      const value = expr ? this.expr(expr, this.deeper(depth, this.s(expr))) : this.scalar(null, [this.e(child), this.e(child)], 'plain');
      return { kind: 'attr', start: this.s(child), end: this.e(child), key, value };
    }
    if (child.type !== 'block') return undefined;
    const kids = child.namedChildren.filter((c): c is HNode => !!c);
    const type = kids[0];
    if (!type || type.type !== 'identifier') return undefined;
    const labels = kids.slice(1).filter((c) => c.type === 'string_lit' || c.type === 'identifier');
    const open = kids.find((c) => c.type === 'block_start');
    const close = kids.find((c) => c.type === 'block_end');
    const inner = kids.find((c) => c.type === 'body');
    const bodySpan: Span = [open ? this.s(open) : this.s(child), close ? this.e(close) : this.e(child)];
    let value: Node = this.body(inner, bodySpan, this.deeper(depth, this.s(child)));
    for (let i = labels.length - 1; i >= 0; i--) {
      const label = labels[i];
      const labelKey = this.scalar(this.labelText(label), [this.s(label), this.e(label)], label.type === 'string_lit' ? 'quoted' : 'plain');
      const wrap: MapNode = { kind: 'map', pairs: [], flow: false, span: i === 0 ? [this.s(child), this.e(child)] : [this.s(label), this.e(child)], doc: this.doc, parent: undefined };
      labelKey.parent = wrap;
      value.parent = wrap;
      wrap.pairs.push({ key: labelKey, value, span: [this.s(label), value.span[1]] });
      value = wrap;
    }
    let dynamic: Dynamic | undefined;
    if (type.text === 'dynamic' && labels[0] && value.kind === 'map') {
      const contentBlock = value.pairs[0]?.value;
      dynamic = { label: value.pairs[0].key, content: contentBlock ? contentBlock.span : [this.s(child), this.e(child)], block: contentBlock };
    }
    const typeKey = this.scalar(type.text, [this.s(type), this.e(type)], 'plain');
    return { kind: 'block', start: this.s(child), end: this.e(child), type: type.text, typeKey, value, dynamic };
  }

  /** The mapping of a body's pieces: pairs in source order; blocks of one type share the pair of the first one. */
  assemble(pieces: readonly Piece[], span: Span): MapNode {
    const map: MapNode = { kind: 'map', pairs: [], flow: false, span, doc: this.doc, parent: undefined };
    const entries: ({ pair: true; key: ScalarNode; value: Node } | Pending)[] = [];
    const blocks = new Map<string, Pending>();
    const dynamics: Dynamic[] = [];
    for (const p of pieces) {
      if (p.kind === 'attr') {
        entries.push({ pair: true, key: p.key, value: p.value });
        continue;
      }
      if (p.dynamic) dynamics.push(p.dynamic);
      const pending = blocks.get(p.type);
      if (pending) {
        pending.values.push(p.value);
        pending.span[1] = p.end;
      } else {
        const q: Pending = { key: p.typeKey, values: [p.value], span: [p.start, p.end] };
        blocks.set(p.type, q);
        entries.push(q);
      }
    }
    // `dynamic "x" { for_each = [literal list or object] content { … } }`: one `x` block per element, its
    // `x.value` (and `x.key`) known. Other `for_each` values are known at plan time only (below).
    const expanded = new Set<string>();
    for (const d of dynamics) {
      const name = String(d.label.value);
      const made = this.expand(d.label, d.block);
      if (!made) continue;
      expanded.add(name);
      const pending = blocks.get(name);
      if (pending) pending.values.push(...made);
      else if (made.length > 0) {
        const q: Pending = { key: this.scalar(name, d.label.span, 'plain'), values: made, span: [made[0].span[0], made[made.length - 1].span[1]] };
        blocks.set(name, q);
        entries.push(q);
      }
    }
    // `dynamic "ingress" { … }` makes `ingress` blocks known only at plan time: an unknown value, so a rule that
    // requires the block does not fire on the configuration that generates it.
    const named = new Set(entries.map((e) => String(e.key.value)));
    for (const d of dynamics) {
      const name = String(d.label.value);
      if (named.has(name) || expanded.has(name)) continue;
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
        const seq: SeqNode = { kind: 'seq', items: e.values, flow: false, span: [e.span[0], e.span[1]], doc: this.doc, parent: undefined };
        for (const v of e.values) v.parent = seq;
        value = seq;
      }
      e.key.parent = map;
      value.parent = map;
      map.pairs.push({ key: e.key, value, span: [e.key.span[0], Math.max(e.key.span[1], value.span[1])] });
    }
    (map as { pairs: MapNode['pairs'] }).pairs = fitted(map.pairs);
    return map;
  }

  /**
   * The blocks a `dynamic` block makes when its `for_each` is written out (a list, or an object: its keys are the
   * keys): copies of its `content`, where `ITERATOR.value`, `ITERATOR.value.a`, `ITERATOR.value["a"]` and
   * `ITERATOR.key` written alone are the element's values (copied, at the element's place in `for_each`). Undefined
   * when `for_each` is not written out (unknown until plan).
   */
  private expand(label: ScalarNode, block: Node | undefined): MapNode[] | undefined {
    if (block?.kind !== 'map') return undefined;
    const forEach = block.pairs.find((p) => p.key.value === 'for_each')?.value;
    const contents = block.pairs.filter((p) => p.key.value === 'content');
    const content = contents.length === 1 ? contents[0].value : undefined;
    if (!forEach || content?.kind !== 'map' || content.flow) return undefined;
    // A list's keys are its indexes, a set's its values, and `toset([…])` reads as a list: a list's keys stay unknown.
    let elements: { key: Node | undefined; value: Node }[];
    if (forEach.kind === 'seq') elements = forEach.items.map((value) => ({ key: undefined, value }));
    else if (forEach.kind === 'map' && forEach.pairs.every((p) => isLiteral(p.key))) elements = forEach.pairs.map((p) => ({ key: p.key, value: p.value }));
    else return undefined;
    const it = block.pairs.find((p) => p.key.value === 'iterator')?.value;
    const iterator = it === undefined ? String(label.value) : it.kind === 'scalar' && typeof it.value === 'string' ? /^\$\{([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(it.value)?.[1] : undefined;
    if (!iterator) return undefined;
    const ref = (v: string) => {
      const m = ITERATOR_REF.exec(v);
      return m && m[1] === iterator ? m : null;
    };
    return elements.map((el) => {
      const copy = moved(content, 0, this.doc) as MapNode;
      substitute(copy, (s) => {
        const m = typeof s.value === 'string' ? ref(s.value) : null;
        if (!m) return undefined;
        const node: Node | undefined = m[2] === 'key' ? el.key : el.value;
        const path = steps(m[3]);
        if (!path || (m[2] === 'key' && path.length > 0)) return undefined;
        const found = follow(node, path);
        return found && moved(found, 0, this.doc);
      });
      return copy;
    });
  }

  private labelText(label: HNode): string {
    return label.type === 'string_lit' ? stringValue(label) : label.text;
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
        const seq: SeqNode = { kind: 'seq', items: [], flow: true, span: [this.s(n), this.e(n)], doc: this.doc, parent: undefined };
        for (const k of kids) {
          if (k.type !== 'expression') continue;
          const item = this.expr(k, this.deeper(depth, this.s(k)));
          item.parent = seq;
          seq.items.push(item);
        }
        (seq as { items: Node[] }).items = fitted(seq.items);
        return seq;
      }
      case 'function_call':
        return this.call(n, kids, depth) ?? this.unknown(n);
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
        return this.scalar(stringValue(n), span, 'quoted');
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
    const map: MapNode = { kind: 'map', pairs: [], flow: true, span: [this.s(n), this.e(n)], doc: this.doc, parent: undefined };
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
    (map as { pairs: MapNode['pairs'] }).pairs = fitted(map.pairs);
    return map;
  }

  /**
   * A call of a function whose result is trivially known from literal arguments (see TRIVIAL); undefined for any
   * other call, any argument that is not known (`lower(var.x)`), or an expanded argument (`concat(x...)`): unknown.
   */
  private call(n: HNode, kids: HNode[], depth: number): Node | undefined {
    const name = kids[0]?.type === 'identifier' ? kids[0].text : '';
    const fn = Object.prototype.hasOwnProperty.call(TRIVIAL, name) ? TRIVIAL[name] : undefined;
    const argsNode = kids.find((k) => k.type === 'function_arguments');
    if (!fn || (argsNode && argsNode.namedChildren.some((a) => a.type === 'ellipsis'))) return undefined;
    const args = (argsNode?.namedChildren ?? []).filter((a) => a.type === 'expression').map((a) => this.expr(a, this.deeper(depth, this.s(a))));
    const span: Span = [this.s(n), this.e(n)];
    return fn(args, { span, doc: this.doc });
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

