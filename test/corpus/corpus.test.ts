// Every file of the open corpus (../shared/corpus) that is one of our formats parses and lints with no exception,
// and every reported range lies inside its text.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ya?ml|json|template)$/i.test(name)) out.push(full);
  }
  return out;
}

describe('open corpus', function () {
  this.timeout(300_000);

  it('is present (CI lays ../shared beside the checkout)', () => {
    assert.ok(existsSync(corpus), `${corpus} is missing`);
  });

  const groups = ['kics/cloudformation', 'kics/kubernetes', 'cfn-lint', 'kubernetes-examples', 'terraform-plans'];
  for (const group of groups) {
    it(`${group}: every IaC file lints without an exception, every range inside the text`, () => {
      const files = walk(join(corpus, group));
      assert.ok(files.length > 0, `no files under ${group}`);
      const catalogue = defaultCatalogue();
      let iac = 0;
      const failures: string[] = [];
      for (const file of files) {
        const name = relative(corpus, file);
        const text = readFileSync(file, 'utf8');
        let result;
        try {
          result = lintFile(parseFile(name, text), catalogue);
        } catch (e) {
          failures.push(`${name}: threw ${(e as Error).stack}`);
          continue;
        }
        if (result.file.isIac) iac++;
        for (const e of result.errors) failures.push(`${name}: ${e}`);
        const spans = [...result.findings.map((f) => f.span), ...result.problems.map((p) => p.span), ...result.findings.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => [e.start, e.end] as const)))];
        for (const [s, e] of spans) {
          if (!(0 <= s && s <= e && e <= text.length)) failures.push(`${name}: range [${s}, ${e}) outside the text (${text.length})`);
        }
      }
      assert.deepEqual(failures.slice(0, 20), []);
      assert.ok(iac > 0, `no IaC file recognised under ${group}`);
    });
  }
});
