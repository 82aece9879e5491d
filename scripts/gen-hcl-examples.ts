// `npm run examples:hcl`: every `terraform-json` example of rules/*/*/examples.yaml gets an HCL twin in a
// `terraform-hcl` section (good and bad, findings with exact ranges and messages, and `fixed` text where the JSON
// example has one). Only what is missing is ADDED: an example already written (by name) is never changed, so the
// script can be re-run after fixes are added to the JSON examples. The HCL is converted from the JSON text (the
// `fixed` text from the JSON `fixed`), independently of the HCL fixer, so the parity test that compares the two
// is not circular. `--check` writes nothing and exits 1 when something would be added. An HCL example whose JSON
// example was renamed or removed is listed; `--prune` removes it (and only then is anything removed).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, type Pair as YPair, type YAMLMap, type YAMLSeq } from 'yaml';
import { HCL_MAP_ATTRIBUTES } from '../server/src/engine/hcl-edits';
import { interpolationEnd as closeOfInterpolation } from '../server/src/formats/terraform-hcl';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JObj = { [k: string]: Json };
const isObj = (v: Json): v is JObj => v !== null && typeof v === 'object' && !Array.isArray(v);

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

/** The end of the `${…}` interpolation opened at `open` (the index of its `}`), quotes inside it respected; -1 if unclosed. */
export function interpolationEnd(s: string, open: number): number {
  const after = closeOfInterpolation(s, open);
  return after < 0 ? -1 : after - 1;
}

/** A string as HCL: a lone `${expr}` is the expression itself; otherwise a quoted template, interpolations kept. */
function str(s: string): string {
  if (s.startsWith('${') && interpolationEnd(s, 0) === s.length - 1) return s.slice(2, -1).trim();
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('${', i);
    if (open < 0 || s.startsWith('$${', open - 1)) {
      const end = open < 0 ? s.length : open + 2;
      out += escape(s.slice(i, end));
      i = end;
      continue;
    }
    out += escape(s.slice(i, open));
    const end = interpolationEnd(s, open);
    if (end < 0) throw new Error(`unclosed interpolation in ${s}`);
    out += s.slice(open, end + 1);
    i = end + 1;
  }
  return `"${out}"`;
}

const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));

/** A line: indentation, text, and for a one-line `k = v` the key's length (fmt aligns their `=`). */
interface Line {
  indent: string;
  text: string;
  key?: number;
}

function inline(v: Json): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const e = Object.entries(v);
  return e.length ? `{ ${e.map(([k, x]) => `${key(k)} = ${inline(x)}`).join(', ')} }` : '{}';
}

/** `k = v`: a non-empty object over several lines (its entries aligned), anything else on one line. */
function attribute(k: string, v: Json, indent: string): Line[] {
  if (isObj(v) && Object.keys(v).length > 0) {
    return [{ indent, text: `${k} = {` }, ...Object.entries(v).flatMap(([ik, iv]) => attribute(key(ik), iv, indent + '  ')), { indent, text: '}' }];
  }
  return [{ indent, text: `${k} = ${inline(v)}`, key: k.length }];
}

type Mode = 'body' | 'attrs';

/** True when `v` under `k` is written as block(s): objects, except map attributes (tags…), in a block body. */
function isBlock(k: string, v: Json, mode: Mode): boolean {
  if (mode !== 'body' || !IDENT.test(k) || HCL_MAP_ATTRIBUTES.has(k)) return false;
  return isObj(v) || (Array.isArray(v) && v.length > 0 && v.every(isObj));
}

