// JSON adapter: text → the source-mapped tree; the first syntax error becomes one problem.
//
// Text that is strict JSON (JSON.parse, native and fast, accepts it) is read by a scanner of our own that builds the
// tree directly; anything else (a syntax error, or what momoa accepts beyond strict JSON, such as a raw line break
// in a string) goes through momoa, whose errors are the messages users see. Both give the same tree for the same
// text (test/unit/json.test.ts compares them).
import { parse } from '@humanwhocodes/momoa';
import { DEFAULT_LIMITS, fitted, isSettled, markSettled, type MapNode, type Node, type ParseLimits, type ParseProblem, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';

export interface JsonParse {
  doc: SourceDoc;
  problems: ParseProblem[];
}

/** A key that repeats an earlier key of the same mapping (parsers keep the last silently); `parseFile` finds them. */
export interface DuplicateKey {
  readonly first: Span;
  readonly again: Span;
  readonly key: string;
}

// momoa's node shapes, as far as the adapter reads them.
interface MNode {
  type: string;
  range?: [number, number];
  loc: { start: { offset: number }; end: { offset: number } };
  value?: unknown;
  members?: { name: MNode; value: MNode }[];
  elements?: { value: MNode }[];
  body?: MNode;
}

/**
 * Parses a JSON text; on a syntax error the document has no root and one problem says where. Text nested deeper
 * than `limits.maxDepth` is not handed to the parser (it recurses): one problem names the limit instead.
 */
export function parseJson(text: string, limits: Pick<ParseLimits, 'maxDepth'> = DEFAULT_LIMITS): JsonParse {
  const doc: SourceDoc = { index: 0, lang: 'json', text, span: [0, text.length], root: undefined };
  const problems: ParseProblem[] = [];
  // Strict JSON (most files) is read by the scanner, which checks it as it goes and stops at the depth limit; the
  // rest, and text that is too deep, is measured first (momoa recurses).
  const strict = strictJson(text, doc, limits.maxDepth);
  if (strict) {
    doc.root = strict.root;
    if (!strict.duplicates) markSettled(doc);
    return { doc, problems };
  }
  const deep = jsonTooDeep(text, limits.maxDepth);
  if (deep >= 0) {
    problems.push({
      span: [deep, deep + 1],
      message: `The JSON is nested more than ${limits.maxDepth} levels deep here (the maxDepth limit): Cloudline did not parse it.`,
      severity: 'error',
      limit: 'maxDepth',
    });
    return { doc, problems };
  }
  const root = parseWithMomoa(text, doc, problems);
  if (root) doc.root = root;
  return { doc, problems };
}

/**
 * True for a document that its parser saw no repeated key in (the common case), and for YAML no plain scalar that
 * YAML 1.1 reads differently (JSON has none): `parseFile` then need not walk the tree.
 */
export function withoutDuplicateKeys(doc: SourceDoc): boolean {
  return isSettled(doc);
}

/** The tree momoa gives (for text that is not strict JSON, and as the reference the scanner is tested against). */
export function parseWithMomoa(text: string, doc: SourceDoc, problems: ParseProblem[]): Node | undefined {
  let ast: MNode;
  try {
    ast = parse(text, { mode: 'json' }) as unknown as MNode;
  } catch (e) {
    const err = e as { message?: string; offset?: number };
    const at = typeof err.offset === 'number' ? Math.min(err.offset, text.length) : 0;
    const message = String(err.message ?? e).replace(/ \(\d+:\d+\)$/, '');
    // momoa points at the last token when the text simply ends too early; say so, at the end.
    if (text.slice(at + 1).trim() === '' || /end of input/i.test(message)) {
      const end = text.trimEnd().length;
      problems.push({ span: [end, end], message: 'Unexpected end of JSON input: an object or array is not closed.', severity: 'error' });
    } else {
      problems.push({ span: [at, Math.min(at + 1, text.length)], message, severity: 'error' });
    }
    return undefined;
  }
  return ast.body ? convert(ast.body, doc) : undefined;
}

/**
 * The tree of `text` when it is strict JSON (what JSON.parse accepts) nested no deeper than `maxDepth`, and whether
 * some object repeats a key; else undefined.
 */
export function strictJson(text: string, doc: SourceDoc, maxDepth: number): { root: Node; duplicates: boolean } | undefined {
  const scanner = new Scanner(text, doc, maxDepth);
  const root = scanner.document();
  return root ? { root, duplicates: scanner.duplicates } : undefined;
}

/** Thrown by the scanner at the bracket that opens a level deeper than the limit. */
const TOO_DEEP = new Error('nested deeper than maxDepth');
/** Thrown by the scanner where the text is not strict JSON (RFC 8259, as JSON.parse reads it). */
const NOT_STRICT = new Error('not strict JSON');

/**
 * Builds the tree of a strict JSON text (RFC 8259: what JSON.parse accepts) in one pass over its characters, checking
 * the grammar as it goes; at the first thing JSON.parse would refuse it gives up (`document` returns undefined), and
 * momoa reads the text instead, for its error message or for what it accepts beyond strict JSON.
 */
class Scanner {
  private i = 0;
  private depth = 0;
  /** Some object repeats a key. */
  duplicates = false;

  constructor(
    private readonly text: string,
    private readonly doc: SourceDoc,
    private readonly maxDepth: number,
  ) {}

  /** The document's root; undefined when the text is not strict JSON or is nested deeper than the limit. */
  document(): Node | undefined {
    this.space();
    try {
      const root = this.value();
      this.space();
      if (this.i !== this.text.length) return undefined;
      return root;
    } catch (e) {
      if (e === TOO_DEEP || e === NOT_STRICT || e instanceof SyntaxError) return undefined;
      throw e;
    }
  }

  /** The character at the current offset must be `code`: steps over it. */
  private expect(code: number): void {
    if (this.text.charCodeAt(this.i) !== code) throw NOT_STRICT;
    this.i++;
  }

  /** Steps over `word` (true, false, null) at the current offset. */
  private word(word: string): void {
    if (!this.text.startsWith(word, this.i)) throw NOT_STRICT;
    this.i += word.length;
  }

  /** Steps over one or more digits. */
  private digits(): void {
    const t = this.text;
    let c = t.charCodeAt(this.i);
    if (!(c >= 48 && c <= 57)) throw NOT_STRICT;
    do c = t.charCodeAt(++this.i);
    while (c >= 48 && c <= 57);
  }

  private space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.i);
  }

  private value(): Node {
    const t = this.text;
    const start = this.i;
    const c = t.charCodeAt(start);
    if (c === 123 /* { */) return this.object();
    if (c === 91 /* [ */) return this.array();
    if (c === 34 /* " */) {
      const value = this.string();
      return { kind: 'scalar', value, style: 'quoted', span: [start, this.i], doc: this.doc, parent: undefined };
    }
    let value: boolean | number | null;
    if (c === 116 /* t */) {
      this.word('true');
      value = true;
    } else if (c === 102 /* f */) {
      this.word('false');
      value = false;
    } else if (c === 110 /* n */) {
      this.word('null');
      value = null;
    } else {
      // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
      if (c === 45 /* - */) this.i++;
      if (t.charCodeAt(this.i) === 48 /* 0 */) this.i++;
      else this.digits();
      if (t.charCodeAt(this.i) === 46 /* . */) {
        this.i++;
        this.digits();
      }
      const e = t.charCodeAt(this.i);
      if (e === 101 || e === 69 /* e E */) {
        const sign = t.charCodeAt(++this.i);
        if (sign === 43 || sign === 45) this.i++;
        this.digits();
      }
      value = Number(t.slice(start, this.i));
    }
    return { kind: 'scalar', value, style: 'plain', span: [start, this.i], doc: this.doc, parent: undefined };
  }

  /** Reads the string literal at the current offset (its quotes included) and returns its value. */
  private string(): string {
    const t = this.text;
    const start = this.i;
    let j = start + 1;
    if (t.charCodeAt(start) !== 34 /* " */) throw NOT_STRICT;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === 34) break;
      // The end of the text (NaN) or a raw control character: not a JSON string.
      if (!(c >= 32)) throw NOT_STRICT;
      if (c === 92 /* \ */) {
        escaped = true;
        j += 2;
      } else {
        j++;
      }
    }
    this.i = j + 1;
    // JSON.parse checks the escapes (a bad one throws a SyntaxError: not strict).
    return escaped ? (JSON.parse(t.slice(start, j + 1)) as string) : t.slice(start + 1, j);
  }

  private object(): MapNode {
    if (++this.depth > this.maxDepth) throw TOO_DEEP;
    const t = this.text;
    const map: MapNode = { kind: 'map', pairs: [], flow: true, span: [this.i, 0], doc: this.doc, parent: undefined };
    this.i++;
    this.space();
    if (t.charCodeAt(this.i) !== 125 /* } */) {
      for (;;) {
        const keyStart = this.i;
        const name = this.string();
        const key: ScalarNode = { kind: 'scalar', value: name, style: 'quoted', span: [keyStart, this.i], doc: this.doc, parent: map };
        this.space();
        this.expect(58 /* : */);
        this.space();
        const value = this.value();
        value.parent = map;
        map.pairs.push({ key, value, span: [keyStart, value.span[1]] });
        this.space();
        const next = t.charCodeAt(this.i++);
        if (next === 125 /* } */) break;
        if (next !== 44 /* , */) throw NOT_STRICT;
        this.space();
      }
      if (map.pairs.length > 1 && !this.duplicates) this.duplicates = repeatsKey(map);
      (map as { pairs: MapNode['pairs'] }).pairs = fitted(map.pairs);
    } else {
      this.i++;
    }
    (map.span as [number, number])[1] = this.i;
    this.depth--;
    return map;
  }

  private array(): SeqNode {
    if (++this.depth > this.maxDepth) throw TOO_DEEP;
    const t = this.text;
    const seq: SeqNode = { kind: 'seq', items: [], flow: true, span: [this.i, 0], doc: this.doc, parent: undefined };
    this.i++;
    this.space();
    if (t.charCodeAt(this.i) !== 93 /* ] */) {
      for (;;) {
        const value = this.value();
        value.parent = seq;
        seq.items.push(value);
        this.space();
        const next = t.charCodeAt(this.i++);
        if (next === 93 /* ] */) break;
        if (next !== 44 /* , */) throw NOT_STRICT;
        this.space();
      }
      (seq as { items: Node[] }).items = fitted(seq.items);
    } else {
      this.i++;
    }
    (seq.span as [number, number])[1] = this.i;
    this.depth--;
    return seq;
  }
}

