// YAML adapter: `yaml` documents → source-mapped tree, with CloudFormation short-form tags normalised.
import {
  parseAllDocuments,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YNode,
  type Scalar as YScalar,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import type { MapNode, Node, Pair, ParseProblem, ScalarNode, SeqNode, SourceDoc, Span } from './tree';

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

/** Parses every YAML document of `text`; a broken document gets one problem and no tree. */
export function parseYaml(text: string): YamlParse {
  const docs: SourceDoc[] = [];
  const problems: ParseProblem[] = [];
  const broken = new Set<number>();
  const parsed = parseAllDocuments(text, {
    customTags,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
    version: '1.2',
  });
  const all: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  all.forEach((ydoc, index) => {
    const range = ydoc.range ?? [0, text.length, text.length];
    const doc: SourceDoc = { index, lang: 'yaml', text, span: [range[0], range[2]], root: undefined };
    docs.push(doc);
    if (ydoc.errors.length > 0) {
      const err = ydoc.errors[0];
      broken.add(index);
      problems.push({ span: [err.pos[0], Math.max(err.pos[1], err.pos[0])], message: err.message, severity: 'error' });
      return;
    }
    if (ydoc.contents) doc.root = new Converter(text, doc, ydoc).convert(ydoc.contents as YNode, undefined);
  });
  return { docs, problems, broken };
}

class Converter {
  private readonly seen = new Map<unknown, Node>();

  constructor(
    private readonly text: string,
    private readonly doc: SourceDoc,
    private readonly ydoc: Document.Parsed,
  ) {}

  convert(y: YNode | null | undefined, fallbackAt: number | undefined): Node {
    if (y == null) return this.nullAt(fallbackAt ?? this.doc.span[0]);
    if (isAlias(y)) {
      const target = y.resolve(this.ydoc) as YNode | undefined;
      const hit = target ? this.seen.get(target) : undefined;
      // An alias shares its anchor's node: the tree stays linear in the text even for alias bombs.
      return hit ?? this.nullAt(y.range?.[0] ?? fallbackAt ?? 0);
    }
    const node = this.convertPlain(y);
    this.seen.set(y, node);
    const tag = (y as { tag?: string }).tag;
    const longKey = tag ? SHORT_TAGS[tag] : undefined;
    if (!longKey) return node;
    return this.wrapShortTag(tag!, longKey, node);
  }

  private convertPlain(y: YNode): Node {
    const span = spanOf(y);
    if (isMap(y)) {
      const map: MapNode = { kind: 'map', pairs: [], flow: !!y.flow, span, doc: this.doc };
      const merges: Node[] = [];
      for (const item of y.items) {
        if (!isPair(item)) continue;
        const key = this.keyOf(item.key as YNode | null, span[0]);
        const value = this.convert(item.value as YNode | null, key.span[1]);
        if (key.value === '<<' && key.style === 'plain') {
          merges.push(value);
          continue;
        }
        value.parent ??= map;
        (key as { parent?: MapNode }).parent = map;
        map.pairs.push({ key, value, span: [key.span[0], Math.max(value.span[1], key.span[1])] });
      }
      this.applyMerges(map, merges);
      return map;
    }
    if (isSeq(y)) {
      const seq: SeqNode = { kind: 'seq', items: [], flow: !!y.flow, span, doc: this.doc };
      for (const item of y.items) {
        const value = this.convert(isPair(item) ? (item.value as YNode) : (item as YNode), span[0]);
        value.parent ??= seq;
        seq.items.push(value);
      }
      return seq;
    }
    if (isScalar(y)) return this.scalar(y, span);
    return this.nullAt(span[0]);
  }

  /** YAML merge keys (`<<: *base`): the anchor's pairs join the map unless the map overrides them. */
  private applyMerges(map: MapNode, merges: Node[]): void {
    for (const merged of merges) {
      const sources = merged.kind === 'seq' ? merged.items : [merged];
      for (const source of sources) {
        if (source.kind !== 'map') continue;
        for (const pair of source.pairs) {
          if (!map.pairs.some((p) => p.key.value === pair.key.value)) map.pairs.push(pair);
        }
      }
    }
  }

  private keyOf(y: YNode | null, at: number): ScalarNode {
    if (y && isScalar(y)) return this.scalar(y, spanOf(y));
    if (y == null) return { kind: 'scalar', value: null, style: 'plain', span: [at, at], doc: this.doc };
    // A complex key (a mapping or sequence as a key) is kept as its source text.
    const span = spanOf(y);
    return { kind: 'scalar', value: this.text.slice(span[0], span[1]), style: 'plain', span, doc: this.doc };
  }

  private scalar(y: YScalar, span: Span): ScalarNode {
    const raw = y.value;
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
    return { kind: 'scalar', value, style, span, doc: this.doc };
  }

  private nullAt(at: number): ScalarNode {
    return { kind: 'scalar', value: null, style: 'plain', span: [at, at], doc: this.doc };
  }

  /** `!Tag value` → `{ "Fn::Tag": value }`; the key's span is the tag token, the map's spans tag to value end. */
  private wrapShortTag(tag: string, longKey: string, value: Node): MapNode {
    const tagAt = this.tagStart(tag, value.span[0]);
    const key: ScalarNode = { kind: 'scalar', value: longKey, style: 'plain', span: [tagAt, tagAt + tag.length], doc: this.doc };
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
    const seq: SeqNode = { kind: 'seq', items: [], flow: true, span: value.span, doc: this.doc };
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

function spanOf(y: YNode): Span {
  const r = (y as { range?: [number, number, number] | null }).range;
  return r ? [r[0], r[1]] : [0, 0];
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