/** A block body: comments (`"//"`), attributes, then blocks (each `dynamic` with its label). */
function body(obj: JObj, indent: string, mode: Mode, path: string[]): Line[] {
  const comments: Line[] = [];
  const attrs: Line[] = [];
  const blocks: Line[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (k === '//') {
      for (const c of Array.isArray(v) ? v : [v]) comments.push({ indent, text: `# ${String(c)}` });
    } else if (k === 'dynamic' && mode === 'body' && isObj(v)) {
      for (const [label, b] of Object.entries(v)) for (const one of Array.isArray(b) ? b : [b]) blocks.push(...block(`dynamic ${JSON.stringify(label)}`, one as JObj, indent, 'body', [...path, k]));
    } else if (isBlock(k, v, mode)) {
      for (const one of Array.isArray(v) ? v : [v]) blocks.push(...block(k, one as JObj, indent, k === 'required_providers' ? 'attrs' : 'body', [...path, k]));
    } else if (k === 'type' && path[0] === 'variable' && typeof v === 'string' && !v.includes('${')) {
      attrs.push({ indent, text: `type = ${v}`, key: 4 });
    } else {
      attrs.push(...attribute(key(k), v, indent));
    }
  }
  return [...comments, ...attrs, ...blocks];
}

function block(head: string, obj: JObj, indent: string, mode: Mode, path: string[]): Line[] {
  const inner = body(obj, indent + '  ', mode, path);
  // A `"//"` comment of a block goes above it.
  const comments = inner.filter((l) => l.text.startsWith('# ') && l.indent === indent + '  ');
  const rest = inner.filter((l) => !comments.includes(l));
  const above = comments.map((c) => ({ indent, text: c.text }));
  return rest.length ? [...above, { indent, text: `${head} {` }, ...rest, { indent, text: '}' }] : [...above, { indent, text: `${head} {}` }];
}

/** fmt's alignment: the `=` of consecutive one-line attributes line up one space after the longest key. */
function render(lines: Line[]): string[] {
  const out = lines.map((l) => l.indent + l.text);
  for (let i = 0; i < lines.length; ) {
    if (lines[i].key === undefined) {
      i++;
      continue;
    }
    let j = i;
    let max = 0;
    while (j < lines.length && lines[j].key !== undefined) max = Math.max(max, lines[j].indent.length + lines[j++].key!);
    for (let k = i; k < j; k++) {
      const l = lines[k];
      out[k] = `${l.indent}${l.text.slice(0, l.key)}${' '.repeat(max - l.indent.length - l.key! + 1)}${l.text.slice(l.key! + 1)}`;
    }
    i = j;
  }
  return out;
}

const list = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);
const entries = (v: Json): [string, Json][] => list(v).flatMap((m) => (isObj(m) ? Object.entries(m).filter(([k]) => k !== '//') : []));

/** The HCL of a Terraform JSON document, as `terraform fmt` would leave it (blocks as blocks); undefined when unusual. */
export function jsonToHcl(doc: Json): string | undefined {
  if (!isObj(doc)) return undefined;
  const parts: string[][] = [];
  const top = (head: string, b: Json, mode: Mode, path: string[]) => {
    if (!isObj(b)) throw new Error('not an object');
    parts.push(render(block(head, b, '', mode, path)));
  };
  try {
    for (const [kind, value] of entries(doc)) {
      if (kind === 'resource' || kind === 'data') {
        for (const [type, byName] of entries(value)) for (const [name, b] of entries(byName)) for (const one of list(b)) top(`${kind} ${JSON.stringify(type)} ${JSON.stringify(name)}`, one, 'body', [kind]);
      } else if (kind === 'provider') {
        for (const [name, b] of entries(value)) for (const one of list(b)) top(`${kind} ${JSON.stringify(name)}`, one, 'body', [kind]);
      } else if (kind === 'module' || kind === 'output' || kind === 'variable') {
        for (const [name, b] of entries(value)) for (const one of list(b)) top(`${kind} ${JSON.stringify(name)}`, one, kind === 'variable' ? 'body' : 'attrs', [kind]);
      } else if (kind === 'locals') {
        for (const one of list(value)) top(kind, one, 'attrs', [kind]);
      } else if (kind === 'terraform') {
        for (const one of list(value)) top(kind, one, 'body', [kind]);
      } else {
        return undefined;
      }
    }
  } catch {
    return undefined;
  }
  return parts.map((p) => p.join('\n') + '\n').join('\n');
}

// ---- examples.yaml ----

