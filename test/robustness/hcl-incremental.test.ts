// HCL while typing: tree-sitter's incremental parse (the old tree edited and handed to the parser) and the top-level
// blocks the edit does not reach copied from the previous document must give exactly what a cold parse gives, edit
// after edit; a syntax error gives one problem and the blocks after it are still linted; kept trees are freed.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { hclLiveTrees } from '../../server/src/model/hcl';
import { releaseFile, reparseFile } from '../../server/src/model/incremental';
import { parseFile } from '../../server/src/model/parse';
import { DocumentLinter } from '../../server/src/service/linter';
import { TWINS } from '../hcl/twins';
import { fileDiff, resultData } from './compare';
import { REPO } from './harness';

const KICS = join(REPO, '..', 'shared', 'corpus', 'kics', 'terraform');
const SEED = 20_261_205;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.tf')) out.push(full);
  }
  return out;
}

interface Input {
  name: string;
  text: string;
  origin: string;
}

/** One keystroke-like edit: positions are fractions of the text length, so any edit fits any text. */
type Edit = { op: 'insert'; at: number; text: string } | { op: 'delete'; at: number; length: number };

function apply(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  return e.op === 'insert' ? text.slice(0, at) + e.text + text.slice(at) : text.slice(0, at) + text.slice(at + e.length);
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6),
      text: fc.constantFrom('a', 'Z', '1', '_', '-', ' ', '\n', 'true', '"', '{', '}', '[', ']', '=', '#', '${', '"x"', 'b = 1\n', '<<EOF\nx\nEOF\n', '/*', '\r\n', 'é'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6), length: fc.integer({ min: 1, max: 12 }) }) },
);

