// YAML adapter: `yaml` documents → source-mapped tree, with CloudFormation short-form tags normalised.
import { foldScalar, lenientYaml, type LenientText } from './yaml-lenient';
import {
  parse as parseYamlValue,
  Composer,
  Lexer,
  Parser,
  Schema,
  type Document,
  type Node as YNode,
  type Scalar as YScalar,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { DEFAULT_LIMITS, fitted, LimitError, markSettled, type MapNode, type Node, type ParseLimits, type ParseProblem, type Scalar, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';

/**
 * `yaml` marks each node with its type under this symbol (what its `isMap`, `isSeq` … read): read once per node
 * here, rather than once per test.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const typeOf = (y: unknown): symbol | undefined => (y && typeof y === 'object' ? (y as { [NODE_TYPE]?: symbol })[NODE_TYPE] : undefined);

/** CloudFormation short-form tag → the long-form key it stands for. */
export const SHORT_TAGS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
    'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString', 'ForEach',
  ]
    .map((n) => [`!${n}`, `Fn::${n}`])
    .concat([['!Ref', 'Ref'], ['!Condition', 'Condition']]),
);

// Registered for all three node forms so `yaml` keeps the nodes (and their ranges) and warns of nothing;
// the normalisation to long form happens in `convert`, where positions are at hand.
const customTags: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_TAGS).flatMap((tag) => [
  { tag, resolve: (s: string) => s } as ScalarTag,
  { tag, collection: 'seq', resolve: (s: unknown) => s } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: (m: unknown) => m } as unknown as CollectionTag,
]);

export interface YamlParse {
  docs: SourceDoc[];
  problems: ParseProblem[];
  /** Indices of documents that had syntax errors (their roots are left undefined). */
  broken: Set<number>;
}

/** What the adapter knows about a document it converted (read by the incremental re-parse). */
export interface YamlDocInfo {
  /** The document uses aliases or merge keys: its tree shares nodes, so it is never patched in place. */
  readonly shared: boolean;
  /** How many nodes aliases and merge keys repeat (what `toJS()` would copy); over `maxAliasNodes`, it is not linted. */
  readonly aliasNodes: number;
  /** Where the first alias is, for the problem. */
  readonly firstAlias: number;
}

const docInfo = new WeakMap<SourceDoc, YamlDocInfo>();

/** The adapter's facts about a YAML document it produced, or undefined for other documents. */
/** The mappings a YAML mapping merges with `<<` (whether or not any of their pairs is still in it). */
const MERGE_SOURCES = new WeakMap<MapNode, MapNode[]>();

export function mergeSourcesOf(map: MapNode): readonly MapNode[] {
  return MERGE_SOURCES.get(map) ?? [];
}

export function yamlDocInfo(doc: SourceDoc): YamlDocInfo | undefined {
  return docInfo.get(doc);
}

/** Records the facts of a document made from another one (the incremental re-parse copies trees without aliases). */
export function setYamlDocInfo(doc: SourceDoc, info: YamlDocInfo): void {
  docInfo.set(doc, info);
}

/**
 * One schema for every document: given only `customTags`, `yaml` rebuilds the tag table (63 tags, one array copy
 * each) for every document it composes, which was a third of the parse of a 300-document Kubernetes file.
 */
const SCHEMA = new Schema({ customTags, resolveKnownTags: true, schema: 'core' });
/**
 * The same without the CloudFormation tags, for a text with no `!` (so no tag at all): `yaml` tries every tag of the
 * schema on every plain scalar, and the 63 it would pass over cost a twentieth of the parse of such a file.
 */
const CORE_SCHEMA = new Schema({ resolveKnownTags: true, schema: 'core' });
/** The schemas' own tags: `yaml` appends known tags (`!!binary`, `!!set`) to a schema as documents use them. */
const SCHEMA_TAGS = SCHEMA.tags.length;
const CORE_SCHEMA_TAGS = CORE_SCHEMA.tags.length;

const PARSE_OPTIONS = { schema: SCHEMA, uniqueKeys: false, prettyErrors: false, strict: false, version: '1.2' } as const;
const CORE_PARSE_OPTIONS = { ...PARSE_OPTIONS, schema: CORE_SCHEMA } as const;

