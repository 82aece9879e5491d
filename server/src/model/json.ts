// JSON adapter: momoa's tree → the source-mapped tree; the first syntax error becomes one problem.
import { parse } from '@humanwhocodes/momoa';
import { DEFAULT_LIMITS, type MapNode, type Node, type ParseLimits, type ParseProblem, type ScalarNode, type SeqNode, type SourceDoc, type Span } from './tree';

export interface JsonParse {
  doc: SourceDoc;
  problems: ParseProblem[];
  /** Spans of keys that repeat an earlier key of the same object (JSON parsers keep the last silently). */
  duplicateKeys: { first: Span; again: Span; key: string }[];
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
  const duplicateKeys: JsonParse['duplicateKeys'] = [];
  const deep = jsonTooDeep(text, limits.maxDepth);
  if (deep >= 0) {
    problems.push({
      span: [deep, deep + 1],
      message: `The JSON is nested more than ${limits.maxDepth} levels deep here (the maxDepth limit): Cloudline did not parse it.`,
      severity: 'error',
      limit: 'maxDepth',
    });
    return { doc, problems, duplicateKeys };
  }
  let ast: MNode;
  try {
    ast = parse(text, { mode: 'json', ranges: true }) as unknown as MNode;
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
    return { doc, problems, duplicateKeys };
  }
  if (ast.body) doc.root = convert(ast.body, doc, duplicateKeys);
  return { doc, problems, duplicateKeys };
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

function spanOf(n: MNode): Span {
  return n.range ? [n.range[0], n.range[1]] : [n.loc.start.offset, n.loc.end.offset];
}

function convert(n: MNode, doc: SourceDoc, dups: JsonParse['duplicateKeys']): Node {
  const span = spanOf(n);
  switch (n.type) {
    case 'Object': {
      const map: MapNode = { kind: 'map', pairs: [], flow: true, span, doc };
      const firstSeen = new Map<string, Span>();
      for (const m of n.members ?? []) {
        const key: ScalarNode = { kind: 'scalar', value: String(m.name.value), style: 'quoted', span: spanOf(m.name), doc, parent: map };
        const value = convert(m.value, doc, dups);
        value.parent = map;
        const k = key.value as string;
        const first = firstSeen.get(k);
        if (first) dups.push({ first, again: key.span, key: k });
        else firstSeen.set(k, key.span);
        map.pairs.push({ key, value, span: [key.span[0], value.span[1]] });
      }
      return map;
    }
    case 'Array': {
      const seq: SeqNode = { kind: 'seq', items: [], flow: true, span, doc };
      for (const el of n.elements ?? []) {
        const value = convert(el.value, doc, dups);
        value.parent = seq;
        seq.items.push(value);
      }
      return seq;
    }
    case 'String':
      return { kind: 'scalar', value: String(n.value), style: 'quoted', span, doc };
    case 'Number':
      return { kind: 'scalar', value: Number(n.value), style: 'plain', span, doc };
    case 'Boolean':
      return { kind: 'scalar', value: Boolean(n.value), style: 'plain', span, doc };
    default:
      return { kind: 'scalar', value: null, style: 'plain', span, doc };
  }
}
