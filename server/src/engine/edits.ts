// Minimal, style-preserving text edits computed from node spans; nothing is ever re-serialised.
import type { Val } from '../formats/value';
import type { LineIndex } from '../model/lines';
import type { MapNode, Node } from '../model/tree';

/** Replace [start, end) of the file text with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True when the inserted text holds snippet placeholders the user should fill in (`${1:…}`). */
  readonly snippet?: boolean;
}

/** A JSON-like value to write into a file. */
export type Plain = string | number | boolean | null | readonly Plain[] | { readonly [k: string]: Plain };

/** The text a snippet inserts when the user accepts every placeholder's default (`${1:100m}` → `100m`). */
export function snippetDefaults(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const PLAIN_YAML = /^[A-Za-z_/][A-Za-z0-9_ ./-]*$/;
const YAML_RESERVED = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'y', 'n', '~']);

function yamlScalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN_YAML.test(v) && !YAML_RESERVED.has(v.toLowerCase()) && !v.endsWith(' ') ? v : JSON.stringify(v);
}

/** Renders a value as YAML block lines under `indent` (the text after `key:` is returned first). */
function yamlValue(v: Plain, indent: string, unit: string, eol: string): string {
  if (v === null || typeof v !== 'object') return ' ' + yamlScalar(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    return v
      .map((item: Plain) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const body = yamlMapLines(item as Record<string, Plain>, indent + '  ', unit, eol);
          return `${eol}${indent}- ${body.slice(indent.length + 2)}`;
        }
        return `${eol}${indent}-${yamlValue(item, indent + unit, unit, eol)}`;
      })
      .join('');
  }
  const entries = Object.keys(v);
  if (entries.length === 0) return ' {}';
  return eol + yamlMapLines(v as Record<string, Plain>, indent, unit, eol);
}

function yamlMapLines(m: Record<string, Plain>, indent: string, unit: string, eol: string): string {
  return Object.entries(m)
    .map(([k, val]) => `${indent}${yamlScalar(k)}:${yamlValue(val, indent + unit, unit, eol)}`)
    .join(eol);
}

function yamlFlow(v: Plain): string {
  if (v === null || typeof v !== 'object') return yamlScalar(v);
  if (Array.isArray(v)) return `[${v.map((x: Plain) => yamlFlow(x)).join(', ')}]`;
  return `{${Object.entries(v as Record<string, Plain>).map(([k, x]) => `${yamlScalar(k)}: ${yamlFlow(x)}`).join(', ')}}`;
}

/** One-line JSON with a space after colons and commas, the way hand-written one-line objects look. */
function jsonInline(v: Plain): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x: Plain) => jsonInline(x)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, Plain>);
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${jsonInline(x)}`).join(', ')}}`;
}

function jsonValue(v: Plain, indent: string, unit: string, eol: string): string {
  if (unit === '') return JSON.stringify(v);
  return JSON.stringify(v, null, unit).split('\n').join(eol + indent);
}

/** Edit helpers bound to one file's text; checks use them to build fixes. */
export class Edits {
  constructor(private readonly lines: LineIndex) {}

  // The file's line break and indentation units, found once: each is a scan of the whole text, and a large file
  // can get a fix per resource.
  private eolOnce: string | undefined;
  private jsonUnitOnce: string | undefined;
  private yamlUnitOnce: string | undefined;

  private get text(): string {
    return this.lines.text;
  }

  private get eol(): string {
    return (this.eolOnce ??= this.lines.eol);
  }

  /**
   * Replaces a value written in place with `value`. Returns undefined when the value came from elsewhere
   * (a `!Ref` to a parameter default, a branch of `Fn::If`): changing the use would change the meaning.
   */
  setValue(val: Val, value: Plain): TextEdit[] | undefined {
    const node = val.node;
    if (!node || node !== val.at || val.when.length > 0) return undefined;
    return this.replaceNode(node, value);
  }

  /** Replaces a node's text with `value`, written in the file's language. */
  replaceNode(node: Node, value: Plain): TextEdit[] {
    const json = node.doc.lang === 'json';
    let text: string;
    if (json) {
      const indent = this.lines.indentAt(node.span[0]);
      text = jsonValue(value, indent, this.jsonUnit(node), this.eol);
    } else if (value !== null && typeof value === 'object') {
      text = yamlFlow(value);
    } else {
      text = yamlScalar(value);
    }
    return [{ start: node.span[0], end: node.span[1], text }];
  }