/**
 * Parses every YAML document of `text`; a broken document gets one problem and no tree. The `yaml` parser recurses as
 * deep as the text nests, so it is fed one token at a time and stopped when more than `limits.maxDepth` collections
 * are open: the documents before that point are kept, and one problem names the limit.
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_LIMITS): YamlParse {
  const strict = parseYamlSlice(text, 0, text.length, limits, 0);
  if (strict.broken.size === 0 || strict.problems.some((p) => p.limit)) return strict;
  // What Go's YAML parsers accept and `yaml` rejects (yaml-lenient.ts): read through a same-length rewrite, kept when
  // it leaves fewer documents broken; a real syntax error keeps the strict parse's one problem.
  // A broken document's span may end at its error: its range runs to the next document.
  const ranges = strict.docs.flatMap((d, i) => (strict.broken.has(d.index) ? [[d.span[0], strict.docs[i + 1]?.span[0] ?? text.length] as const] : []));
  const lenient = lenientYaml(text, ranges);
  if (!lenient) return strict;
  const relaxed = parseYamlSlice(text, 0, text.length, limits, 0, { lenient });
  return relaxed.broken.size < strict.broken.size ? relaxed : strict;
}

function depthMessage(maxDepth: number): string {
  return `The YAML is nested more than ${maxDepth} levels deep here (the maxDepth limit): Cloudline did not parse it.`;
}

/**
 * Parses `text.slice(start, end)` as YAML, with every span pointing into the whole `text`; documents are numbered
 * from `firstIndex`. The incremental re-parse uses it for one document or one mapping entry.
 */
export function parseYamlSlice(
  text: string,
  start: number,
  end: number,
  limits: ParseLimits,
  firstIndex: number,
  options: { noAliases?: boolean; maxDepth?: number; lenient?: LenientText } = {},
): YamlParse {
  const docs: SourceDoc[] = [];
  const problems: ParseProblem[] = [];
  const broken = new Set<number>();
  const whole = options.lenient?.text ?? text;
  const source = start === 0 && end === text.length ? whole : whole.slice(start, end);
  const { docs: all, stoppedAt } = composeBounded(source, options.maxDepth ?? limits.maxDepth);
  all.forEach((ydoc, i) => {
    const index = firstIndex + i;
    const range = ydoc.range ?? [0, source.length, source.length];
    const doc: SourceDoc = { index, lang: 'yaml', text, span: [start + range[0], start + range[2]], root: undefined };
    docs.push(doc);
    if (ydoc.errors.length > 0) {
      const err = ydoc.errors[0];
      broken.add(index);
      const message = err.code === 'RESOURCE_EXHAUSTION' ? depthMessage(limits.maxDepth) : err.message;
      // `yaml` may point one past the end (a quote left open at the end of the text): keep the span inside.
      const s = start + Math.min(Math.max(err.pos[0], 0), source.length);
      const e = start + Math.min(Math.max(err.pos[1], err.pos[0], 0), source.length);
      problems.push({ span: [s, e], message, severity: 'error' });
      return;
    }
    if (!ydoc.contents) return;
    const converter = new Converter(text, doc, limits, start, !!options.noAliases, options.lenient?.breaks);
    try {
      doc.root = converter.convert(ydoc.contents as YNode, undefined, 1);
      docInfo.set(doc, { shared: converter.shared, aliasNodes: converter.aliasNodes, firstAlias: converter.firstAlias });
      if (!converter.shared && !converter.unsettled) markSettled(doc);
    } catch (e) {
      if (!(e instanceof LimitError)) throw e;
      broken.add(index);
      problems.push({ span: [e.at, Math.min(e.at + 1, text.length)], message: e.message, severity: 'error', limit: e.limit });
    }
  });
  if (stoppedAt >= 0) {
    const at = start + Math.min(stoppedAt, source.length);
    problems.push({ span: [at, Math.min(at + 1, text.length)], message: depthMessage(options.maxDepth ?? limits.maxDepth), severity: 'error', limit: 'maxDepth' });
    return { docs, problems, broken };
  }
  // `yaml` can end the last document early without an error (after some explicit `? ` keys): what it skipped is
  // not linted, so say so rather than pass over it in silence.
  const last = all[all.length - 1];
  const stop = last?.range ? last.range[2] : 0;
  if (all.length > 0 && stop < source.length && problems.length === 0 && /[^\s]/.test(stripComments(source.slice(stop)))) {
    const at = start + stop + (source.slice(stop).length - source.slice(stop).trimStart().length);
    broken.add(last ? firstIndex + all.length - 1 : firstIndex);
    problems.push({ span: [at, Math.min(at + 1, text.length)], message: 'The YAML parser stopped here without reading the rest of the file: check the structure above (an explicit "? " key?).', severity: 'error' });
  }
  return { docs, problems, broken };
}

