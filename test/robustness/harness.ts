// The fuzzing harness shared by the robustness suite and scripts/fuzz-long.ts: the inputs (the open corpus and every
// rule example), random edits as fast-check arbitraries, and the invariants every lint of any text must keep.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { RULE_DIRS } from '../../rules/index';
import type { Catalogue } from '../../server/src/engine/catalogue';
import { applyEdits } from '../../server/src/engine/edits';
import { lintFile, type LintResult } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import { EXAMPLE_FILES } from '../helpers';

export const REPO = join(__dirname, '..', '..');
/** The open corpus, laid beside the checkout (as CI does). */
export const CORPUS = join(REPO, '..', 'shared', 'corpus');

export interface Input {
  /** The file name it is linted as (its extension picks the parser). */
  readonly name: string;
  readonly text: string;
  /** Where it comes from, for failure messages. */
  readonly origin: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ya?ml|json|template)$/i.test(name)) out.push(full);
  }
  return out;
}

/** Every `code` of every good and bad example of every rule, as the file its format is linted as. */
export function exampleInputs(): Input[] {
  const out: Input[] = [];
  for (const dir of RULE_DIRS) {
    const examples = parse(readFileSync(join(REPO, 'rules', dir, 'examples.yaml'), 'utf8')) as Record<string, Record<string, { name: string; code: string }[]>>;
    for (const [format, sets] of Object.entries(examples ?? {})) {
      for (const kind of ['good', 'bad']) {
        for (const ex of sets?.[kind] ?? []) {
          if (typeof ex?.code === 'string') out.push({ name: EXAMPLE_FILES[format] ?? 'unknown.yaml', text: ex.code, origin: `rules/${dir} ${format} ${kind}: ${ex.name}` });
        }
      }
    }
  }
  return out;
}

/** Every candidate file of the corpus (empty when the corpus is not there). */
export function corpusInputs(): Input[] {
  if (!existsSync(CORPUS)) return [];
  return walk(CORPUS).map((f) => {
    const name = relative(CORPUS, f);
    return { name, text: readFileSync(f, 'utf8'), origin: `corpus/${name}` };
  });
}

/** The Terraform HCL files (`*.tf`) of the KICS AWS query tests in the corpus (empty when the corpus is not there). */
export function hclCorpusInputs(): Input[] {
  const dir = join(CORPUS, 'kics', 'terraform', 'aws');
  if (!existsSync(dir)) return [];
  const out: Input[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.tf$/i.test(name)) out.push({ name: relative(CORPUS, full), text: readFileSync(full, 'utf8'), origin: `corpus/${relative(CORPUS, full)}` });
    }
  };
  visit(dir);
  return out;
}

/** One random edit of a text; positions are fractions of the text length, so any edit fits any text. */
export type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'swapLines'; readonly a: number; readonly b: number }
  | { readonly op: 'duplicateLine'; readonly a: number }
  | { readonly op: 'indent'; readonly a: number; readonly by: number }
  | { readonly op: 'replace'; readonly at: number; readonly text: string }
  | { readonly op: 'setValue'; readonly a: number; readonly value: string };

/** Tokens that mean something to YAML, JSON, CloudFormation, Terraform or Helm, and characters parsers trip on. */
const TOKENS = [
  ': ', ':', '- ', '? ', '[', ']', '{', '}', ',', '"', "'", '#', '# cloudline-ignore CL-AWS-001\n', '&a ', '*a', '&b ', '*b', '<<: *a\n',
  '!Ref ', '!GetAtt ', '!Sub ', '!If ', '!Join ', '!Base64 ', '!!str ', '!!binary ', '!Custom ', '|', '|-', '>', '>+', '---\n', '...\n', '%YAML 1.2\n',
  '\n', '\r\n', '\r', '\t', '  ', '    ', 'yes', 'no', 'on', 'off', 'y', '010', '0x1F', '1_000', '.inf', 'null', '~', 'true', 'false',
  '${', '}', '${var.x}', '${aws_s3_bucket.b.id}', '$${', '{{ .Values.x }}', '\\', '\\u', '"\\ud800"', '\u0000', '\uFEFF', '\uFFFD',
  '\uD800', '\uDC00', '\u2028', '\u00A0', '😀', 'Resources:\n', 'Type: AWS::S3::Bucket\n', 'Properties:\n', 'apiVersion: v1\nkind: Pod\n',
  '"resource": {', '"aws_s3_bucket": {', 'Fn::If', 'Ref', '*', '0.0.0.0/0', '"*"', 'arn:aws:iam::*:root', '-1', '65536', '1e309',
];

const token = fc.constantFrom(...TOKENS);

/** Values of the wrong shape or an odd kind, for a mapping value: what type confusion in a check looks like. */
const VALUES = [
  '[]', '{}', '[1, 2]', '[[]]', '[{}]', '{a: 1}', 'null', '~', '""', "''", '0', '-1', '1.5', '99999999999999999999', '.nan', 'true', 'yes',
  '"*"', '"0.0.0.0/0"', '!Ref Missing', '!Ref AWS::NoValue', '!GetAtt A.B', '!Sub "${X}"', '!If [C, a, b]', '!If [C]', '!Join ["", []]',
  '{"Ref": "X"}', '{"Fn::If": ["C", {"Ref": "AWS::NoValue"}, "x"]}', '{"Fn::If": []}', '"${var.x}"', '"{{ .Values.x }}"', '[null, 1, "a"]',
  '|\n  block\n', '*a', '&a x', '"\u0000"', 'arn:aws:iam::*:root', '"s3:*"', '[{"Effect": "Allow", "Action": "*", "Resource": "*"}]',
];
const junk = fc.oneof(
  token,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 6 }).map((cs) => String.fromCharCode(...cs)),
  fc.tuple(fc.constantFrom('A', ' ', '[', '{', '- ', '"', '${', 'a: ', '*', '\\'), fc.integer({ min: 100, max: maxRepeat() })).map(([s, n]) => s.repeat(n)),
);

