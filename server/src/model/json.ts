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
  // Strict JSON (most files) is read by the scanner, which stops at the depth limit; the rest, and text that is too
  // deep, is measured first (momoa recurses).
  if (isStrictJson(text)) {
    const scanner = new Scanner(text, doc, limits.maxDepth);
    const root = scanner.document();
    if (root) {
      doc.root = root;
      if (!scanner.duplicates) markSettled(doc);
      return { doc, problems };
    }
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

/** True when `text` is strict JSON (RFC 8259): the scanner may then read it without checking anything. */
function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Thrown by the scanner at the bracket that opens a level deeper than the limit. */
const TOO_DEEP = new Error('nested deeper than maxDepth');

/**
 * Builds the tree of a text that is known to be strict JSON, in one pass over its characters. It checks nothing:
 * only `isStrictJson` text may be given to it.
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

  /** The document's root; undefined when it is nested deeper than the limit. */
  document(): Node | undefined {
    this.space();
    try {
      return this.value();
    } catch (e) {
      if (e === TOO_DEEP) return undefined;
      throw e;
    }
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
      this.i += 4;
      value = true;
    } else if (c === 102 /* f */) {
      this.i += 5;
      value = false;
    } else if (c === 110 /* n */) {
      this.i += 4;
      value = null;
    } else {
      let j = start + 1;
      for (let d = t.charCodeAt(j); (d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45; d = t.charCodeAt(++j));
      this.i = j;
      value = Number(t.slice(start, j));
    }
    return { kind: 'scalar', value, style: 'plain', span: [start, this.i], doc: this.doc, parent: undefined };
  }

  /** Reads the string literal at the current offset (its quotes included) and returns its value. */
  private string(): string {
    const t = this.text;
    const start = this.i;
    let j = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(j);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        escaped = true;
        j += 2;
      } else {
        j++;
      }
    }
    this.i = j + 1;
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
        this.i++; // :
        this.space();
        const value = this.value();
        value.parent = map;
        map.pairs.push({ key, value, span: [keyStart, value.span[1]] });
        this.space();
        if (t.charCodeAt(this.i++) !== 44 /* , */) break;
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
        if (t.charCodeAt(this.i++) !== 44 /* , */) break;
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