/**
 * `parseAllDocuments`, driven one lexical token at a time so that nesting is bounded: when the parser holds more than
 * `maxDepth` open collections it is stopped (`stoppedAt` is where), before its recursion, or the composer's, can
 * exhaust the stack. (A stack overflow inside `yaml` is caught once, but V8 may abort the process on a later one.)
 */
function composeBounded(source: string, maxDepth: number): { docs: Document.Parsed[]; stoppedAt: number } {
  // `yaml` reports each problem as an Error, and a broken file can have thousands (4,000 unclosed `[`): their stack
  // traces are never read, and capturing them costs time that grows with the caller's stack and the host's
  // Error.stackTraceLimit (unlimited under mocha: 7 s for one 4.5 KB file).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return composeBoundedWith(source, maxDepth);
  } finally {
    Error.stackTraceLimit = limit;
    // What the documents appended to the shared schema goes: it stays the same for every parse.
    SCHEMA.tags.length = SCHEMA_TAGS;
    CORE_SCHEMA.tags.length = CORE_SCHEMA_TAGS;
  }
}

function composeBoundedWith(source: string, maxDepth: number): { docs: Document.Parsed[]; stoppedAt: number } {
  const parser = new Parser();
  const composer = new Composer(source.includes('!') ? PARSE_OPTIONS : CORE_PARSE_OPTIONS);
  const docs: Document.Parsed[] = [];
  // The parser's stack holds the document, then one entry per open collection.
  const limit = maxDepth + 1;
  for (const lexeme of new Lexer().lex(source)) {
    for (const token of parser.next(lexeme)) for (const doc of composer.next(token)) docs.push(doc as Document.Parsed);
    if (parser.stack.length > limit) {
      // The documents the parser completed before are whole: the composer still holds the last of them.
      for (const doc of composer.end()) docs.push(doc as Document.Parsed);
      return { docs, stoppedAt: parser.offset };
    }
  }
  for (const token of parser.end()) for (const doc of composer.next(token)) docs.push(doc as Document.Parsed);
  for (const doc of composer.end()) docs.push(doc as Document.Parsed);
  return { docs, stoppedAt: -1 };
}

