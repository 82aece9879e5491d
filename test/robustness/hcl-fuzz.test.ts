// HCL under random edits and hostile shapes: every edited KICS Terraform file parses and lints with no exception and
// no failing check, every range inside the text; deep nesting, long heredocs and broken tokens stay bounded.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'kics', 'terraform');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.tf')) out.push(full);
  }
  return out;
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['{', '}', '"', '${', '}"', '<<EOF\n', '\nEOF\n', '<<-X\n', '=', '\n', '# c\n', '/*', '*/', '[', ']', '(', ')', ',', 'var.x', 'dynamic "d" {', '\\', '%{', '\u0000', '😀', '\r'];

function check(name: string, text: string, failures: string[]): void {
  const catalogue = defaultCatalogue();
  let result;
  try {
    result = lintFile(parseFile(name, text), catalogue);
  } catch (e) {
    failures.push(`${name}: threw ${(e as Error).stack}`);
    return;
  }
  for (const e of result.errors) failures.push(`${name}: ${e}`);
  for (const [s, e] of [...result.findings.map((f) => f.span), ...result.problems.map((p) => p.span)]) {
    if (!(0 <= s && s <= e && e <= text.length)) failures.push(`${name}: range [${s}, ${e}) outside the text (${text.length})`);
  }
}

describe('robustness: HCL', function () {
  this.timeout(300_000);

  it('randomly edited Terraform files lint without an exception or a failing check, ranges inside the text', () => {
    const files = walk(corpus);
    assert.ok(files.length > 100);
    const seed = Number(process.env.FUZZ_SEED ?? 20261205);
    const random = rng(seed);
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      const file = files[Math.floor(random() * files.length)];
      let text = readFileSync(file, 'utf8');
      const edits = 1 + Math.floor(random() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(random() * (text.length + 1));
        if (random() < 0.4) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
        else text = text.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + text.slice(at);
      }
      check(`${file} (seed ${seed}, case ${i})`, text, failures);
    }
    assert.deepEqual(failures.slice(0, 10), []);
  });

  it('hostile shapes: deep nesting, a 200 kB heredoc, thousands of unclosed blocks, unterminated strings', () => {
    const failures: string[] = [];
    const cases: [string, string][] = [
      ['deep tuple', `a = ${'['.repeat(20_000)}`],
      ['deep objects', `a = ${'{ b = '.repeat(20_000)}1${' }'.repeat(20_000)}`],
      ['deep blocks', `${'x {\n'.repeat(5_000)}${'}\n'.repeat(5_000)}`],
      ['long heredoc', `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n${'{"a": 1}\n'.repeat(20_000)}EOF\n}\n`],
      ['unclosed blocks', 'resource "aws_s3_bucket" "b" {\n'.repeat(5_000)],
      ['unterminated string', 'resource "aws_s3_bucket" "b" {\n  acl = "public-read\n}\n'.repeat(1_000)],
      ['interpolation soup', `a = "${'${'.repeat(5_000)}"`],
    ];
    for (const [name, text] of cases) {
      const started = Date.now();
      check(name, text, failures);
      // Generous: a loaded, shared machine.
      if (Date.now() - started > 20_000) failures.push(`${name}: ${Date.now() - started} ms`);
    }
    assert.deepEqual(failures, []);
  });
});
