// Minimal, style-preserving text edits computed from node spans; nothing is ever re-serialised.
import type { Val } from '../formats/value';
import type { LineIndex } from '../model/lines';
import type { Resource } from '../formats/resource';
import { mergeSourcesOf, yamlDocInfo } from '../model/yaml';
import { align, bodyItems, bodyLines, hclInline, hclKey, hclUnit, insertAligned, shapeOf, type Shape } from './hcl-edits';
import type { MapNode, Node, Pair, SeqNode, SourceDoc, Span } from '../model/tree';

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
  /**
   * What applying the fix does besides fixing the setting, as a clause (`replaces an existing file system`, `clients
   * need TLS 1.2`): the engine writes it after the title in parentheses. Unattended fixing (`cloudline fix`, the
   * editor's fix-all) leaves such a fix to a person unless told otherwise; the quick-fix stays.
   */
  readonly caution?: string;
}

/** A JSON-like value to write into a file. */
export type Plain = string | number | boolean | null | readonly Plain[] | { readonly [k: string]: Plain };

/** The text a snippet inserts when the user accepts every placeholder's default (`${1:100m}` → `100m`). */
export function snippetDefaults(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Last first, so earlier offsets stay valid; of two edits at the same offset the later one in the array is applied
  // first, so their texts come out in the given order (LSP's TextEdit[] contract, as VS Code applies them).
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
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

/** A flag-like string (`--anonymous-auth=false`, `-v`) that YAML reads as this string when written plain. */
const PLAIN_ARG = /^--?[A-Za-z][A-Za-z0-9_./-]*(=[A-Za-z0-9_./,@+-]*)?$/;

/**
 * A scalar list item in YAML: plain where the sequence's last item is plain and the text reads back as the same string
 * (in a flow sequence without commas), else as `yamlScalar` writes it (a quoted last item: double-quoted).
 */
function yamlItemScalar(v: string | number | boolean | null, like: Node | undefined, flow: boolean): string {
  if (typeof v !== 'string') return yamlScalar(v);
  if (like && like.kind === 'scalar' && like.style === 'quoted') return JSON.stringify(v);
  if (PLAIN_ARG.test(v) && !(flow && v.includes(','))) return v;
  return yamlScalar(v);
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
  if (unit === '') return jsonInline(v);
  return JSON.stringify(v, null, unit).split('\n').join(eol + indent);
}

/** The pairs written in a mapping itself (not those a merge key brought in from an anchor). */
export function ownPairs(map: MapNode): Pair[] {
  return map.pairs.filter((p) => p.key.parent === map || p.key.parent === undefined);
}

/**
 * Inserts `entries` (already written as `k: v, …`) into a YAML flow mapping, before its own closing brace. Undefined
 * (no edit) when the brace cannot be found for sure: the search starts after the last pair written in the mapping,
 * so a nested mapping's brace or one inside a quoted value is never taken. A trailing comma (`{a: 1,}`) is kept valid.
 */
export function flowInsert(text: string, map: MapNode, own: readonly Pair[], entries: string): TextEdit[] {
  if (map.pairs.length !== own.length) return [];
  const from = own.length ? own[own.length - 1].span[1] : map.span[0] + 1;
  let close = -1;
  let comma = false;
  for (let i = from; i < map.span[1]; i++) {
    const c = text[i];
    if (c === '}') {
      close = i;
      break;
    }
    if (c === ',') {
      if (comma) return [];
      comma = true;
    } else if (c === '#') {
      return []; // a comment inside a flow mapping: leave it to the user
    } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') {
      return [];
    }
  }
  if (close < 0 || text[map.span[0]] !== '{') return [];
  if (own.length === 0) return [{ start: close, end: close, text: entries }];
  // Without a trailing comma the entries follow the last pair, so the spacing before the brace (`{ A: 1 }`) stays.
  if (!comma) return [{ start: from, end: from, text: `, ${entries}` }];
  return [{ start: close, end: close, text: /\s/.test(text[close - 1]) ? entries : ` ${entries}` }];
}

/** Edit helpers bound to one file's text; checks use them to build fixes. */
export class Edits {
  constructor(private readonly lines: LineIndex) {}

  // The file's line break and indentation units, found once: each is a scan of the whole text, and a large file
  // can get a fix per resource.
  private jsonUnitOnce: string | undefined;
  private yamlUnitOnce: string | undefined;
  private lastEolOnce: string | undefined;
  private hclUnitOnce: string | undefined;

