// Edits of Terraform HCL (`*.tf`) in `terraform fmt` style: literals as HCL writes them, nested objects as blocks
// (map attributes such as `tags` as `= { … }`), new attributes at the block body's indentation with `=` aligned the
// way fmt aligns a group of consecutive one-line attributes. The text is never re-serialised: edits are computed
// from the source-mapped tree's spans (model/hcl.ts) and the lines around them.
import type { LineIndex } from '../model/lines';
import type { MapNode, Node, Pair } from '../model/tree';
import type { Plain, TextEdit } from './edits';

/**
 * Nested objects of the Terraform AWS provider's resources that are map attributes (`tags = { … }`), not blocks.
 * Every other nested object is written as a block, unless the file writes the same name as an attribute.
 */
export const HCL_MAP_ATTRIBUTES: ReadonlySet<string> = new Set([
  'tags', 'tags_all', 'variables', 'environment_variables', 'parameters', 'triggers', 'metadata', 'labels',
  'request_parameters', 'request_templates', 'response_parameters', 'response_templates', 'stage_variables',
  'default_arguments', 'advanced_options', 'airflow_configuration_options', 'input_paths',
]);

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type Obj = { readonly [k: string]: Plain };
const isObj = (v: Plain): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A quoted HCL string; `${` and `%{` are escaped as `$${` / `%%{` except snippet placeholders (`${1:default}`). */
export function hclString(s: string): string {
  let out = JSON.stringify(s);
  // (Replacement functions: in a replacement string `$$` would write one `$`.)
  out = out.replace(/\$\{(?!\d+(:[^}]*)?\})/g, () => '$${').replace(/%\{/g, () => '%%{');
  return out;
}

/** An object key: a bare name when it is one, else quoted. */
export function hclKey(k: string): string {
  return IDENT.test(k) ? k : hclString(k);
}

