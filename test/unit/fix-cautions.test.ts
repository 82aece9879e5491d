// Fixes with a side effect (a `caution`: the resource is replaced, clients must change): said in their title, left out
// of the editor's fix-all (as of `cloudline fix`, test/cli/fix.test.ts) but still offered one by one as quick-fixes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULES, RULE_DIRS } from '../../rules/index';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { codeActions, FIX_ALL_KIND } from '../../server/src/service/actions';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { fixAllText } from '../../server/src/service/fixall';
import { EXAMPLE_FILES, lintText } from '../helpers';
import { applyLspEdits } from '../robustness/fixsafety';

const catalogue = defaultCatalogue();
const TEXT = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: eu-west-1a\n      Encrypted: false\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n      StorageEncrypted: true\n';

describe('fixes with a side effect', () => {
  it('carry their caution and say it in the title', () => {
    const f = lintText('t.yaml', TEXT).findings.find((x) => x.rule.id === 'CL-AWS-054')!;
    assert.equal(f.fixes[0].caution, 'replaces an existing volume');
    assert.equal(f.fixes[0].title, 'Set Encrypted to true (replaces an existing volume)');
    const db = lintText('t.yaml', TEXT).findings.find((x) => x.rule.id === 'CL-AWS-004')!;
    assert.equal(db.fixes[0].caution, undefined);
    assert.equal(db.fixes[0].title, 'Set PubliclyAccessible to false');
  });

  it("the editor's fix-all leaves them (a fix-all runs on save, unattended); the quick-fix is still offered", () => {
    const result = lintText('t.yaml', TEXT);
    const all = codeActions({ uri: 't.yaml', version: 1, result, catalogue, config: {}, snippets: false }, toDiagnostics(result, 1, (s) => s));
    assert.ok(all.some((a) => a.title === 'Set Encrypted to true (replaces an existing volume)'), 'quick-fix offered');
    const [fixAll] = codeActions({ uri: 't.yaml', version: 1, result, catalogue, config: {}, snippets: false }, [], [FIX_ALL_KIND]);
    const after = applyLspEdits(TEXT, fixAll.edit!.changes!['t.yaml']).text;
    assert.match(after, /Encrypted: false\n/);
    assert.match(after, /PubliclyAccessible: false\n/);
    // Told to (cloudline fix --allow-side-effects), it applies them too.
    assert.match(fixAllText('t.yaml', TEXT, catalogue, {}, { cautions: true })!, /\n {6}Encrypted: true\n/);
    // A file whose only fixes have a caution: no fix-all action at all.
    const vol = TEXT.slice(0, TEXT.indexOf('  Db:'));
    const r = lintText('v.yaml', vol);
    assert.ok(r.findings.some((x) => x.fixes[0]?.caution));
    assert.equal(fixAllText('v.yaml', vol, catalogue), undefined);
    assert.deepEqual(codeActions({ uri: 'v.yaml', version: 1, result: r, catalogue, config: {}, snippets: false }, [], [FIX_ALL_KIND]), []);
  });

  it('every fix of the rules\' examples that notes something in parentheses either carries it as a caution or is a known harmless note', () => {
    // Notes that only say what the fix writes or ask for a value (snippets, never applied unattended): no side effect.
    const HARMLESS = [/^the runtime's default$/, /^same schema$/, /^readOnly: true$/];
    const unmarked = new Set<string>();
    let cautions = 0;
    RULES.forEach((rule, i) => {
      const examples = parse(readFileSync(join(__dirname, '..', '..', 'rules', RULE_DIRS[i], 'examples.yaml'), 'utf8')) as Record<string, { bad?: { code: string }[] }>;
      for (const [format, sets] of Object.entries(examples)) {
        for (const ex of sets.bad ?? []) {
          for (const f of lintText(EXAMPLE_FILES[format], ex.code).findings) {
            const fix = f.fixes[0];
            if (!fix || fix.snippet) continue;
            if (fix.caution) {
              cautions++;
              assert.ok(fix.title.endsWith(` (${fix.caution})`), fix.title);
              continue;
            }
            const note = /\(([^()]*)\)$/.exec(fix.title)?.[1];
            if (note !== undefined && !HARMLESS.some((h) => h.test(note))) unmarked.add(`${f.rule.id}: ${fix.title}`);
          }
        }
      }
    });
    assert.deepEqual([...unmarked].sort(), [], 'a note in a fix title that is not a caution');
    assert.ok(cautions > 20, `${cautions} cautioned fixes in the examples`);
  });
});