  private get text(): string {
    return this.lines.text;
  }

  /**
   * Replaces a value written in place with `value`. Returns undefined when the value came from elsewhere
   * (a `!Ref` to a parameter default, a branch of `Fn::If`): changing the use would change the meaning.
   */
  setValue(val: Val, value: Plain): TextEdit[] | undefined {
    const node = val.node;
    if (!node || node !== val.at || val.when.length > 0) return undefined;
    if (node.doc.lang === 'hcl' && this.hclFromElsewhere(node)) return undefined;
    return this.replaceNode(node, value);
  }

  /**
   * An HCL value that a reference decides (`var.x`, `local.x`, a module output, `each`/`count`) or a `dynamic`
   * block: the fix belongs where the value is set (editing a variable's default would change its other users).
   */
  private hclFromElsewhere(node: Node): boolean {
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.startsWith('${dynamic "')) return true;
    const written = this.text.slice(node.span[0], node.span[1]);
    // A quoted string is a literal but for its interpolations (`"my-data.example"` refers to nothing).
    const code = node.kind === 'scalar' && node.style === 'quoted' ? (written.match(/\$\{[^}]*\}/g) ?? []).join(' ') : written;
    return /(^|[^\w.-])(var|local|module|each|count|data)\./.test(code);
  }

  /** Replaces a node's text with `value`, written in the file's language. */
  replaceNode(node: Node, value: Plain): TextEdit[] {
    if (node.doc.lang === 'hcl') return this.replaceHcl(node, value);
    const json = node.doc.lang === 'json';
    let text: string;
    if (json) {
      const indent = this.lines.indentAt(node.span[0]);
      text = jsonValue(value, indent, this.jsonUnit(node), this.eolAt(node.span[0]));
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
    if (map.doc.lang === 'hcl') return this.addHclPairs(map, pairs);
    return map.doc.lang === 'json' ? this.addJsonPairs(map, pairs) : this.addYamlPairs(map, pairs);
  }

  private hclUnit(): string {
    return (this.hclUnitOnce ??= hclUnit(this.text));
  }

  private hclShape(node: Node): Shape {
    return shapeOf(node.doc.root);
  }

  /** An HCL value in place of a node: a literal, a multi-line object, or a whole block body (`{ … }`). */
  private replaceHcl(node: Node, value: Plain): TextEdit[] {
    if (node.kind === 'scalar' && this.hclFromElsewhere(node)) return [];
    // Repeated blocks (`ingress { … } ingress { … }`) are no one expression to write a value in place of.
    if (node.kind === 'seq' && !node.flow) return [];
    const indent = this.lines.indentAt(node.span[0]);
    const unit = this.hclUnit();
    const eol = this.eolAt(node.span[0]);
    const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Plain>) : undefined;
    if (node.kind === 'map' && !node.flow) {
      // A block body: `{` … `}` with the value's attributes and blocks.
      if (!obj || this.text[node.span[0]] !== '{' || this.text[node.span[1] - 1] !== '}') return [];
      const { attrs, blocks } = bodyLines(obj, indent + unit, unit, this.hclShape(node));
      const lines = align([...attrs, ...blocks]);
      const text = lines.length ? `{${lines.map((l) => eol + l).join('')}${eol}${indent}}` : '{}';
      return [{ start: node.span[0], end: node.span[1], text }];
    }
    if (obj && Object.keys(obj).length > 0) {
      const { attrs } = bodyLines(Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, v])), indent + unit, unit, () => 'attribute');
      return [{ start: node.span[0], end: node.span[1], text: `{${align(attrs).map((l) => eol + l).join('')}${eol}${indent}}` }];
    }
    return [{ start: node.span[0], end: node.span[1], text: hclInline(value) }];
  }

  /**
   * Adds pairs to an HCL block body (attributes after its last attribute, blocks after its last item, `=` aligned
   * as `terraform fmt` aligns them) or to an object expression (`tags = { … }`, on one line or one per line).
   */
  private addHclPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    const text = this.text;
    const [open, close] = [map.span[0], map.span[1] - 1];
    if (text[open] !== '{' || text[close] !== '}') return [];
    const unit = this.hclUnit();
    const eol = this.eolAt(open);
    const openLine = this.lines.positionAt(open).line;
    const closeLine = this.lines.positionAt(close).line;
    const lineOf = (o: number) => this.lines.positionAt(o).line;
    const entries = Object.entries(pairs);
    if (map.flow) {
      // An object expression: no blocks in it.
      const last = map.pairs[map.pairs.length - 1];
      if (!last) return [{ start: open, end: close + 1, text: hclInline(pairs) }];
      if (lineOf(last.span[1]) === closeLine || openLine === closeLine) {
        if (openLine !== closeLine) return [];
        return [{ start: last.span[1], end: last.span[1], text: entries.map(([k, v]) => `, ${hclKey(k)} = ${hclInline(v)}`).join('') }];
      }
      const indent = this.lines.indentAt(last.key.span[0]);
      const { attrs } = bodyLines(pairs, indent, unit, () => 'attribute');
      return insertAligned(this.lines, lineOf(last.span[1]), attrs, eol);
    }
    const shape = this.hclShape(map);
    const { attrs, blocks } = bodyItems(map);
    if (openLine === closeLine) {
      // `versioning {}` or a one-line block `versioning { enabled = false }`: written again over several lines.
      const indent = this.lines.indentAt(open);
      const inner = text.slice(open + 1, close).trim();
      const had: { indent: string; text: string; key?: number }[] = [];
      if (inner) {
        const only = attrs.length === 1 && blocks.length === 0 ? attrs[0] : undefined;
        if (!only || /[\r\n#]|\/\//.test(inner)) return [];
        const key = text.slice(only.key.span[0], only.key.span[1]);
        had.push({ indent: indent + unit, text: `${key} = ${text.slice(only.value.span[0], only.value.span[1])}`, key: key.length });
      }
      const add = bodyLines(pairs, indent + unit, unit, shape);
      const lines = align([...had, ...add.attrs, ...add.blocks]);
      return [{ start: open, end: close + 1, text: `{${lines.map((l) => eol + l).join('')}${eol}${indent}}` }];
    }
    // Text after `{` on its line other than a comment, or an item ending on the `}` line: not fmt's layout, no edit.
    if (!/^[ \t]*(#.*|\/\/.*)?\r?$/.test(text.slice(open + 1, this.lines.lineStart(openLine + 1) - 1).replace(/\n$/, ''))) return [];
    const items = [...attrs, ...blocks];
    if (items.some((p) => lineOf(p.span[1]) === closeLine && p.span[1] > this.lines.lineStart(closeLine))) return [];
    const first = items.reduce<Pair | undefined>((a, p) => (!a || p.key.span[0] < a.key.span[0] ? p : a), undefined);
    const indent = first ? this.lines.indentAt(first.key.span[0]) : this.lines.indentAt(open) + unit;
    const add = bodyLines(pairs, indent, unit, shape);
    const endOf = (ps: Pair[]) => ps.reduce((m, p) => Math.max(m, p.span[1]), -1);
    const attrAfter = attrs.length ? lineOf(endOf(attrs)) : openLine;
    const blockAfter = items.length ? lineOf(endOf(items)) : openLine;
    if (add.attrs.length && add.blocks.length && attrAfter === blockAfter) return insertAligned(this.lines, attrAfter, [...add.attrs, ...add.blocks], eol);
    const out: TextEdit[] = [];
    if (add.attrs.length) out.push(...insertAligned(this.lines, attrAfter, add.attrs, eol));
    if (add.blocks.length) out.push(...insertAligned(this.lines, blockAfter, add.blocks, eol));
    return out;
  }

  /**
   * Appends `item` to a sequence written in place, in its style: a YAML block sequence gets a new `- item` line at its
   * items' indentation after the last item's line (so comment lines that follow stay where they are); a flow sequence
   * (YAML, JSON, HCL) gets `, item` before its `]`, one item per line when its items are, and `[item]` when it is empty.
   * No edit when the sequence is not laid out so that one is sure: a comment or anything but blanks and one comma
   * between the last item and `]`, an item a merge key or an alias brought in, an item sharing the line of another.
   */
  appendItem(seq: SeqNode, item: Plain): TextEdit[] {
    const text = this.text;
    const lang = seq.doc.lang;
    if (seq.items.some((i) => i.parent !== seq && i.parent !== undefined)) return [];
    if (seq.flow || lang !== 'yaml') return this.appendFlowItem(seq, item);
    const last = seq.items[seq.items.length - 1];
    if (!last) return [];
    const dash = seq.span[0];
    if (text[dash] !== '-') return [];
    const dashLine = this.lines.lineStart(this.lines.positionAt(dash).line);
    if (!/^[ \t]*$/.test(text.slice(dashLine, dash))) return [];
    const indent = text.slice(dashLine, dash);
    // The last item's `- ` and the blanks after it: the new item is written the same way.
    const lastLine = this.lines.lineStart(this.lines.positionAt(last.span[0]).line);
    const lead = text.slice(lastLine, last.span[0]);
    const m = /^([ \t]*)-([ \t]+)$/.exec(lead);
    if (!m || m[1] !== indent) return [];
    let end = last.span[1];
    while (end > last.span[0] && /\s/.test(text[end - 1])) end--;
    const at = this.lineEnd(Math.max(end - 1, last.span[0]));
    if (at > seq.span[1] + 1) return [];
    const eol = this.eolAt(at);
    const inner = indent + ' ' + m[2];
    let body: string;
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      body = yamlMapLines(item as Record<string, Plain>, inner, this.yamlUnit(), eol).slice(inner.length);
    } else if (item !== null && typeof item === 'object') {
      body = yamlFlow(item);
    } else {
      body = yamlItemScalar(item, last, false);
    }
    return [{ start: at, end: at, text: `${eol}${indent}-${m[2]}${body}` }];
  }

  /** `appendItem` for a flow sequence: YAML `[a, b]`, a JSON array, an HCL list expression. */
  private appendFlowItem(seq: SeqNode, item: Plain): TextEdit[] {
    const text = this.text;
    const lang = seq.doc.lang;
    const open = seq.span[0];
    const close = seq.span[1] - 1;
    if (text[open] !== '[' || text[close] !== ']') return [];
    const last = seq.items[seq.items.length - 1];
    const from = last ? last.span[1] : open + 1;
    let comma = -1;
    for (let i = from; i < close; i++) {
      const c = text[i];
      if (c === ',' && last && comma < 0) comma = i;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return []; // a comment, or an item not read
    }
    const lineOf = (o: number) => this.lines.positionAt(o).line;
    const eol = this.eolAt(open);
    if (!last) return [{ start: open + 1, end: close, text: this.inlineItem(seq, item, undefined) }];
    // One item per line when the last item starts on a line of its own (after the `[` line).
    const multi = lineOf(last.span[0]) !== lineOf(open) && /^[ \t]*$/.test(text.slice(this.lines.lineStart(lineOf(last.span[0])), last.span[0]));
    if (!multi) {
      const rendered = this.inlineItem(seq, item, last);
      return comma < 0 ? [{ start: from, end: from, text: `, ${rendered}` }] : [{ start: comma + 1, end: comma + 1, text: ` ${rendered},` }];
    }
    const indent = this.lines.indentAt(last.span[0]);
    let rendered: string;
    if (lang === 'json') rendered = jsonValue(item, indent, this.jsonUnit(seq), eol);
    else if (lang === 'hcl') rendered = hclInline(item);
    else rendered = item !== null && typeof item === 'object' ? yamlFlow(item) : yamlItemScalar(item, last, true);
    return comma < 0 ? [{ start: from, end: from, text: `,${eol}${indent}${rendered}` }] : [{ start: comma + 1, end: comma + 1, text: `${eol}${indent}${rendered},` }];
  }

  /** An item written on the line of a flow sequence, in the sequence's language. */
  private inlineItem(seq: SeqNode, item: Plain, like: Node | undefined): string {
    if (seq.doc.lang === 'json') return jsonInline(item);
    if (seq.doc.lang === 'hcl') return hclInline(item);
    return item !== null && typeof item === 'object' ? yamlFlow(item) : yamlItemScalar(item, like, true);
  }

  /** The indentation unit of the file: the step between a mapping's line and its keys' lines. */
  private yamlUnit(): string {
    return (this.yamlUnitOnce ??= yamlIndentUnit(this.text));
  }

  private jsonUnit(node: Node): string {
    void node;
    return (this.jsonUnitOnce ??= jsonIndentUnit(this.text));
  }

  private addYamlPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    // Pairs a merge key (`<<: *base`) brought in are written in the anchor's place, elsewhere in the file.
    const own = ownPairs(map);
    if (map.flow || map.pairs.length === 0) {
      const entries = Object.entries(pairs).map(([k, v]) => `${yamlScalar(k)}: ${yamlFlow(v)}`).join(', ');
      return flowInsert(this.text, map, own, entries);
    }
    // A mapping whose pairs all come from a merge key, or written with explicit `? key` entries: no safe place.
    if (own.length === 0 || own.some((p) => this.explicitKey(p.key.span[0]))) return [];
    const first = own[0].key;
    const firstLine = this.lines.lineStart(this.lines.positionAt(first.span[0]).line);
    // The first key must start its line, or follow the `- ` of its sequence item.
    if (!/^[ \t]*(- +)*$/.test(this.text.slice(firstLine, first.span[0]))) return [];
    const indent = ' '.repeat(this.lines.positionAt(first.span[0]).character);
    const last = own[own.length - 1];
    const at = this.lineEnd(Math.max(last.span[1] - 1, last.key.span[1]));
    if (at < map.span[0] || at > map.span[1] + 1) return [];
    const eol = this.eolAt(at);
    const unit = this.yamlUnit();
    const text = Object.entries(pairs)
      .map(([k, v]) => `${eol}${indent}${yamlScalar(k)}:${yamlValue(v, indent + unit, unit, eol)}`)
      .join('');
    return [{ start: at, end: at, text }];
  }

  /** True when the key at `offset` is written as an explicit `? key` entry. */
  private explicitKey(offset: number): boolean {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return i >= 0 && this.text[i] === '?';
  }

  /** The line break that ends the line holding `offset` (the file's usual one on its last line). */
  eolAt(offset: number): string {
    // From the line index, not by scanning to the line's end: a one-line file (a Terraform plan) would be scanned to
    // its end for every fix, quadratic in the resources.
    const { line } = this.lines.positionAt(offset);
    if (line + 1 >= this.lines.lineCount) return (this.lastEolOnce ??= eolAt(this.text, this.text.length));
    const next = this.lines.lineStart(line + 1);
    return this.text.charCodeAt(next - 1) === 13 ? '\r' : next >= 2 && this.text.charCodeAt(next - 2) === 13 ? '\r\n' : '\n';
  }

  private addJsonPairs(map: MapNode, pairs: Record<string, Plain>): TextEdit[] {
    const eol = this.eolAt(map.span[0]);
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

  /** Offset of the end of the line holding `offset` (before its line break, never between `\r` and `\n`). */
  private lineEnd(offset: number): number {
    let i = offset;
    if (this.text[i] === '\n' && this.text[i - 1] === '\r') i--;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }
}

/** Where a resource is written: its YAML document (Kubernetes), else its mapping from the start of its ID's line. */
export function resourceBounds(resource: Resource): Span {
  if (resource.format === 'kubernetes') return resource.doc.doc.span;
  const lines = resource.file.lines;
  const from = Math.min(resource.node.span[0], resource.anchor.span[0]);
  return [lines.lineStart(lines.positionAt(from).line), resource.node.span[1]];
}

/** Nodes of a document that are used in more than one place (YAML aliases, merge keys), with where each use is. */
const sharedCache = new WeakMap<SourceDoc, { node: Node; uses: number[] }[]>();

function sharedNodes(doc: SourceDoc): { node: Node; uses: number[] }[] {
  const cached = sharedCache.get(doc);
  if (cached) return cached;
  const uses = new Map<Node, number[]>();
  const stack: [Node, number][] = doc.root ? [[doc.root, doc.root.span[0]]] : [];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    const seen = uses.get(node);
    if (seen) {
      seen.push(at);
      continue;
    }
    uses.set(node, [at]);
    if (node.kind === 'map') {
      // A pair a merge key brought in is used where the merging mapping is written.
      for (const p of node.pairs) stack.push([p.value, p.key.parent === node || p.key.parent === undefined ? p.key.span[0] : node.span[0]]);
      for (const p of node.pairs) if (p.key.parent !== node && p.key.parent !== undefined) stack.push([p.key.parent, node.span[0]]);
      // A mapping merged with `<<` is used by the merging one even where that overrides each of its pairs (a pair
      // added to it would still join the merging mapping).
      for (const source of mergeSourcesOf(node)) stack.push([source, node.span[0]]);
    } else if (node.kind === 'seq') {
      for (const item of node.items) stack.push([item, item.parent === node ? item.span[0] : node.span[0]]);
    }
  }
  const out = [...uses].filter(([, u]) => u.length > 1).map(([node, u]) => ({ node, uses: u }));
  sharedCache.set(doc, out);
  return out;
}