function stripComments(s: string): string {
  return s.replace(/#[^\n]*/g, '');
}

/** Thrown when a slice parsed on its own uses an alias, which may point outside it. */
export class AliasInSlice extends Error {}

/** YAML 1.1 booleans that YAML 1.2 reads as strings (`true`, `True`, `TRUE` and the false ones are the same in both). */
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** The YAML 1.1 value of a plain scalar's source, when it differs from the YAML 1.2 value `v12`; else undefined. */
export function yaml11Value(source: string, v12: Scalar): Scalar | undefined {
  if (source.length === 0 || source.length > 40) return undefined;
  if (YAML11_TRUE.has(source)) return true;
  if (YAML11_FALSE.has(source)) return false;
  const c = source.charCodeAt(source[0] === '-' || source[0] === '+' ? 1 : 0);
  if (!(c >= 48 && c <= 57)) return undefined; // not a number at all
  const sign = source[0] === '-' ? -1 : 1;
  const body = source.replace(/^[-+]/, '');
  let v: number | undefined;
  if (/^0[0-7_]+$/.test(body)) v = parseInt(body.replace(/_/g, ''), 8); // 010 is 8
  else if (/^0b[01_]+$/.test(body)) v = parseInt(body.slice(2).replace(/_/g, ''), 2);
  else if (/^0x[0-9a-fA-F_]+$/.test(body) && body.includes('_')) v = parseInt(body.slice(2).replace(/_/g, ''), 16);
  else if (/^[1-9][0-9_]*$/.test(body) && body.includes('_')) v = Number(body.replace(/_/g, ''));
  if (v === undefined || Number.isNaN(v)) return undefined;
  v *= sign;
  return v === v12 ? undefined : v;
}

class Converter {
  /** Anchor name → the node it names (the latest one before the current position, as YAML resolves aliases). */
  private readonly anchors = new Map<string, Node>();
  /** The expanded size (nodes, counting what aliases repeat) of every anchored node. */
  private readonly anchorSize = new Map<Node, number>();
  /** The expanded size of the node `convert` returned last. */
  private lastSize = 0;
  /** Nodes that aliases and merge keys add to the document (it may be astronomically large: a YAML bomb). */
  aliasNodes = 0;
  /** True once an alias or a merge key was met: the tree is a DAG, not a tree. */
  shared = false;
  firstAlias = 0;
  /** Some mapping may repeat a key, or some plain scalar reads differently in YAML 1.1: `parseFile` walks the tree. */
  unsettled = false;

  constructor(
    private readonly text: string,
    private readonly doc: SourceDoc,
    private readonly limits: ParseLimits,
    /** Offset of the parsed slice in `text`: `yaml` ranges are relative to the slice. */
    private readonly base: number,
    private readonly noAliases: boolean,
    /** Line breaks the lenient rewrite replaced (yaml-lenient.ts): scalars across them are folded from the text. */
    private readonly breaks?: ReadonlySet<number>,
  ) {}

  private spanOf(y: YNode): Span {
    const r = (y as { range?: [number, number, number] | null }).range;
    return r ? [this.base + r[0], this.base + r[1]] : [this.base, this.base];
  }

  convert(y: YNode | null | undefined, fallbackAt: number | undefined, depth: number): Node {
    if (y == null) {
      this.lastSize = 1;
      return this.nullAt(fallbackAt ?? this.doc.span[0]);
    }
    const type = typeOf(y);
    if (type === ALIAS) {
      const alias = y as YNode & { source: string };
      if (this.noAliases) throw new AliasInSlice();
      const target = this.anchors.get(alias.source);
      const at = alias.range ? this.base + alias.range[0] : fallbackAt ?? this.base;
      if (!target) {
        this.lastSize = 1;
        return this.nullAt(at);
      }
      // An alias shares its anchor's node: the tree stays linear in the text; what it repeats is counted, and a
      // document over the limit is not linted (see parseFile), as rules walking it would repeat the expansion.
      if (!this.shared) this.firstAlias = at;
      this.shared = true;
      const size = this.anchorSize.get(target) ?? 1;
      this.aliasNodes += size;
      this.lastSize = size;
      return target;
    }
    if (depth > this.limits.maxDepth) {
      const at = this.spanOf(y)[0];
      throw new LimitError('maxDepth', at, depthMessage(this.limits.maxDepth));
    }
    let node = this.convertPlain(y, type, depth);
    const tag = (y as { tag?: string }).tag;
    const longKey = tag ? SHORT_TAGS[tag] : undefined;
    if (longKey) node = this.wrapShortTag(tag!, longKey, node);
    const anchor = (y as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, node);
      this.anchorSize.set(node, this.lastSize);
    }
    return node;
  }

  private convertPlain(y: YNode, type: symbol | undefined, depth: number): Node {
    const span = this.spanOf(y);
    if (type === MAP) {
      const ymap = y as YNode & { items: { key: unknown; value: unknown }[]; flow?: boolean };
      // Every node gets its `parent` slot when made: nodes keep one shape, and setting it is not a shape change.
      const map: MapNode = { kind: 'map', pairs: [], flow: !!ymap.flow, span, doc: this.doc, parent: undefined };
      let size = 1;
      let merges: Node[] | undefined;
      for (const item of ymap.items) {
        if (typeOf(item) !== PAIR) continue;
        const key = this.keyOf(item.key as YNode | null, span[0]);
        const value = this.convert(item.value as YNode | null, key.span[1], depth + 1);
        size += 1 + this.lastSize;
        if (key.value === '<<' && key.style === 'plain') {
          if (this.noAliases) throw new AliasInSlice();
          (merges ??= []).push(value);
          continue;
        }
        value.parent ??= map;
        (key as { parent?: MapNode }).parent = map;
        map.pairs.push({ key, value, span: [key.span[0], Math.max(value.span[1], key.span[1])] });
      }
      if (!this.unsettled && map.pairs.length > 1 && repeatsKey(map.pairs)) this.unsettled = true;
      if (merges) this.applyMerges(map, merges);
      (map as { pairs: MapNode['pairs'] }).pairs = fitted(map.pairs);
      this.lastSize = size;
      return map;
    }
    if (type === SEQ) {
      const yseq = y as YNode & { items: unknown[]; flow?: boolean };
      const seq: SeqNode = { kind: 'seq', items: [], flow: !!yseq.flow, span, doc: this.doc, parent: undefined };
      let size = 1;
      for (const item of yseq.items) {
        const value = this.convert(typeOf(item) === PAIR ? ((item as { value: YNode }).value) : (item as YNode), span[0], depth + 1);
        size += this.lastSize;
        value.parent ??= seq;
        seq.items.push(value);
      }
      (seq as { items: Node[] }).items = fitted(seq.items);
      this.lastSize = size;
      return seq;
    }
    this.lastSize = 1;
    if (type === SCALAR) return this.scalar(y as YScalar, span);
    return this.nullAt(span[0]);
  }

  /** YAML merge keys (`<<: *base`): the anchor's pairs join the map unless the map overrides them. */
  private applyMerges(map: MapNode, merges: Node[]): void {
    if (!this.shared) this.firstAlias = map.span[0];
    this.shared = true;
    const keys = new Set(map.pairs.map((p) => p.key.value));
    for (const merged of merges) {
      const sources = merged.kind === 'seq' ? merged.items : [merged];
      for (const source of sources) {
        if (source.kind !== 'map') continue;
        // Remembered even when the map overrides every pair: a pair added to the source later joins it too.
        MERGE_SOURCES.set(map, [...(MERGE_SOURCES.get(map) ?? []), source]);
        // Merged pairs repeat their values: they count against the alias limit like aliases do.
        this.aliasNodes += this.anchorSize.get(source) ?? source.pairs.length;
        for (const pair of source.pairs) {
          if (keys.has(pair.key.value)) continue;
          keys.add(pair.key.value);
          map.pairs.push(pair);
        }
      }
    }
  }

  private keyOf(y: YNode | null, at: number): ScalarNode {
    const type = typeOf(y);
    if (type === SCALAR) return this.scalar(y as YScalar, this.spanOf(y!));
    if (y == null) return { kind: 'scalar', value: null, style: 'plain', span: [at, at], doc: this.doc, parent: undefined };
    if (type === ALIAS && this.noAliases) throw new AliasInSlice();
    // A complex key (a mapping or sequence as a key) is kept as its source text.
    const span = this.spanOf(y);
    return { kind: 'scalar', value: this.text.slice(span[0], span[1]), style: 'plain', span, doc: this.doc, parent: undefined };
  }

  private scalar(y: YScalar, span: Span): ScalarNode {
    const raw = this.breaks && this.breaks.size > 0 ? this.refolded(y, span) : y.value;
    const value =
      typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null
        ? raw
        : typeof raw === 'bigint'
          ? Number(raw)
          : String(raw);
    const style = y.type === 'QUOTE_DOUBLE' || y.type === 'QUOTE_SINGLE'
      ? 'quoted'
      : y.type === 'BLOCK_LITERAL' || y.type === 'BLOCK_FOLDED'
        ? 'block'
        : 'plain';
    if (style === 'plain' && !y.tag) {
      const source = (y as { source?: unknown }).source;
      const v11 = typeof source === 'string' ? yaml11Value(source, value) : undefined;
      if (v11 !== undefined) {
        this.unsettled = true;
        return { kind: 'scalar', value, style, span, doc: this.doc, parent: undefined, yaml11: v11 };
      }
    }
    return { kind: 'scalar', value, style, span, doc: this.doc, parent: undefined };
  }

  /** A flow scalar's value read from the original text when it spans a line break the lenient rewrite replaced. */
  private refolded(y: YScalar, span: Span): unknown {
    if (y.type !== 'QUOTE_DOUBLE' && y.type !== 'QUOTE_SINGLE' && y.type !== 'PLAIN') return y.value;
    let spans = false;
    for (let k = span[0]; k < span[1] && !spans; k++) spans = this.breaks!.has(k);
    if (!spans) return y.value;
    const style = y.type === 'QUOTE_DOUBLE' ? 'double' : y.type === 'QUOTE_SINGLE' ? 'single' : 'plain';
    return foldScalar(this.text.slice(span[0], span[1]), style, (line) => String(parseYamlValue(`"${line}"`)));
  }

  private nullAt(at: number): ScalarNode {
    return { kind: 'scalar', value: null, style: 'plain', span: [at, at], doc: this.doc, parent: undefined };
  }

  /** `!Tag value` → `{ "Fn::Tag": value }`; the key's span is the tag token, the map's spans tag to value end. */
  private wrapShortTag(tag: string, longKey: string, value: Node): MapNode {
    const tagAt = this.tagStart(tag, value.span[0]);
    const key: ScalarNode = { kind: 'scalar', value: longKey, style: 'plain', span: [tagAt, tagAt + tag.length], doc: this.doc, parent: undefined };
    let inner: Node = value;
    if (longKey === 'Fn::GetAtt' && value.kind === 'scalar' && typeof value.value === 'string') {
      inner = this.splitGetAtt(value);
    }
    const map: MapNode = {
      kind: 'map',
      pairs: [],
      flow: true,
      shortTag: tag,
      span: [tagAt, Math.max(value.span[1], key.span[1])],
      doc: this.doc,
      parent: undefined,
    };
    map.pairs.push({ key, value: inner, span: map.span });
    key.parent = map;
    inner.parent = map;
    return map;
  }

  /** `!GetAtt Res.Attr.Sub` → `[Res, Attr.Sub]`, each part with its own span when the scalar is plain. */
  private splitGetAtt(value: ScalarNode): SeqNode {
    const s = value.value as string;
    const dot = s.indexOf('.');
    const seq: SeqNode = { kind: 'seq', items: [], flow: true, span: value.span, doc: this.doc, parent: undefined };
    if (dot < 0) {
      seq.items.push({ ...value, parent: seq });
      return seq;
    }
    const quoted = value.style === 'quoted' ? 1 : 0;
    const base = value.span[0] + quoted;
    const exact = value.style !== 'block' && this.text.slice(base, base + s.length) === s;
    const part = (text: string, from: number): ScalarNode => ({
      kind: 'scalar',
      value: text,
      style: value.style,
      span: exact ? [base + from, base + from + text.length] : value.span,
      doc: this.doc,
      parent: seq,
    });
    seq.items.push(part(s.slice(0, dot), 0), part(s.slice(dot + 1), dot + 1));
    return seq;
  }

  /** Where the tag token before a value starts (tag tokens are outside the node's range in `yaml`). */
  private tagStart(tag: string, valueStart: number): number {
    const from = Math.max(0, valueStart - 256);
    const window = this.text.slice(from, valueStart);
    const i = window.lastIndexOf(tag);
    if (i < 0) return valueStart;
    // Only whitespace, comments or an anchor may stand between the tag and its value.
    return onlyTrivia(window, i + tag.length) ? from + i : valueStart;
  }
}

/** True when two of the pairs have the same key value (or may have: keys are compared as they are). */
function repeatsKey(pairs: readonly { key: ScalarNode }[]): boolean {
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

/** True when `s` from `at` holds only whitespace, comments and anchors (a linear scan, no regex). */
function onlyTrivia(s: string, at: number): boolean {
  let i = at;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#') while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    else if (c === '&') while (i < s.length && s[i] !== ' ' && s[i] !== '\t' && s[i] !== '\n' && s[i] !== '\r') i++;
    else return false;
  }
  return true;
}
