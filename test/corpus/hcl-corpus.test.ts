// Every Terraform HCL file of the open corpus (KICS query tests for AWS, Azure and Google Cloud) parses and lints with
// no exception, every node and every reported range lies inside its text, and the whole set takes bounded time.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import type { Node } from '../../server/src/model/tree';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.tf$/i.test(name)) out.push(full);
  }
  return out;
}

/** Spans of every node and key of a tree that fall outside [0, length] or are reversed. */
function badSpans(root: Node | undefined, length: number): string[] {
  const out: string[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    const spans = [n.span, ...(n.kind === 'map' ? n.pairs.flatMap((p) => [p.key.span, p.span]) : [])];
    for (const [s, e] of spans) if (!(0 <= s && s <= e && e <= length)) out.push(`[${s}, ${e})`);
    if (n.kind === 'map') for (const p of n.pairs) stack.push(p.value);
    else if (n.kind === 'seq') stack.push(...n.items);
  }
  return out;
}

describe('open corpus: Terraform HCL', function () {
  this.timeout(300_000);

  for (const cloud of ['aws', 'azure', 'gcp']) {
    it(`kics/terraform/${cloud}: every .tf parses and lints without an exception, every range inside the text`, () => {
      const dir = join(corpus, 'kics', 'terraform', cloud);
      assert.ok(existsSync(dir), `${dir} is missing`);
      const files = walk(dir);
      assert.ok(files.length > 50, `only ${files.length} files under ${cloud}`);
      const catalogue = defaultCatalogue();
      const failures: string[] = [];
      let broken = 0;
      let resources = 0;
      const started = Date.now();
      for (const file of files) {
        const name = relative(corpus, file);
        const text = readFileSync(file, 'utf8');
        let result;
        try {
          const parsed = parseFile(name, text);
          for (const d of parsed.docs) for (const b of badSpans(d.doc.root, text.length)) failures.push(`${name}: node ${b} outside the text (${text.length})`);
          result = lintFile(parsed, catalogue);
        } catch (e) {
          failures.push(`${name}: threw ${(e as Error).stack}`);
          continue;
        }
        assert.equal(result.file.lang, 'hcl');
        if (result.problems.some((p) => p.severity === 'error')) broken++;
        resources += result.resources.length;
        for (const e of result.errors) failures.push(`${name}: ${e}`);
        const spans = [...result.findings.map((f) => f.span), ...result.problems.map((p) => p.span)];
        for (const [s, e] of spans) if (!(0 <= s && s <= e && e <= text.length)) failures.push(`${name}: range [${s}, ${e}) outside the text (${text.length})`);
      }
      assert.deepEqual(failures.slice(0, 20), []);
      // KICS test files are valid Terraform: almost none may read as broken, and they hold resources.
      assert.ok(broken <= files.length * 0.02, `${broken} of ${files.length} files have a syntax error`);
      assert.ok(resources > files.length / 2, `${resources} resources in ${files.length} files`);
      // Generous bound (a shared, loaded machine); `npm run bench` measures speed.
      assert.ok(Date.now() - started < 120_000, `took ${Date.now() - started} ms`);
    });
  }
});