/**
 * True when a YAML node, or a collection it is written in, is used in more than one place (through an alias or a merge
 * key): an edit of it would change each place.
 */
export function sharedIn(node: Node): boolean {
  if (!yamlDocInfo(node.doc)?.shared) return false;
  const shared = sharedNodes(node.doc);
  for (let n: Node | undefined = node; n; n = n.parent) if (shared.some((s) => s.node === n)) return true;
  return false;
}

/**
 * The fix as it may be offered, or undefined when it is not safe: every edit lies inside the resource's text, touches
 * no text an alias or merge key of another place also uses (a change there would change that place too), never
 * starts or ends between the `\r` and `\n` of a line break, and writes the line breaks of the line it is on.
 */
export function safeFix(text: string, doc: SourceDoc | undefined, fix: Fix, bounds: Span): Fix | undefined {
  const shared = doc && yamlDocInfo(doc)?.shared ? sharedNodes(doc) : [];
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    let { start, end } = e;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) return undefined;
    const between = (i: number) => text[i - 1] === '\r' && text[i] === '\n';
    if (between(start)) {
      if (start !== end) return undefined;
      start = end = start - 1;
    }
    if (between(end)) return undefined;
    if (start < bounds[0] || end > bounds[1]) return undefined;
    for (const s of shared) {
      // An insertion at the end of a shared mapping's last line (after a comment) still extends it.
      // (A block collection's span may end after its last line break: its text ends before that break.)
      let to = s.node.span[1];
      while (s.node.kind !== 'scalar' && to > s.node.span[0] && (text[to - 1] === '\n' || text[to - 1] === '\r')) to--;
      const last = s.node.kind === 'scalar' ? to : lineEndAt(text, to);
      if (s.node.span[0] <= start && end <= last && s.uses.some((u) => u < bounds[0] || u > bounds[1])) return undefined;
    }
    // The line's break is looked for only when the edit writes one (finding it scans to the end of the line).
    edits.push({ start, end, text: /[\r\n]/.test(e.text) ? withEol(e.text, hasCr(text) ? eolAt(text, start) : '\n') : e.text });
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  return edits.every((e, i) => e.start === fix.edits[i].start && e.text === fix.edits[i].text) ? fix : { ...fix, edits };
}

