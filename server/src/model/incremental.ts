// Re-parsing after an edit: only the YAML document, or the mapping entry, that holds the change is parsed again; the
// rest of the tree is carried over with its offsets moved. HCL: tree-sitter's incremental parse with the previous
// version's tree, and only the top-level blocks the change reaches adapted again (model/hcl.ts). Anything unusual
// falls back to a full parse.
import { parseHclKept, releaseHcl, reparseHcl, type HclParse } from './hcl';
import { LineIndex } from './lines';
import { finish, languageOf, parseFile, prepare, type ParsedFile, type ParseOptions } from './parse';
import { DEFAULT_LIMITS, type MapNode, type Node, type ParseLimits, type Pair, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';
import { AliasInSlice, parseYamlSlice, setYamlDocInfo, yamlDocInfo } from './yaml';

const UNSHARED = { shared: false, aliasNodes: 0, firstAlias: 0 } as const;

/** One contiguous replacement: old text [start, oldEnd) became new text [start, newEnd). */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The smallest single replacement that turns `a` into `b` (common prefix and suffix), or undefined when equal. */
export function diffTexts(a: string, b: string): TextChange | undefined {
  if (a === b) return undefined;
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
}

/** Maps an offset of the old text to the new one; offsets inside the replaced range have no image (undefined). */
export function mapOffset(change: TextChange, o: number): number | undefined {
  if (o <= change.start) return o;
  if (o >= change.oldEnd) return o + change.newEnd - change.oldEnd;
  return undefined;
}

export interface Reparse {
  readonly file: ParsedFile;
  /** The change from the previous text, when there was one. */
  readonly change?: TextChange;
  /**
   * How the new tree was made: `reused` (same text), `document` or `entry` (YAML: part re-parsed), `blocks` (HCL:
   * tree-sitter's incremental parse, the top-level blocks the change reaches adapted again), `full`.
   */
  readonly how: 'reused' | 'document' | 'entry' | 'blocks' | 'full';
}

/**
 * Parses `text`, the next version of `prev`'s file, re-using `prev`'s tree where the change cannot reach. The result
 * equals `parseFile(prev.uri, text)` (the robustness suite checks it on random edits).
 *
 * The tree is taken over, not copied: after a partial re-parse `prev`'s documents and nodes belong to the result
 * (their offsets are moved into `text`), so `prev` must not be used any more. The editor's `DocumentLinter` drops the
 * previous version when it lints the next one; a caller that keeps `prev` passes a fresh `parseFile` result instead.
 */
export function reparseFile(prev: ParsedFile, text: string, options: ParseOptions = {}): Reparse {
  const full = (change?: TextChange): Reparse => ({ file: parseFile(prev.uri, text, undefined, options), change, how: 'full' });
  if (prev.text === text) return { file: prev, how: 'reused' };
  const change = diffTexts(prev.text, text);
  if (!change) return { file: prev, how: 'reused' };
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (prev.lang === 'hcl' || languageOf(prev.uri, text) === 'hcl') return reparseHclFile(prev, text, change, limits, options);
  if (prev.lang !== 'yaml' || languageOf(prev.uri, text) !== 'yaml' || text.length > limits.maxFileSize) return full(change);
  if (prev.problems.some((p) => p.severity === 'error') || prev.docs.length === 0) return full(change);
  if (prev.docs.some((d) => !d.doc.root || yamlDocInfo(d.doc)?.shared !== false)) return full(change);
  // Directives (`%YAML`, `%TAG`) change how the documents after them read: not worth the care. A NUL character is
  // an error (the tree is only taken over when the result has none, see DocumentLinter's last good result).
  if (text.startsWith('%') || text.includes('\n%') || text.includes('\u0000')) return full(change);
  try {
    const patched = prev.docs.length > 1 ? patchDocument(prev, text, change, limits) : patchEntry(prev, text, change, limits);
    if (!patched) return full(change);
    const file = finish(prev.uri, text, 'yaml', new LineIndex(text), patched.docs, [], limits);
    // A document that changed format reads its scalars differently (YAML 1.1 or 1.2): parse it all again.
    if (file.docs.length !== prev.docs.length || file.docs.some((d, i) => d.format !== prev.docs[i].format)) return full(change);
    return { file, change, how: patched.how };
  } catch (e) {
    if (e instanceof AliasInSlice) return full(change);
    throw e;
  }
}

/**
 * HCL: tree-sitter's tree of the previous version (kept by `parseHclKept` / `reparseHcl`) is edited and handed to the
 * parser, and only the top-level blocks the change may reach are adapted again. Without a kept tree (the first edit
 * after a cold parse), the file is parsed in full and its tree kept for the next edit.
 */
function reparseHclFile(prev: ParsedFile, text: string, change: TextChange, limits: ParseLimits, options: ParseOptions): Reparse {
  const prevDoc = prev.docs[0]?.doc;
  const hcl = prev.lang === 'hcl' && languageOf(prev.uri, text) === 'hcl' && text.length <= limits.maxFileSize;
  if (!hcl) {
    if (prevDoc) releaseHcl(prevDoc);
    return { file: parseFile(prev.uri, text, undefined, options), change, how: 'full' };
  }
  const source = prepare(text, 'hcl');
  let parsed: HclParse | undefined;
  let how: Reparse['how'] = 'blocks';
  try {
    parsed = prevDoc ? reparseHcl(prevDoc, source, change, limits) : undefined;
    if (!parsed) {
      how = 'full';
      parsed = parseHclKept(source, limits);
    }
  } catch {
    // The last line of defence, as in parseFile: a parser bug is parseFile's problem to report.
    return { file: parseFile(prev.uri, text, undefined, options), change, how: 'full' };
  }
  return { file: finish(prev.uri, text, 'hcl', new LineIndex(text), [parsed.doc], parsed.problems, limits), change, how };
}

/**
 * `parseFile` for a document that will be edited (the editor's first lint): an HCL file keeps tree-sitter's tree, so
 * the first edit is parsed incrementally too. `releaseFile` (or the next `reparseFile`) frees it.
 */
export function parseFileForEditing(uri: string, text: string, options: ParseOptions = {}): ParsedFile {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (languageOf(uri, text) !== 'hcl' || text.length > limits.maxFileSize) return parseFile(uri, text, undefined, options);
  try {
    const parsed = parseHclKept(prepare(text, 'hcl'), limits);
    return finish(uri, text, 'hcl', new LineIndex(text), [parsed.doc], parsed.problems, limits);
  } catch {
    return parseFile(uri, text, undefined, options);
  }
}

/** Frees what the incremental parse keeps for a file (tree-sitter's tree of an HCL file): the editor closed it. */
export function releaseFile(file: ParsedFile): void {
  for (const d of file.docs) if (d.doc.lang === 'hcl') releaseHcl(d.doc);
}

interface Patched {
  docs: SourceDoc[];
  how: 'document' | 'entry';
}

/** A file of several documents: the one document that holds the change is parsed again. */
function patchDocument(prev: ParsedFile, text: string, change: TextChange, limits: ParseLimits): Patched | undefined {
  const docs = prev.docs.map((d) => d.doc);
  const source = prepare(text, 'yaml');
  const delta = change.newEnd - change.oldEnd;
  for (let k = 0; k < docs.length; k++) {
    const start = k === 0 ? 0 : docs[k].span[0];
    const end = k + 1 < docs.length ? docs[k + 1].span[0] : prev.text.length;
    if (change.start < start || change.oldEnd > end) continue;
    // The `---` line that opens the document, and the line break before the next one, must stay as they are.
    const firstLineEnd = k === 0 ? start : lineEnd(prev.text, start);
    if (k > 0 && change.start <= firstLineEnd) return undefined;
    if (k + 1 < docs.length && change.oldEnd > end - 1) return undefined;
    const newEnd = end + delta;
    const parsed = parseYamlSlice(source, start, newEnd, limits, k, { noAliases: true });
    if (parsed.docs.length !== 1 || parsed.problems.length > 0 || !parsed.docs[0].root || parsed.docs[0].span[1] !== newEnd) return undefined;
    const fresh = parsed.docs[0];
    if (k === 0 && fresh.span[0] !== docs[0].span[0]) return undefined;
    // From here on the old tree is taken over: documents before keep their offsets, those after move by `delta`.
    docs.forEach((d, i) => {
      if (i === k) return;
      retext(d, text);
      if (i > k) {
        setSpan(d, [d.span[0] + delta, d.span[1] + delta]);
        if (d.root) shiftAll(d.root, delta);
      }
    });
    setYamlDocInfo(fresh, UNSHARED);
    return { docs: docs.map((d, i) => (i === k ? fresh : d)), how: 'document' };
  }
  return undefined;
}

/** One region candidate: the mapping entry `map.pairs[index]`, whose lines are [start, end) of the old text. */
interface Entry {
  readonly map: MapNode;
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Start of the line of the next key (the old text's length for the last entry of the file). */
  readonly line: number;
  /** The key's column. */
  readonly indent: number;
  /** Nesting depth of the entry's mapping (the root mapping is 1). */
  readonly depth: number;
}

/** A single-document file: the innermost block-mapping entry that holds the change is parsed again. */
function patchEntry(prev: ParsedFile, text: string, change: TextChange, limits: ParseLimits): Patched | undefined {
  const doc = prev.docs[0].doc;
  const old = prev.text;
  const candidates: Entry[] = [];
  let map: Node | undefined = doc.root;
  // The entry's text runs to the next key itself (its indentation included: `yaml` ends a collection that ends in
  // comments after the next line's indentation); the change must end before the line break that precedes that key.
  let extentEnd = old.length;
  let extentLine = old.length;
  let depth = 1;
  while (map && map.kind === 'map' && !map.flow && !map.shortTag) {
    let found: Entry | undefined;
    for (let j = 0; j < map.pairs.length; j++) {
      const key = map.pairs[j].key;
      const start = keyLineStart(old, key);
      if (start < 0) break;
      const nextKey = j + 1 < map.pairs.length ? map.pairs[j + 1].key : undefined;
      const nextLine = nextKey ? keyLineStart(old, nextKey) : extentLine;
      if (nextLine < 0) break;
      const end = nextKey ? nextKey.span[0] : extentEnd;
      const inside = nextLine === old.length ? change.start >= key.span[0] : change.start >= key.span[0] && change.start < nextLine && change.oldEnd <= nextLine - 1;
      if (inside) {
        found = { map, index: j, start, end, line: nextLine, indent: key.span[0] - start, depth };
        break;
      }
    }
    if (!found) break;
    candidates.push(found);
    map = found.map.pairs[found.index].value;
    extentEnd = found.end;
    extentLine = found.line;
    depth++;
  }
  const source = prepare(text, 'yaml');
  const delta = change.newEnd - change.oldEnd;
  // Innermost first: the smallest text to parse; an outer entry when the inner one does not stand on its own.
  for (let c = candidates.length - 1; c >= 0; c--) {
    const e = candidates[c];
    const newEnd = e.end + delta;
    if (!standsAlone(source, e.start, newEnd, e.indent)) continue;
    // The entry sits `depth - 1` levels down: it may nest only what is left of the limit.
    const parsed = parseYamlSlice(source, e.start, newEnd, limits, 0, { noAliases: true, maxDepth: limits.maxDepth - e.depth + 1 });
    if (parsed.docs.length !== 1 || parsed.problems.length > 0 || parsed.docs[0].span[1] !== newEnd) continue;
    const root = parsed.docs[0].root;
    if (!root || root.kind !== 'map' || root.flow || root.pairs.length !== 1 || root.pairs[0].key.span[0] !== e.start + e.indent) continue;
    // `yaml` ends a block mapping after the trailing comment lines indented deeper than the mapping: when the entry
    // ends in comments and an outer mapping ends with it too, that mapping may take comments the entry's own mapping
    // does not (its end is not the slice's), so an outer entry is parsed instead.
    const endsWithEntry = candidates.slice(0, c).some((x) => x.map.span[1] >= e.start && x.map.span[1] <= e.end);
    if (endsWithEntry && /\S/.test(source.slice(root.span[1], newEnd))) continue;
    // From here on the old tree is taken over: offsets move, and the entry's pair is replaced by the new one.
    const fresh = root.pairs[0];
    const chain = new Set<Node>(candidates.slice(0, c + 1).map((x) => x.map));
    retext(doc, text);
    // The file's last entry runs to the end of the text: the document now ends where its re-parse says.
    const docEnd = e.end === old.length ? parsed.docs[0].span[1] : (mapOffset(change, doc.span[1]) ?? doc.span[1] + delta);
    setSpan(doc, [doc.span[0], docEnd]);
    adopt(fresh, doc, e.map);
    (e.map.pairs as Pair[])[e.index] = fresh;
    move(doc.root!, change, { chain, start: e.start, end: e.end, containerEnd: root.span[1], fresh });
    return { docs: [doc], how: 'entry' };
  }
  return undefined;
}

/** True when `source` [start, end) is one mapping entry at column `indent`: every later line is indented deeper. */
function standsAlone(source: string, start: number, end: number, indent: number): boolean {
  if (end <= start || end > source.length) return false;
  for (let i = 0; i < indent; i++) if (source.charCodeAt(start + i) !== 32) return false;
  const c = source.charCodeAt(start + indent);
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 35 /* # */ || c === 45 /* - */ || c === 63 /* ? */) return false;
  let i = source.indexOf('\n', start);
  while (i >= 0 && i + 1 < end) {
    let p = i + 1;
    while (p < end && source.charCodeAt(p) === 32) p++;
    const d = p < end ? source.charCodeAt(p) : 10;
    const blank = d === 10 || d === 13 || d === 35;
    if (!blank && p - (i + 1) <= indent) return false;
    i = source.indexOf('\n', i + 1);
  }
  return true;
}

/** Start of the line holding `key`, when only spaces stand before the key on it; else -1. */
function keyLineStart(text: string, key: ScalarNode): number {
  let i = key.span[0];
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  if (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) return -1;
  return i;
}

function lineEnd(text: string, at: number): number {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i;
}

/** Points a document of the old tree at the new text. */
function retext(doc: SourceDoc, text: string): void {
  (doc as { text: string }).text = text;
}

function setSpan(x: { span: Span }, span: [number, number]): void {
  (x as { span: Span }).span = span;
}

/** Moves every offset of a subtree by `delta` (spans are replaced, never changed in place: some are shared). */
function shiftAll(root: Node, delta: number): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    setSpan(n, [n.span[0] + delta, n.span[1] + delta]);
    if (n.kind === 'seq') {
      for (const item of n.items) stack.push(item);
    } else if (n.kind === 'map') {
      for (const p of n.pairs) {
        stack.push(p.key, p.value);
        setSpan(p as { span: Span }, [p.span[0] + delta, p.span[1] + delta]);
      }
    }
  }
}