interface Example {
  name: string;
  code: string;
  findings?: { at: string; message?: string; severity?: string }[];
  fixed?: string;
}

/** A YAML scalar on one line: plain when that reads back as the same string, else double-quoted. */
function yamlLine(s: string): string {
  const plain = /^[A-Za-z0-9(][^#]*$/.test(s) && !/: |:$|\s$|^(true|false|null|yes|no|on|off|~|[-+.\d][\d.eE+-]*)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

function block8(text: string): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return [...(text.endsWith('\n') ? ['|'] : ['|-']).map((h) => h), ...body.split('\n').map((l) => (l ? `        ${l}` : ''))];
}

/** The lines of one example item under `good:`/`bad:` (four spaces, then `- `). */
function exampleLines(ex: Example): string[] {
  const [head, ...code] = block8(ex.code);
  const out = [`    - name: ${yamlLine(String(ex.name))}`, `      code: ${head}`, ...code];
  if (ex.findings) {
    out.push('      findings:');
    for (const f of ex.findings) {
      out.push(`        - at: ${f.at}`);
      if (f.message) out.push(`          message: ${yamlLine(f.message)}`);
      if (f.severity) out.push(`          severity: ${f.severity}`);
    }
  }
  if (ex.fixed !== undefined) out.push(...fixedLines(ex.fixed));
  return out;
}

function fixedLines(fixed: string): string[] {
  const [head, ...rest] = block8(fixed);
  return [`      fixed: ${head}`, ...rest];
}

export interface Twin {
  readonly ex: Example;
  /** Why the twin could not be made (the example is then left for a person to write). */
  readonly skipped?: string;
}

/**
 * The HCL twin of a JSON example: converted code (and fixed text), findings at the HCL ranges of the same rule, the
 * JSON example's messages. `lint` returns the rule's findings in the HCL as `{ at, text }`.
 */
export function twinOf(ex: Example, bad: boolean, lint: (code: string) => { at: string; text: string }[], jsonLint: (code: string) => { at: string; text: string }[]): Twin {
  let json: Json;
  try {
    json = JSON.parse(ex.code) as Json;
  } catch {
    return { ex, skipped: 'the JSON example does not parse as JSON' };
  }
  const code = jsonToHcl(json);
  if (code === undefined) return { ex, skipped: 'the JSON document uses what the converter does not write' };
  const twin: Example = { name: String(ex.name), code };
  const found = lint(code);
  if (!bad) return found.length ? { ex: twin, skipped: `the HCL twin gets ${found.length} finding(s)` } : { ex: twin };
  const want = jsonLint(ex.code);
  const norm = (t: string) => t.replace(/^(#|\/\/) ?/, '').replace(/\\"/g, '"').replace(/^"|"$/g, '').replace(/^\$\{(.*)\}$/s, '$1');
  if (found.length !== (ex.findings ?? []).length || found.some((f, i) => want[i] && norm(f.text) !== norm(want[i].text))) {
    return { ex: twin, skipped: `findings differ: HCL ${JSON.stringify(found.map((f) => f.text))}, JSON ${JSON.stringify(want.map((f) => f.text))}` };
  }
  twin.findings = found.map((f, i) => ({ at: f.at, ...(ex.findings?.[i]?.message ? { message: ex.findings[i].message } : {}), ...(ex.findings?.[i]?.severity ? { severity: ex.findings[i].severity } : {}) }));
  if (ex.fixed !== undefined) {
    let fixedJson: Json;
    try {
      fixedJson = JSON.parse(ex.fixed) as Json;
    } catch {
      return { ex: twin, skipped: 'the JSON fixed text does not parse' };
    }
    const fixed = jsonToHcl(fixedJson);
    if (fixed === undefined) return { ex: twin, skipped: 'the JSON fixed text uses what the converter does not write' };
    twin.fixed = fixed;
  }
  return { ex: twin };
}

/** The lines of the file's text, and the offset after the last non-blank line at or before `end`. */
function afterLastLine(text: string, end: number): number {
  let i = Math.min(end, text.length);
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

export interface FileResult {
  readonly text: string;
  readonly added: string[];
  readonly skipped: string[];
  /** HCL examples whose terraform-json example (by name) is gone: renamed or removed since the twin was written. */
  readonly orphans: string[];
}

/** The start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The text without the HCL examples whose terraform-json example is gone (`--prune`, asked for explicitly: they may
 * have been written by hand), a `good:`/`bad:` left empty removed with them.
 */
export function pruneOrphans(text: string): { text: string; pruned: string[] } {
  const doc = parseDocument(text);
  const data = doc.toJS() as Record<string, { good?: Example[]; bad?: Example[] }> | null;
  const tf = data?.['terraform-json'];
  const root = doc.contents as YAMLMap | null;
  const section = root?.items.find((p: YPair) => (p.key as { value?: unknown })?.value === 'terraform-hcl');
  if (!tf || !section || !isMap(section.value)) return { text, pruned: [] };
  const cuts: [number, number][] = [];
  const pruned: string[] = [];
  for (const pair of (section.value as YAMLMap).items as YPair[]) {
    const kind = (pair.key as { value?: unknown })?.value;
    if ((kind !== 'good' && kind !== 'bad') || !isSeq(pair.value)) continue;
    const names = new Set((tf[kind] ?? []).map((e) => String(e.name)));
    const items = (pair.value as YAMLSeq).items as YAMLMap[];
    const gone = items.filter((item) => !names.has(String(item.get('name'))));
    if (gone.length === 0) continue;
    for (const item of gone) pruned.push(`${kind} "${String(item.get('name'))}"`);
    if (gone.length === items.length) {
      const key = pair.key as { range?: [number, number, number] };
      cuts.push([lineStartOf(text, key.range![0]), afterLastLine(text, (pair.value as YAMLSeq).range![1])]);
      continue;
    }
    for (const item of gone) cuts.push([lineStartOf(text, item.range![0]), afterLastLine(text, item.range![1])]);
  }
  let out = text;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + out.slice(b);
  return { text: out, pruned };
}

/** The examples.yaml text with the missing HCL twins and fixed texts added (the same text when nothing is missing). */
export function addTwins(text: string, twin: (ex: Example, bad: boolean) => Twin): FileResult {
  // (Names are compared as strings: YAML reads an unquoted `name: 1.28` as a number.)
  const doc = parseDocument(text);
  const data = doc.toJS() as Record<string, { good?: Example[]; bad?: Example[] }> | null;
  const tf = data?.['terraform-json'];
  const added: string[] = [];
  const skipped: string[] = [];
  if (!tf) return { text, added, skipped, orphans: [] };
  const hcl = data?.['terraform-hcl'];
  const orphans: string[] = [];
  for (const kind of ['good', 'bad'] as const) {
    const names = new Set((tf[kind] ?? []).map((e) => String(e.name)));
    for (const e of hcl?.[kind] ?? []) if (!names.has(String(e.name))) orphans.push(`${kind} "${e.name}"`);
  }
  const inserts: { at: number; lines: string[] }[] = [];
  const nl = text.endsWith('\n') || text === '' ? '' : '\n';
  const root = doc.contents as YAMLMap;
  const section = root.items.find((p: YPair) => (p.key as { value?: unknown })?.value === 'terraform-hcl');
  const sectionEnd = (section?.value as YAMLMap | undefined)?.range?.[2] ?? text.length;
  const missing: Record<'good' | 'bad', string[]> = { good: [], bad: [] };
  for (const kind of ['good', 'bad'] as const) {
    const have = new Map((hcl?.[kind] ?? []).map((e, i) => [String(e.name), i]));
    for (const ex of tf[kind] ?? []) {
      const i = have.get(String(ex.name));
      if (i === undefined) {
        const t = twin(ex, kind === 'bad');
        if (t.skipped) {
          skipped.push(`${kind} "${ex.name}": ${t.skipped}`);
          continue;
        }
        missing[kind].push(...exampleLines(t.ex));
        added.push(`${kind} "${ex.name}"`);
      } else if (kind === 'bad' && ex.fixed !== undefined && hcl?.bad?.[i]?.fixed === undefined) {
        const t = twin(ex, true);
        if (t.skipped || t.ex.fixed === undefined) {
          skipped.push(`fixed of "${ex.name}": ${t.skipped ?? 'no fixed text'}`);
          continue;
        }
        const seq = (section!.value as YAMLMap).get('bad', true) as unknown as YAMLSeq;
        const item = seq.items[i] as YAMLMap;
        inserts.push({ at: afterLastLine(text, item.range![1]), lines: fixedLines(t.ex.fixed) });
        added.push(`fixed of "${ex.name}"`);
      }
    }
  }
  if (!section) {
    const lines = ['terraform-hcl:'];
    for (const kind of ['good', 'bad'] as const) if (missing[kind].length) lines.push(`  ${kind}:`, ...missing[kind]);
    if (lines.length > 1) inserts.push({ at: text.length, lines: nl ? ['', ...lines] : lines });
  } else {
    const map = section.value as YAMLMap;
    for (const kind of ['good', 'bad'] as const) {
      if (!missing[kind].length) continue;
      const seq = map.get(kind, true) as unknown as YAMLSeq | undefined;
      if (seq && isSeq(seq) && seq.items.length) {
        inserts.push({ at: afterLastLine(text, seq.range![1]), lines: missing[kind] });
      } else {
        inserts.push({ at: afterLastLine(text, sectionEnd), lines: [`  ${kind}:`, ...missing[kind]] });
      }
    }
  }
  let out = text;
  for (const ins of inserts.sort((a, b) => b.at - a.at)) {
    const lead = ins.at > 0 && out[ins.at - 1] !== '\n' ? '\n' : '';
    out = out.slice(0, ins.at) + lead + ins.lines.join('\n') + '\n' + out.slice(ins.at);
  }
  return { text: out, added, skipped, orphans };
}

async function main(): Promise<void> {
  const { initHcl } = await import('../server/src/model/hcl');
  const { lintText, spanText } = await import('../test/helpers');
  const { RULE_DIRS, RULES } = await import('../rules/index');
  await initHcl();
  const check = process.argv.includes('--check');
  const prune = process.argv.includes('--prune');
  let total = 0;
  const skippedAll: string[] = [];
  const orphansAll: string[] = [];
  RULE_DIRS.forEach((dir: string, n: number) => {
    const rule = RULES[n];
    const path = join(__dirname, '..', 'rules', dir, 'examples.yaml');
    const original = readFileSync(path, 'utf8');
    const cut = prune ? pruneOrphans(original) : { text: original, pruned: [] };
    const text = cut.text;
    const findings = (name: string) => (code: string) => {
      const r = lintText(name, code);
      return r.findings.filter((f) => f.rule === rule).map((f) => ({ at: spanText(r, f.span), text: r.file.text.slice(f.span[0], f.span[1]) }));
    };
    const res = addTwins(text, (ex, bad) => twinOf(ex, bad, findings('main.tf'), findings('main.tf.json')));
    for (const s of res.skipped) skippedAll.push(`${dir}: ${s}`);
    for (const o of res.orphans) orphansAll.push(`${dir}: ${o}`);
    if (cut.pruned.length) console.log(`${dir}: pruned ${cut.pruned.join(', ')}`);
    if (res.added.length === 0 && cut.pruned.length === 0) return;
    total += res.added.length + cut.pruned.length;
    if (res.added.length) console.log(`${dir}: ${res.added.join(', ')}`);
    if (!check) writeFileSync(path, res.text);
  });
  for (const s of skippedAll) console.log(`skipped ${s}`);
  // Kept unless --prune: a twin whose JSON example was renamed or removed (it may also be an HCL-only example).
  for (const o of orphansAll) console.log(`no terraform-json example of this name (re-run with --prune to remove): ${o}`);
  console.log(`${total} twin(s) or fixed text(s) ${check ? 'missing' : 'added'}, ${skippedAll.length} skipped`);
  if (check && total > 0) process.exitCode = 1;
}

if (require.main === module) void main();