describe('robustness: HCL incremental parse', function () {
  this.timeout(300_000);
  const catalogue = defaultCatalogue();
  const corpus: Input[] = walk(KICS)
    .filter((_, i) => i % 6 === 0)
    .map((f) => ({ name: 'main.tf', text: readFileSync(f, 'utf8'), origin: f }))
    .filter((x) => x.text.length < 30_000);
  const inputs: Input[] = [
    { name: 'main.tf', text: readFileSync(join(REPO, 'examples', 'terraform-hcl', 'main.tf'), 'utf8'), origin: 'examples/terraform-hcl/main.tf' },
    ...TWINS.map((t) => ({ name: 'main.tf', text: t.hcl, origin: `twin: ${t.name}` })),
    ...corpus,
  ];

  it(`has inputs: the example, ${TWINS.length} twins and ${corpus.length} KICS files`, () => {
    assert.ok(corpus.length > 100, 'the KICS corpus (../shared/corpus/kics/terraform) is missing');
  });

  it('the tree after an incremental re-parse equals the tree of a cold parse, edit after edit', () => {
    const how: Record<string, number> = {};
    fc.assert(
      fc.property(fc.nat(inputs.length - 1), fc.array(edit, { minLength: 1, maxLength: 10 }), (i, edits) => {
        const input = inputs[i];
        let prev = parseFile(input.name, input.text);
        let text = input.text;
        edits.forEach((e, k) => {
          text = apply(text, e);
          const next = reparseFile(prev, text);
          how[next.how] = (how[next.how] ?? 0) + 1;
          const diff = fileDiff(next.file, parseFile(input.name, text));
          if (diff) throw new Error(`${input.origin}: after edit ${k + 1} (${next.how}): ${diff}`);
          prev = next.file;
        });
        // What was kept for the last version is freed (the editor closing the document).
        releaseFile(prev);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // Most re-parses after the first edit of a file are incremental.
    assert.ok((how.blocks ?? 0) > (how.full ?? 0), JSON.stringify(how));
  });

  it('a re-lint through DocumentLinter equals a cold lint, edit after edit', () => {
    fc.assert(
      fc.property(fc.nat(inputs.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), (i, edits) => {
        const input = inputs[i];
        const linter = new DocumentLinter(catalogue);
        let text = input.text;
        linter.lint(input.name, 0, text);
        edits.forEach((e, v) => {
          text = apply(text, e);
          const warm = linter.lint(input.name, v + 1, text).result;
          const cold = lintFile(parseFile(input.name, text), catalogue);
          if (!isDeepStrictEqual(resultData(warm), resultData(cold))) {
            throw new Error(`${input.origin}: re-lint (${linter.lastParse}) differs from a cold lint after edit ${v + 1}`);
          }
        });
        linter.forget(input.name);
      }),
      { seed: SEED + 1, numRuns: 150 },
    );
  });

  const module = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "acme-${i}"\n  acl    = "public-read"\n}\n\nresource "aws_security_group" "sg${i}" {\n  name = "sg${i}"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n`,
    ).join('\n');

  it('after a one-character edit, only the edited block is adapted again and the lint equals a cold lint', () => {
    const text = module(40);
    const linter = new DocumentLinter(catalogue);
    linter.lint('main.tf', 0, text);
    const at = text.indexOf('acme-20') + 'acme-'.length;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    // The first lint kept tree-sitter's tree: the first edit is already incremental.
    const state = linter.lint('main.tf', 1, edited);
    assert.equal(linter.lastParse, 'blocks');
    assert.deepEqual(resultData(state.result), resultData(lintFile(parseFile('main.tf', edited), catalogue)));
    const bucket = state.result.findings.filter((f) => f.rule.id === 'CL-AWS-050' && f.resource.id === 'aws_s3_bucket.b20');
    assert.equal(bucket.length, 1);
    assert.equal(edited.slice(bucket[0].span[0], bucket[0].span[1]), '"public-read"');
    linter.forget('main.tf');
  });

  it('a syntax error typed mid-file gives one problem at the error, and the blocks after it are still linted', () => {
    const text = module(10);
    const linter = new DocumentLinter(catalogue);
    linter.lint('main.tf', 0, text);
    const cold = linter.lint('main.tf', 1, text.replace('acme-0', 'acme-0x')).result;
    const publicAcl = (r: typeof cold) => r.findings.filter((f) => f.rule.id === 'CL-AWS-050').map((f) => f.resource.id);
    assert.equal(publicAcl(cold).length, 10);
    // `bucket = "acme-4"` becomes `bucket = = "acme-4"`: one broken attribute in the 5th bucket.
    const brokenText = text.replace('acme-0', 'acme-0x').replace('bucket = "acme-4"', 'bucket = = "acme-4"');
    const state = linter.lint('main.tf', 2, brokenText).result;
    assert.equal(state.problems.length, 1, JSON.stringify(state.problems));
    const p = state.problems[0];
    assert.equal(p.severity, 'error');
    const line = state.file.lines.positionAt(p.span[0]).line;
    assert.equal(brokenText.split('\n')[line].trim(), 'bucket = = "acme-4"');
    // The broken bucket is left out; the 9 others (before and after it) are still linted.
    assert.deepEqual(
      publicAcl(state),
      [0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `aws_s3_bucket.b${i}`),
    );
    assert.deepEqual(resultData(state), resultData(lintFile(parseFile('main.tf', brokenText), catalogue)));
    // Fixed again: every bucket is back, through the incremental path.
    const fixed = linter.lint('main.tf', 3, text.replace('acme-0', 'acme-0x')).result;
    assert.equal(linter.lastParse, 'blocks');
    assert.equal(fixed.problems.length, 0);
    assert.equal(publicAcl(fixed).length, 10);
    linter.forget('main.tf');
  });

  it('1,000 edits keep one tree-sitter tree alive, and closing the document frees it', () => {
    const before = hclLiveTrees();
    let text = module(5);
    const linter = new DocumentLinter(catalogue);
    linter.lint('main.tf', 0, text);
    const at = text.indexOf('acme-2') + 'acme-'.length;
    for (let v = 1; v <= 1000; v++) {
      text = v % 2 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      linter.lint('main.tf', v, text);
      assert.ok(hclLiveTrees() <= before + 1, `after edit ${v}: ${hclLiveTrees() - before} trees alive`);
    }
    assert.equal(linter.lastParse, 'blocks');
    assert.equal(hclLiveTrees(), before + 1);
    linter.forget('main.tf');
    assert.equal(hclLiveTrees(), before);
  });
});