/** A one-line HCL expression (a scalar, a list, an object `{ a = 1 }`). */
export function hclInline(v: Plain): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map((x: Plain) => hclInline(x)).join(', ')}]`;
  const entries = Object.entries(v as Obj);
  return entries.length ? `{ ${entries.map(([k, x]) => `${hclKey(k)} = ${hclInline(x)}`).join(', ')} }` : '{}';
}

/** How a file writes a nested object of this name: a block, an attribute, or unknown (never seen). */
export type Shape = (key: string) => 'block' | 'attribute' | undefined;

/** True when `value` under `key` is written as one or more blocks. */
export function isBlockValue(key: string, value: Plain, shape: Shape): boolean {
  const objs = Array.isArray(value) ? value.length > 0 && value.every(isObj) : isObj(value);
  if (!objs || !IDENT.test(key)) return false;
  const seen = shape(key);
  if (seen) return seen === 'block';
  return !HCL_MAP_ATTRIBUTES.has(key);
}

/** One line of the rendered body: its text (after the indentation), and the width of its key when it is a one-line attribute. */
interface Line {
  readonly indent: string;
  readonly text: string;
  /** For `key = value` on one line: the key's length (fmt aligns the `=` of consecutive such lines). */
  readonly key?: number;
}

/** Lines of an expression written after `key = ` (multi-line for a non-empty object). */
function exprLines(key: string, v: Plain, indent: string, unit: string, shape: Shape): Line[] {
  if (isObj(v) && Object.keys(v).length > 0) {
    const inner = attrLines(v, indent + unit, unit, shape, false);
    return [{ indent, text: `${key} = {` }, ...inner, { indent, text: '}' }];
  }
  return [{ indent, text: `${key} = ${hclInline(v)}`, key: key.length }];
}

/** The entries of an object as attribute lines (an object expression: no blocks in it). */
function attrLines(obj: Obj, indent: string, unit: string, shape: Shape, blocks: boolean): Line[] {
  const out: Line[] = [];
  const later: Line[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (blocks && isBlockValue(k, v, shape)) later.push(...blockLines(k, v, indent, unit, shape));
    else out.push(...exprLines(hclKey(k), v, indent, unit, shape));
  }
  return [...out, ...later];
}

/** `key { … }` once per object of `value` (a list of objects is a repeated block). */
export function blockLines(key: string, value: Plain, indent: string, unit: string, shape: Shape): Line[] {
  const out: Line[] = [];
  for (const body of Array.isArray(value) ? value : [value]) {
    const inner = attrLines(body as Obj, indent + unit, unit, shape, true);
    out.push(inner.length ? { indent, text: `${key} {` } : { indent, text: `${key} {}` }, ...inner);
    if (inner.length) out.push({ indent, text: '}' });
  }
  return out;
}

/** Lines for the pairs of a block body: attributes (in order) and blocks (after them). */
export function bodyLines(pairs: Obj, indent: string, unit: string, shape: Shape): { attrs: Line[]; blocks: Line[] } {
  const attrs: Line[] = [];
  const blocks: Line[] = [];
  for (const [k, v] of Object.entries(pairs)) {
    if (isBlockValue(k, v, shape)) blocks.push(...blockLines(k, v, indent, unit, shape));
    else attrs.push(...exprLines(hclKey(k), v, indent, unit, shape));
  }
  return { attrs, blocks };
}

/** Aligns the `=` of each run of consecutive one-line attributes at the same indentation (fmt's assign chains). */
export function align(lines: readonly Line[]): string[] {
  const out = lines.map((l) => l.indent + l.text);
  let i = 0;
  while (i < lines.length) {
    if (lines[i].key === undefined) {
      i++;
      continue;
    }
    let j = i;
    let max = 0;
    while (j < lines.length && lines[j].key !== undefined) max = Math.max(max, lines[j].indent.length + lines[j++].key!);
    for (let k = i; k < j; k++) {
      const l = lines[k];
      const key = l.text.slice(0, l.key);
      out[k] = `${l.indent}${key}${' '.repeat(max - l.indent.length - l.key! + 1)}${l.text.slice(l.key! + 1)}`;
    }
    i = j;
  }
  return out;
}

// ---- reading the file's lines the way fmt does ----

/** The `=` of a one-line attribute (fmt's "assign" cell): its offset in the line, and the key's end; else undefined. */
export function assignOf(line: string): { eq: number; leadEnd: number } | undefined {
  let depth = 0;
  let eq = -1;
  let inString = false;
  let lead = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if ((c === '$' || c === '%') && line[i + 1] === '{') {
        if (line[i - 1] === c) continue;
        if (eq >= 0) depth++;
        i++;
        // an interpolation: read on as code until its brace closes (strings inside it are rare: treat as code)
        inString = false;
        let d = 1;
        for (i++; i < line.length && d > 0; i++) {
          if (line[i] === '{') d++;
          else if (line[i] === '}') d--;
        }
        if (eq >= 0) depth--;
        i--;
        inString = true;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      if (eq < 0) lead = true;
      continue;
    }
    if (c === '#' || (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*'))) break;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (eq < 0) {
      if (c === '=' && lead && line[i + 1] !== '=' && line[i + 1] !== '>' && !'!<>='.includes(line[i - 1])) {
        eq = i;
        continue;
      }
      if ('{[('.includes(c) || '}])'.includes(c)) return undefined; // a block header or a bracket before any `=`
      lead = true;
      continue;
    }
    if ('{[('.includes(c)) depth++;
    else if ('}])'.includes(c)) depth--;
  }
  if (eq < 0 || depth !== 0 || inString) return undefined;
  let leadEnd = eq;
  while (leadEnd > 0 && (line[leadEnd - 1] === ' ' || line[leadEnd - 1] === '\t')) leadEnd--;
  return { eq, leadEnd };
}

/** The file's indentation step for HCL (fmt writes two spaces). */
export function hclUnit(text: string): string {
  const m = /\n([ \t]+)[A-Za-z_]/.exec(text);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1].length, 8));
}

/** A line of the file: its start, its text without the line break. */
function lineText(lines: LineIndex, line: number): { start: number; text: string } {
  const start = lines.lineStart(line);
  const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.text.length;
  let end = next;
  while (end > start && (lines.text[end - 1] === '\n' || lines.text[end - 1] === '\r')) end--;
  return { start, text: lines.text.slice(start, end) };
}

/**
 * Edits that insert `newLines` (already indented) after the line `after` of the file, joining the run of one-line
 * attributes around it: the run's `=` are aligned as fmt leaves them (the new lines padded, or, when a new key is
 * longer, the run's lines re-padded).
 */
export function insertAligned(lines: LineIndex, after: number, newLines: readonly Line[], eol: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // The run of one-line attributes the new lines join: above (ending at `after`) and below.
  const run: { line: number; start: number; text: string; eq: number; leadEnd: number }[] = [];
  const firstNew = newLines.findIndex((l) => l.key === undefined);
  const joinsAbove = newLines.length > 0 && newLines[0].key !== undefined;
  const joinsBelow = newLines.length > 0 && newLines[newLines.length - 1].key !== undefined;
  if (joinsAbove) {
    for (let l = after; l >= 0; l--) {
      const t = lineText(lines, l);
      const a = assignOf(t.text);
      if (!a) break;
      run.push({ line: l, ...t, ...a });
    }
  }
  if (joinsBelow) {
    for (let l = after + 1; l < lines.lineCount; l++) {
      const t = lineText(lines, l);
      const a = assignOf(t.text);
      if (!a) break;
      run.push({ line: l, ...t, ...a });
    }
  }
  // The new lines' own runs, with the file's lines they join.
  const rendered = newLines.map((l) => l.indent + l.text);
  const headRun = joinsAbove ? (firstNew < 0 ? newLines.length : firstNew) : 0;
  let tailStart = newLines.length;
  while (joinsBelow && tailStart > 0 && newLines[tailStart - 1].key !== undefined) tailStart--;
  const groups: { news: number[]; file: typeof run }[] = [];
  if (firstNew < 0 && joinsAbove) {
    groups.push({ news: newLines.map((_, i) => i), file: run });
  } else {
    if (joinsAbove) groups.push({ news: [...Array(headRun).keys()], file: run.filter((r) => r.line <= after) });
    if (joinsBelow) groups.push({ news: [...Array(newLines.length - tailStart).keys()].map((i) => i + tailStart), file: run.filter((r) => r.line > after) });
  }
  const inner = align(newLines);
  for (let i = 0; i < rendered.length; i++) rendered[i] = inner[i];
  for (const g of groups) {
    // A run the file does not align (its `=` in different columns: not fmt's layout) keeps its style: the new lines
    // get one space before `=`, the file's lines stay as they are.
    const aligned = new Set(g.file.map((r) => r.eq)).size <= 1 && g.file.every((r) => r.eq - r.leadEnd >= 1);
    let fileMax = 0;
    for (const r of g.file) fileMax = Math.max(fileMax, r.leadEnd);
    let newMax = 0;
    for (const i of g.news) newMax = Math.max(newMax, newLines[i].indent.length + newLines[i].key!);
    const max = aligned ? Math.max(fileMax, newMax) : newMax;
    for (const i of g.news) {
      const l = newLines[i];
      const pad = aligned ? max - l.indent.length - l.key! + 1 : 1;
      rendered[i] = `${l.indent}${l.text.slice(0, l.key)}${' '.repeat(pad)}${l.text.slice(l.key! + 1)}`;
    }
    // A longer new key: the run's lines are padded again, as fmt would leave them.
    if (!aligned || newMax <= fileMax) continue;
    for (const r of g.file) {
      const want = ' '.repeat(max - r.leadEnd + 1);
      if (r.text.slice(r.leadEnd, r.eq) !== want) edits.push({ start: r.start + r.leadEnd, end: r.start + r.eq, text: want });
    }
  }
  const at = lineText(lines, after);
  const end = at.start + at.text.length;
  edits.push({ start: end, end, text: rendered.map((t) => eol + t).join('') });
  return edits;
}

/** True when the pair is written as a block (or blocks, or a `dynamic` block), not as `key = …`. */
export function isBlockPair(p: Pair): boolean {
  const v = p.value;
  if (v.kind === 'map') return !v.flow;
  if (v.kind === 'seq') return !v.flow;
  return typeof v.value === 'string' && v.value.startsWith('${dynamic "');
}

/** How the document writes each nested object name: block or attribute (the first seen wins). */
const shapes = new WeakMap<object, Map<string, 'block' | 'attribute'>>();

export function shapeOf(root: Node | undefined): Shape {
  if (!root) return () => undefined;
  let m = shapes.get(root);
  if (!m) {
    const found = new Map<string, 'block' | 'attribute'>();
    const stack: Node[] = [root];
    let budget = 100_000;
    while (stack.length && budget-- > 0) {
      const n = stack.pop()!;
      if (n.kind === 'seq') stack.push(...n.items);
      if (n.kind !== 'map') continue;
      for (const p of n.pairs) {
        const k = String(p.key.value);
        const v = p.value;
        if (v.kind === 'map' || v.kind === 'seq') {
          // Block types and attribute names are plain identifiers; a quoted key is a block label or an object key.
          const objects = v.kind === 'map' || (v.items.length > 0 && v.items.every((x) => x.kind === 'map'));
          if (!found.has(k) && p.key.style === 'plain' && objects) found.set(k, v.flow ? 'attribute' : 'block');
          stack.push(v);
        }
      }
    }
    shapes.set(root, (m = found));
  }
  const got = m;
  return (k) => got.get(k);
}

/** The pairs of a block body written in the body itself, as the file holds them. */
export function bodyItems(map: MapNode): { attrs: Pair[]; blocks: Pair[] } {
  const attrs: Pair[] = [];
  const blocks: Pair[] = [];
  for (const p of map.pairs) (isBlockPair(p) ? blocks : attrs).push(p);
  return { attrs, blocks };
}
