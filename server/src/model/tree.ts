// The one source-mapped tree every parser adapter produces; rules and formats see only this.

/** Half-open range of UTF-16 offsets into the file text: [start, end). */
export type Span = readonly [number, number];

/** `hcl`: Terraform `*.tf` and `*.tfvars`, read into the shape of the Terraform JSON document (model/hcl.ts). */
export type Lang = 'yaml' | 'json' | 'hcl';

/** One YAML document (or the single JSON document) of a file. */
export interface SourceDoc {
  /** Index of the document within the file (YAML `---` separated), 0 for JSON. */
  readonly index: number;
  readonly lang: Lang;
  /** The whole file's text (shared by every document of the file). */
  readonly text: string;
  /** Span of the whole document in the file text. */
  readonly span: Span;
  /** The root node, or undefined for an empty or comment-only document. */
  root: Node | undefined;
}

interface NodeBase {
  readonly span: Span;
  readonly doc: SourceDoc;
  /** Set after construction; undefined for a document root or a synthetic node. */
  parent?: MapNode | SeqNode;
}

export interface Pair {
  readonly key: ScalarNode;
  readonly value: Node;
  /** From the start of the key (or its tag) to the end of the value. */
  readonly span: Span;
}

export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly pairs: Pair[];
  /** `{a: 1}` flow style in YAML; JSON objects are always flow. */
  readonly flow: boolean;
  /**
   * Set when this one-key mapping was written as a CloudFormation short-form tag (`!Ref X`),
   * normalised to its long form (`{Ref: X}`); the value is the tag name as written.
   */
  readonly shortTag?: string;
}

export interface SeqNode extends NodeBase {
  readonly kind: 'seq';
  readonly items: Node[];
  readonly flow: boolean;
}

export type Scalar = string | number | boolean | null;

export interface ScalarNode extends NodeBase {
  readonly kind: 'scalar';
  readonly value: Scalar;
  /** How it was written: `plain` YAML scalars and JSON literals, or a quoted / block string. */
  readonly style: 'plain' | 'quoted' | 'block';
  /**
   * For an untagged plain YAML scalar that YAML 1.1 reads differently from YAML 1.2 (`yes`, `off`, `010`, `1_000`):
   * its YAML 1.1 value. CloudFormation and kubectl read YAML 1.1, so `parseFile` makes it the value of their documents.
   */
  readonly yaml11?: Scalar;
}

export type Node = MapNode | SeqNode | ScalarNode;

/**
 * `xs` (a mapping's pairs or a sequence's items, built by `push`) with a backing store of its length. An array grown
 * from empty by `push` keeps room for 17 elements however few it holds, and a scan keeps the tree of every file until
 * its report is written: in the corpus, 87,000 such arrays held 13 MB, copied twice by each young-generation GC they
 * lived through. Every node literal names `parent` too (undefined until set), for the same reason: a property added
 * later goes to a separate, growable store, and nodes of different shapes make the code that reads them polymorphic.
 */
export function fitted<T>(xs: T[]): T[] {
  return xs.length === 0 ? xs : xs.slice();
}

/** A syntax problem reported by a parser, at a span of the text. */
export interface ParseProblem {
  readonly span: Span;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The parse limit that made Cloudline skip the file or a document (`maxFileSize`, `maxDepth`, `maxAliasNodes`). */
  readonly limit?: 'maxFileSize' | 'maxDepth' | 'maxAliasNodes';
}

/** Limits that keep parsing fast and safe on hostile input; every one is named in the problem it produces. */
export interface ParseLimits {
  /** Longest text parsed, in UTF-16 code units (bytes, for ASCII text). Default 10 MiB. */
  readonly maxFileSize: number;
  /**
   * Deepest nesting of mappings and sequences. Default 500. The `yaml` parser and composer recurse: fed one token at
   * a time, the parser is stopped past this depth, well before the stack runs out (near 1,000 levels), because V8
   * may abort the whole process on a second stack overflow; JSON deeper than this is not handed to momoa at all.
   */
  readonly maxDepth: number;
  /** Most nodes YAML aliases and merge keys may add to one document (a "billion laughs" bomb adds billions). Default 100,000. */
  readonly maxAliasNodes: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxFileSize: 10 * 1024 * 1024, maxDepth: 500, maxAliasNodes: 100_000 };

/** Thrown inside an adapter when a limit is reached; the adapter turns it into a problem naming the limit. */
export class LimitError extends Error {
  constructor(
    readonly limit: NonNullable<ParseProblem['limit']>,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Documents whose parser saw no repeated key and no plain scalar that YAML 1.1 reads differently, so the walk of
 * `parseFile` has nothing to do; each with the text it was parsed from. A document taken over by the incremental
 * re-parse is pointed at the new text, so the mark no longer holds for it once an entry of it was parsed again.
 */
const settled = new WeakMap<SourceDoc, string>();

/** Marks `doc`, just parsed from `doc.text`, as one the walk of `parseFile` would find nothing in. */
export function markSettled(doc: SourceDoc): void {
  settled.set(doc, doc.text);
}

/** True for a document marked by `markSettled` and not patched since. */
export function isSettled(doc: SourceDoc): boolean {
  return settled.get(doc) === doc.text;
}

/** Looks up the value of `key` in a mapping (the last one wins, as YAML and JSON parsers do). */
export function getPair(map: MapNode, key: string): Pair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    if (map.pairs[i].key.value === key) return map.pairs[i];
  }
  return undefined;
}

/** The value node under `key`, if the node is a mapping that has it. */
export function get(node: Node | undefined, key: string): Node | undefined {
  return node && node.kind === 'map' ? getPair(node, key)?.value : undefined;
}

/** The pair whose value is `node`, when `node` sits in a mapping. */
export function pairOf(node: Node): Pair | undefined {
  const parent = node.parent;
  if (!parent || parent.kind !== 'map') return undefined;
  return parent.pairs.find((p) => p.value === node);
}

/** The path of keys and indices from the document root to `node`. */
export function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let current: Node = node;
  while (current.parent) {
    const parent: MapNode | SeqNode = current.parent;
    if (parent.kind === 'map') {
      const pair = parent.pairs.find((p) => p.value === current);
      path.unshift(pair ? String(pair.key.value) : '?');
    } else {
      path.unshift(parent.items.indexOf(current));
    }
    current = parent;
  }
  return path;
}

/** A known string value of a scalar node, else undefined. */
export function str(node: Node | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}