interface Moved {
  /** The mappings from the root down to the one holding the re-parsed entry. */
  readonly chain: ReadonlySet<Node>;
  /** The re-parsed entry's text in the old text. */
  readonly start: number;
  readonly end: number;
  /** Where the re-parsed entry's mapping ends: the mappings that hold the entry last now end there. */
  readonly containerEnd: number;
  /** The new pair (already in place, already in new offsets). */
  readonly fresh: Pair;
}

/**
 * Moves the old tree's offsets across `change`: subtrees before it stay, subtrees after it shift, and the mappings
 * that hold the re-parsed entry keep their start and get a new end (`yaml` ends a block collection with its last
 * token, which may lie past its last value, so an end inside the entry is the new entry's mapping's end).
 */
function move(root: Node, change: TextChange, m: Moved): void {
  const delta = change.newEnd - change.oldEnd;
  const walk = (n: Node): void => {
    if (n.span[1] < change.start && !m.chain.has(n)) return; // wholly before the change
    if (n.span[0] >= change.oldEnd && n.span[0] > change.start) return shiftAll(n, delta);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        if (p === m.fresh) continue;
        walk(p.key);
        walk(p.value);
        if (!n.shortTag) setSpan(p as { span: Span }, [p.key.span[0], Math.max(p.value.span[1], p.key.span[1])]);
      }
    } else if (n.kind === 'seq') {
      for (const item of n.items) walk(item);
    }
    const end = m.chain.has(n) && n.span[1] >= m.start && n.span[1] <= m.end ? m.containerEnd : (mapOffset(change, n.span[1]) ?? n.span[1] + delta);
    setSpan(n, [n.span[0], end]);
    if (n.kind === 'map' && n.shortTag && n.pairs[0]) setSpan(n.pairs[0] as { span: Span }, n.span as [number, number]);
  };
  walk(root);
}

/** The re-parsed pair joins the old tree: its nodes already point into the new text; they join `doc`. */
function adopt(pair: Pair, doc: SourceDoc, map: MapNode): void {
  const stack: Node[] = [pair.key, pair.value];
  while (stack.length) {
    const x = stack.pop()!;
    (x as { doc: SourceDoc }).doc = doc;
    if (x.kind === 'map') for (const p of x.pairs) stack.push(p.key, p.value);
    else if (x.kind === 'seq') stack.push(...x.items);
  }
  (pair.key as { parent?: MapNode }).parent = map;
  pair.value.parent = map;
}