/** The offset of the bracket that opens level `maxDepth + 1`, or -1 (a linear scan that skips strings). */
export function jsonTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 /* an unclosed string ends at the line for our purpose */) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) {
      depth--;
    }
  }
  return -1;
}

/** True when two pairs of `map` have the same key. */
function repeatsKey(map: MapNode): boolean {
  const pairs = map.pairs;
  if (pairs.length <= 12) {
    for (let i = 1; i < pairs.length; i++) for (let j = 0; j < i; j++) if (pairs[i].key.value === pairs[j].key.value) return true;
    return false;
  }
  const seen = new Set<unknown>();
  for (const p of pairs) {
    if (seen.has(p.key.value)) return true;
    seen.add(p.key.value);
  }
  return false;
}

function spanOf(n: MNode): Span {
  return n.range ? [n.range[0], n.range[1]] : [n.loc.start.offset, n.loc.end.offset];
}

function convert(n: MNode, doc: SourceDoc): Node {
  const span = spanOf(n);
  switch (n.type) {
    case 'Object': {
      const map: MapNode = { kind: 'map', pairs: [], flow: true, span, doc, parent: undefined };
      for (const m of n.members ?? []) {
        const key: ScalarNode = { kind: 'scalar', value: String(m.name.value), style: 'quoted', span: spanOf(m.name), doc, parent: map };
        const value = convert(m.value, doc);
        value.parent = map;
        map.pairs.push({ key, value, span: [key.span[0], value.span[1]] });
      }
      (map as { pairs: MapNode['pairs'] }).pairs = fitted(map.pairs);
      return map;
    }
    case 'Array': {
      const seq: SeqNode = { kind: 'seq', items: [], flow: true, span, doc, parent: undefined };
      for (const el of n.elements ?? []) {
        const value = convert(el.value, doc);
        value.parent = seq;
        seq.items.push(value);
      }
      (seq as { items: Node[] }).items = fitted(seq.items);
      return seq;
    }
    case 'String':
      return { kind: 'scalar', value: String(n.value), style: 'quoted', span, doc, parent: undefined };
    case 'Number':
      return { kind: 'scalar', value: Number(n.value), style: 'plain', span, doc, parent: undefined };
    case 'Boolean':
      return { kind: 'scalar', value: Boolean(n.value), style: 'plain', span, doc, parent: undefined };
    default:
      return { kind: 'scalar', value: null, style: 'plain', span, doc, parent: undefined };
  }
}