/** `s` with its line breaks written as `eol` (as it is when they already all are). */
function withEol(s: string, eol: string): string {
  return eol === '\n' && !s.includes('\r') ? s : s.replace(/\r\n|\r|\n/g, eol);
}

/** Whether a text holds a CR (without one, every line break is LF): remembered for the last text asked about. */
let crText: string | undefined;
let crFound = false;
function hasCr(text: string): boolean {
  if (text !== crText) {
    crText = text;
    crFound = text.includes('\r');
  }
  return crFound;
}

function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * The edit helpers of a file whose fixes are never offered (a Terraform plan: Terraform's output, editing it deploys
 * nothing; see lint's fixesOf): every edit is "none", so the checks do not compute text that would be dropped.
 */
export class NoEdits extends Edits {
  override setValue(): TextEdit[] | undefined {
    return undefined;
  }
  override replaceNode(): TextEdit[] {
    return [];
  }
  override addPair(): TextEdit[] {
    return [];
  }
  override addPairs(): TextEdit[] {
    return [];
  }
  override appendItem(): TextEdit[] {
    return [];
  }
}


/** Characters `eolAt` has scanned to find line ends, for tests that guard against quadratic work on one-line files. */
export const editStats = { scanned: 0 };

/** The line break that ends the line holding `offset` (the text's usual one on its last line). */
export function eolAt(text: string, offset: number): string {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  editStats.scanned += i - offset;
  if (i < text.length) return text[i] === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
  const crlf = text.indexOf('\r\n');
  if (crlf >= 0) return '\r\n';
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  return cr >= 0 && lf < 0 ? '\r' : '\n';
}

/** The YAML indentation unit fixes use in `text`: the indentation of its first indented line (2 when none or odd). */
export function yamlIndentUnit(text: string): string {
  const m = /\n( +)\S/.exec(text);
  const n = m ? m[1].length : 2;
  return ' '.repeat(n > 0 && n <= 8 ? n : 2);
}

/** The JSON indentation unit fixes use in `text`: that of its first indented key (none on one line). */
export function jsonIndentUnit(text: string): string {
  const m = /\n([ \t]+)"/.exec(text);
  if (!m) return text.includes('\n') ? '  ' : '';
  return m[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1].length, 8));
}

/**
 * What fixes take from the whole file besides the place they edit: its indentation units (found at the first
 * indented line, which may lie inside any resource). A result cache keyed by resource text must drop its fixes when
 * this changes (service/linter.ts).
 */
export function fileEditStyle(text: string, lang: string): string {
  if (lang === 'hcl') return hclUnit(text);
  return `${yamlIndentUnit(text)}\u0000${jsonIndentUnit(text)}`;
}
