// Every Terraform JSON example of every rule (rules/*/examples.yaml, `terraform-json`), written as the HCL of the same
// configuration, gives the same findings: the same rules at the same text. The HCL is generated (nested objects as
// attributes, which the adapter reads the same way as blocks), so this checks the adapter and the resolver against
// the JSON reader on the whole catalogue. Examples that declare variables are left out: HCL resolves their defaults
// where Terraform JSON, in Cloudline, does not.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULE_DIRS } from '../../rules/index';
import type { LintResult } from '../../server/src/engine/lint';
import { escape, interpolationEnd } from '../../scripts/gen-hcl-examples';
import { lintText } from '../helpers';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;


/** A quoted HCL string: literal parts escaped, `${…}` interpolations copied as written (HCL reads them as code). */
function hclString(s: string): string {
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
    // An unclosed interpolation runs to the end of the string.
    const found = interpolationEnd(s, open);
    const end = found < 0 ? s.length - 1 : found;
    out += s.slice(open, end + 1);
    i = end + 1;
  }
  return `"${out}"`;
}

function hclValue(v: Json, indent: string): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return hclString(v);
  if (Array.isArray(v)) return `[${v.map((x) => hclValue(x, indent)).join(', ')}]`;
  const inner = Object.entries(v).map(([k, x]) => `${indent}  ${hclString(k)} = ${hclValue(x, indent + '  ')}`);
  return inner.length ? `{\n${inner.join('\n')}\n${indent}}` : '{}';
}

/** A block body: attributes one per line; a `"//"` comment key becomes a comment above the block (returned apart). */
function hclBody(body: Json, indent: string): { text: string; comments: string[] } {
  const comments: string[] = [];
  const lines: string[] = [];
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body)) {
      if (k === '//') {
        for (const c of Array.isArray(v) ? v : [v]) comments.push(`# ${String(c)}`);
        continue;
      }
      lines.push(`${indent}${IDENT.test(k) ? k : hclString(k)} = ${hclValue(v, indent)}`);
    }
  }
  return { text: lines.join('\n'), comments };
}

const list = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);
const entries = (v: Json): [string, Json][] => list(v).flatMap((m) => (m && typeof m === 'object' && !Array.isArray(m) ? Object.entries(m).filter(([k]) => k !== '//') : []));

/** The HCL of a Terraform JSON document, or undefined when it uses what this rendering does not cover. */
export function toHcl(doc: Json): string | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const out: string[] = [];
  const block = (head: string, body: Json) => {
    const { text, comments } = hclBody(body, '  ');
    out.push(...comments, `${head} {`, ...(text ? [text] : []), '}', '');
  };
  for (const [kind, value] of entries(doc)) {
    if (kind === 'resource' || kind === 'data') {
      for (const [type, byName] of entries(value)) for (const [name, body] of entries(byName)) for (const b of list(body)) block(`${kind} ${hclString(type)} ${hclString(name)}`, b);
    } else if (kind === 'provider' || kind === 'module' || kind === 'output') {
      for (const [name, body] of entries(value)) for (const b of list(body)) block(`${kind} ${hclString(name)}`, b);
    } else if (kind === 'locals' || kind === 'terraform') {
      for (const b of list(value)) block(kind, b);
    } else {
      return undefined; // variable (resolved in HCL only), and anything unusual
    }
  }
  return out.join('\n');
}

/** Findings as rule ID and the text they point at, quotes and JSON escapes removed, so both forms read the same. */
function shown(r: LintResult): string[] {
  return r.findings
    .map((f) => `${f.rule.id} ${r.file.text.slice(f.span[0], f.span[1]).replace(/\\"/g, '"').replace(/^"|"$/g, '').replace(/^(#|\/\/) ?/, '')}`)
    .sort();
}

describe('HCL parity with every Terraform JSON rule example', () => {
  let compared = 0;
  for (const dir of RULE_DIRS) {
    const examples = parse(readFileSync(join(__dirname, '..', '..', 'rules', dir, 'examples.yaml'), 'utf8')) as Record<string, { good?: { name: string; code: string }[]; bad?: { name: string; code: string }[] }>;
    const tf = examples['terraform-json'];
    if (!tf) continue;
    for (const ex of [...(tf.good ?? []), ...(tf.bad ?? [])]) {
      let json: Json;
      try {
        json = JSON.parse(ex.code) as Json;
      } catch {
        continue;
      }
      const hcl = toHcl(json);
      if (hcl === undefined) continue;
      it(`${dir}: ${ex.name}`, () => {
        const a = lintText('main.tf.json', ex.code);
        const b = lintText('main.tf', hcl);
        assert.deepEqual(b.problems, [], hcl);
        assert.deepEqual(b.errors, []);
        assert.deepEqual(shown(b), shown(a), hcl);
        compared++;
      });
    }
  }
  it('compared most of the examples', () => assert.ok(compared > 100, `${compared} examples compared`));
});