/** Longest run of one token the edits insert (CLOUDLINE_FUZZ_REPEAT; scripts/fuzz-long.ts raises it). */
function maxRepeat(): number {
  return Number(process.env.CLOUDLINE_FUZZ_REPEAT) || 5000;
}
// Positions as fractions of the text length (fc.double would favour extremes: almost every edit at offset 0).
const frac = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: frac, text: junk }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: frac, length: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: frac, b: frac }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), a: frac }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), a: frac, by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: frac, text: junk }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('setValue' as const), a: frac, value: fc.constantFrom(...VALUES) }) },
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

/** Applies edits to a text, in order. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = (f: number) => Math.min(t.length, Math.floor(f * (t.length + 1)));
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at(m.at)) + m.text + t.slice(at(m.at));
        break;
      case 'delete':
        t = t.slice(0, at(m.at)) + t.slice(at(m.at) + m.length);
        break;
      case 'truncate':
        t = t.slice(0, at(m.at));
        break;
      case 'replace':
        t = t.slice(0, at(m.at)) + m.text + t.slice(at(m.at) + m.text.length);
        break;
      case 'setValue': {
        // The value after the n-th `: ` (YAML) or `": ` (JSON), up to the end of its line or the next comma.
        const starts: number[] = [];
        for (let i = t.indexOf(': '); i >= 0 && starts.length < 10_000; i = t.indexOf(': ', i + 2)) starts.push(i + 2);
        if (!starts.length) break;
        const s = starts[Math.min(starts.length - 1, Math.floor(m.a * starts.length))];
        let e = s;
        while (e < t.length && t[e] !== '\n' && t[e] !== '\r' && !(t[e] === ',' && t[s - 3] === '"')) e++;
        const json = t[s - 3] === '"';
        const value = json && !/^[[{"\d-]|^(true|false|null)$/.test(m.value) ? JSON.stringify(m.value) : m.value;
        t = t.slice(0, s) + value + t.slice(e);
        break;
      }
      default: {
        const lines = t.split('\n');
        const line = (f: number) => Math.min(lines.length - 1, Math.floor(f * lines.length));
        if (m.op === 'swapLines') {
          const [a, b] = [line(m.a), line(m.b)];
          [lines[a], lines[b]] = [lines[b], lines[a]];
        } else if (m.op === 'duplicateLine') {
          lines.splice(line(m.a), 0, lines[line(m.a)]);
        } else {
          const a = line(m.a);
          lines[a] = m.by >= 0 ? ' '.repeat(m.by) + lines[a] : lines[a].replace(new RegExp(`^ {0,${-m.by}}`), '');
        }
        t = lines.join('\n');
      }
    }
  }
  return t;
}

export interface Checked {
  readonly result: LintResult | undefined;
  readonly ms: number;
  /** Broken invariants, each a sentence naming the rule or the range; empty when all hold. */
  readonly violations: string[];
}

/**
 * Parses and lints a text and checks the invariants: nothing throws, no check fails (`errors`), every range (finding,
 * related place in the same file, problem, fix edit) lies inside the text, applying a finding's fix leaves a text
 * that lints without an exception, and the parse and lint take less than `maxMs` of CPU time.
 */
export function check(name: string, text: string, catalogue: Catalogue, maxMs = 3000, fixes = true): Checked {
  const violations: string[] = [];
  // CPU time, not wall time: other processes on a busy machine do not make a lint look slow.
  const t0 = process.cpuUsage();
  let result: LintResult | undefined;
  try {
    result = lintFile(parseFile(name, text), catalogue);
  } catch (e) {
    violations.push(`parseFile + lintFile threw: ${(e as Error)?.stack ?? e}`);
  }
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  if (ms > maxMs) violations.push(`took ${ms.toFixed(0)} ms of CPU (bound ${maxMs} ms) for ${text.length} characters`);
  if (!result) return { result, ms, violations };
  for (const e of result.errors) violations.push(`a check threw: ${e.split('\n').slice(0, 3).join(' | ')}`);
  const inside = (what: string, s: number, e: number) => {
    if (!(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s <= e && e <= text.length)) violations.push(`${what}: range [${s}, ${e}) outside the text (${text.length})`);
  };
  for (const p of result.problems) inside(`problem "${p.message.slice(0, 60)}"`, p.span[0], p.span[1]);
  for (const f of [...result.findings, ...result.suppressed.map((s) => s.finding)]) {
    inside(`${f.rule.id} finding`, f.span[0], f.span[1]);
    for (const r of f.related) if (r.uri === name) inside(`${f.rule.id} related`, r.span[0], r.span[1]);
    for (const fix of f.fixes) for (const e of fix.edits) inside(`${f.rule.id} fix "${fix.title}"`, e.start, e.end);
  }
  if (fixes && violations.length === 0) {
    for (const f of result.findings.slice(0, 3)) {
      for (const fix of f.fixes) {
        let fixed: string;
        try {
          fixed = applyEdits(text, fix.edits);
        } catch (e) {
          violations.push(`${f.rule.id} fix "${fix.title}" could not be applied: ${(e as Error).message}`);
          continue;
        }
        const again = check(name, fixed, catalogue, maxMs, false);
        for (const v of again.violations) violations.push(`after ${f.rule.id} fix "${fix.title}": ${v}`);
      }
    }
  }
  return { result, ms, violations };
}
