// Every rule folder is complete and its examples hold: bad ones give exactly the declared findings, good ones none,
// and every quick-fix is safe (the result parses, the finding is gone, nothing new appears, nothing else changes).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULES, RULE_DIRS } from '../../rules/index';
import { applyEdits, snippetDefaults } from '../../server/src/engine/edits';
import { parseFile } from '../../server/src/model/parse';
import { EXAMPLE_FILES, lintText, spanText } from '../helpers';

interface Example {
  name: string;
  code: string;
  findings?: { at: string; message?: string; severity?: string }[];
  fixed?: string;
}
type Examples = Record<string, { good?: Example[]; bad?: Example[] }>;

const root = join(__dirname, '..', '..');
const rulesDir = join(root, 'rules');

describe('rule catalogue parity', () => {
  it('every rule folder has rule.ts, examples.yaml and README.md', () => {
    for (const group of readdirSync(rulesDir)) {
      const groupDir = join(rulesDir, group);
      if (!statSync(groupDir).isDirectory() || group === 'responsibility' || group === 'lib' || group === 'kit' || group === 'frameworks') continue;
      for (const slug of readdirSync(groupDir)) {
        for (const f of ['rule.ts', 'examples.yaml', 'README.md']) {
          assert.ok(existsSync(join(groupDir, slug, f)), `rules/${group}/${slug}/${f} is missing`);
        }
      }
    }
  });

  it('slugs equal folder names and IDs are unique', () => {
    const ids = new Set<string>();
    RULES.forEach((rule, i) => {
      assert.equal(rule.slug, RULE_DIRS[i].split('/')[1], `${RULE_DIRS[i]}: slug ${rule.slug}`);
      assert.ok(!ids.has(rule.id), `duplicate ID ${rule.id}`);
      ids.add(rule.id);
      assert.match(rule.id, /^CL-(AWS|K8S|GEN|AZ|GCP)-\d{3}$/);
    });
  });

  it('every README names its rule ID and slug', () => {
    RULES.forEach((rule, i) => {
      const readme = readFileSync(join(rulesDir, RULE_DIRS[i], 'README.md'), 'utf8');
      assert.ok(readme.startsWith(`# ${rule.id} · ${rule.slug}`), `${RULE_DIRS[i]}/README.md must start with "# ${rule.id} · ${rule.slug}"`);
    });
  });

  RULES.forEach((rule, i) => {
    const dir = RULE_DIRS[i];
    describe(`${rule.id} ${rule.slug}`, () => {
      const examples = parse(readFileSync(join(rulesDir, dir, 'examples.yaml'), 'utf8')) as Examples;

      it('has good and bad examples for every format it checks', () => {
        const formats = Object.keys(examples);
        for (const f of formats) assert.ok(EXAMPLE_FILES[f], `${dir}: unknown example format ${f}`);
        if (rule.checks.cloudformation) {
          for (const f of ['cloudformation-yaml', 'cloudformation-json']) {
            assert.ok(examples[f]?.good?.length && examples[f]?.bad?.length, `${dir}: needs good and bad ${f} examples`);
          }
        }
        if (rule.checks.terraform) {
          assert.ok(examples['terraform-json']?.good?.length && examples['terraform-json']?.bad?.length, `${dir}: needs good and bad terraform-json examples`);
        }
        if (examples['terraform-json']) {
          assert.ok(examples['terraform-hcl']?.good?.length || !examples['terraform-json'].good?.length, `${dir}: needs the HCL twins of its terraform-json good examples (npm run examples:hcl)`);
          assert.ok(examples['terraform-hcl']?.bad?.length || !examples['terraform-json'].bad?.length, `${dir}: needs the HCL twins of its terraform-json bad examples (npm run examples:hcl)`);
        }
      });

      it('every terraform-json example has an HCL twin, and every JSON fixed text an HCL one', () => {
        const json = examples['terraform-json'];
        if (!json) return;
        const hcl = examples['terraform-hcl'] ?? {};
        for (const kind of ['good', 'bad'] as const) {
          const twins = new Map((hcl[kind] ?? []).map((e) => [String(e.name), e]));
          for (const ex of json[kind] ?? []) {
            const twin = twins.get(String(ex.name));
            assert.ok(twin, `${dir}: terraform-json ${kind} "${ex.name}" has no terraform-hcl twin (npm run examples:hcl)`);
            if (ex.fixed !== undefined) assert.ok(twin.fixed !== undefined, `${dir}: terraform-hcl bad "${ex.name}" has no fixed text (npm run examples:hcl)`);
          }
        }
        if (rule.checks.kubernetes) {
          assert.ok(examples.kubernetes?.good?.length && examples.kubernetes?.bad?.length, `${dir}: needs good and bad kubernetes examples`);
        }
      });

      it('is marked fixable iff one of its bad examples has a fix', () => {
        // Each bad example below checks that its `fixed` text is declared iff a fix is offered.
        const fixed = Object.values(examples).some((sets) => (sets.bad ?? []).some((ex) => ex.fixed !== undefined));
        assert.equal(rule.fixable, fixed, `${dir}: fixable is ${rule.fixable} but ${fixed ? 'a' : 'no'} bad example has a fix`);
      });

      for (const [format, sets] of Object.entries(examples)) {
        const file = EXAMPLE_FILES[format] ?? 'unknown';
        for (const ex of sets.good ?? []) {
          it(`${format} good: ${ex.name}`, () => {
            const result = lintText(file, ex.code);
            assert.deepEqual(result.problems, [], 'the example must parse');
            assert.deepEqual(result.errors, []);
            const mine = result.findings.filter((f) => f.rule === rule).map((f) => `${spanText(result, f.span)} ${f.message}`);
            assert.deepEqual(mine, []);
          });
        }
        for (const ex of sets.bad ?? []) {
          it(`${format} bad: ${ex.name}`, () => {
            // A bad example with no declared findings would pass with any rule that finds nothing: it could not fail.
            assert.ok(Array.isArray(ex.findings) && ex.findings.length > 0, `${dir}: bad example "${ex.name}" declares no findings`);
            const result = lintText(file, ex.code);
            assert.deepEqual(result.problems, [], 'the example must parse');
            assert.deepEqual(result.errors, []);
            const mine = result.findings.filter((f) => f.rule === rule);
            assert.deepEqual(mine.map((f) => spanText(result, f.span)), ex.findings!.map((f) => f.at));
            ex.findings!.forEach((expected, k) => {
              if (expected.message) assert.ok(mine[k].message.includes(expected.message), `message "${mine[k].message}" lacks "${expected.message}"`);
              assert.equal(mine[k].severity, expected.severity ?? rule.severity, 'the severity of the finding (`severity:` when a check lowers it)');
            });
            // Snippet fixes are applied as if the user accepted every placeholder's default.
            const edits = mine.flatMap((f) =>
              (f.fixes[0]?.edits ?? []).map((e) => (f.fixes[0].snippet ? { ...e, text: snippetDefaults(e.text) } : e)),
            );
            if (ex.fixed === undefined) {
              assert.equal(edits.length, 0, 'a fix is offered: declare the fixed text');
              return;
            }
            assert.ok(edits.length > 0, 'fixed text declared but no fix offered');
            const after = applyEdits(ex.code, edits);
            assert.equal(after, ex.fixed);
            // Fix safety: still parses, the finding is gone, no new finding appears.
            const again = lintText(file, after);
            assert.deepEqual(again.problems, [], 'the fixed text must parse');
            assert.equal(again.findings.filter((f) => f.rule === rule).length, 0, 'the finding must be gone after the fix');
            const before = new Set(result.findings.map((f) => f.rule.id));
            const added = again.findings.filter((f) => !before.has(f.rule.id)).map((f) => f.rule.id);
            assert.deepEqual(added, [], 'the fix must not add findings of other rules');
          });
        }
      }
    });
  });

  it('every resource type a rule checks has responsibility data', () => {
    const { defaultCatalogue } = require('../../server/src/engine/default-catalogue');
    const catalogue = defaultCatalogue();
    for (const rule of RULES) {
      for (const [format, check] of [...Object.entries(rule.checks), ...Object.entries(rule.projectChecks ?? {})]) {
        for (const type of check?.types ?? []) {
          const f = format === 'terraform' ? 'terraform' : (format as 'cloudformation' | 'kubernetes');
          assert.ok(catalogue.service(f, type), `${rule.id}: no responsibility data for ${format} type ${type}`);
        }
      }
    }
    void parseFile;
  });
});