  /** Adds `key: value` to a mapping, in its style (YAML block or flow, JSON one-line or indented). */
  addPair(map: MapNode, key: string, value: Plain): TextEdit[] {
    return this.addPairs(map, { [key]: value });
  }

  /** Adds several pairs to a mapping in one edit, in order, in the mapping's style. */
  addPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    if (Object.keys(pairs).length === 0) return [];
    return map.doc.lang === 'json' ? this.addJsonPairs(map, pairs) : this.addYamlPairs(map, pairs);
  }

  /** The indentation unit of the file: the step between a mapping's line and its keys' lines. */
  private yamlUnit(): string {
    if (this.yamlUnitOnce !== undefined) return this.yamlUnitOnce;
    const m = /\n( +)\S/.exec(this.text);
    const n = m ? m[1].length : 2;
    return (this.yamlUnitOnce = ' '.repeat(n > 0 && n <= 8 ? n : 2));
  }

  private jsonUnit(node: Node): string {
    void node;
    if (this.jsonUnitOnce !== undefined) return this.jsonUnitOnce;
    const m = /\n([ \t]+)"/.exec(this.text);
    if (!m) return (this.jsonUnitOnce = this.text.includes('\n') ? '  ' : '');
    return (this.jsonUnitOnce = m[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1].length, 8)));
  }

  private addYamlPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    const eol = this.eol;
    if (map.flow || map.pairs.length === 0) {
      // Flow mapping `{a: 1}` (or `{}`): insert before the closing brace (the last character of its span).
      const close = this.text.lastIndexOf('}', map.span[1] - 1);
      if (close < map.span[0]) return [];
      const entries = Object.entries(pairs).map(([k, v]) => `${yamlScalar(k)}: ${yamlFlow(v)}`).join(', ');
      const inner = this.text.slice(map.span[0] + 1, close).trim();
      return [{ start: close, end: close, text: inner === '' ? entries : `, ${entries}` }];
    }
    const first = map.pairs[0].key;
    const indent = ' '.repeat(this.lines.positionAt(first.span[0]).character);
    const last = map.pairs[map.pairs.length - 1];
    const at = this.lineEnd(Math.max(last.span[1] - 1, last.key.span[1]));
    const unit = this.yamlUnit();
    const text = Object.entries(pairs)
      .map(([k, v]) => `${eol}${indent}${yamlScalar(k)}:${yamlValue(v, indent + unit, unit, eol)}`)
      .join('');
    return [{ start: at, end: at, text }];
  }

  private addJsonPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    const eol = this.eol;
    const openLine = this.lines.positionAt(map.span[0]).line;
    const mapIndent = this.lines.indentAt(map.span[0]);
    const unit = this.jsonUnit(map);
    const entries = Object.entries(pairs);
    if (map.pairs.length === 0) {
      const close = map.span[1] - 1;
      const multi = unit !== '' && this.lines.positionAt(close).line !== openLine;
      if (!multi) {
        return [{ start: map.span[0] + 1, end: close, text: entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonInline(v)}`).join(', ') }];
      }
      const inner = entries.map(([k, v]) => `${eol}${mapIndent}${unit}${JSON.stringify(k)}: ${jsonValue(v, mapIndent + unit, unit, eol)}`).join(',');
      return [{ start: map.span[0] + 1, end: close, text: `${inner}${eol}${mapIndent}` }];
    }
    const last = map.pairs[map.pairs.length - 1];
    const lastLine = this.lines.positionAt(last.key.span[0]).line;
    if (lastLine === openLine) {
      return [{ start: last.span[1], end: last.span[1], text: entries.map(([k, v]) => `, ${JSON.stringify(k)}: ${jsonInline(v)}`).join('') }];
    }
    const indent = this.lines.indentAt(last.key.span[0]);
    const text = entries.map(([k, v]) => `,${eol}${indent}${JSON.stringify(k)}: ${jsonValue(v, indent, unit, eol)}`).join('');
    return [{ start: last.span[1], end: last.span[1], text }];
  }

  /** Offset of the end of the line holding `offset` (before its line break). */
  private lineEnd(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }
}
