// Fuzzing with a fixed seed: every corpus file and rule example, randomly edited, parses and lints without an
// exception or a failing check, with every range inside the text, in bounded time; and the editor's incremental
// re-parse and re-lint give exactly what a cold parse and lint give. scripts/fuzz-long.ts runs the same for longer.
import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { reparseFile } from '../../server/src/model/incremental';
import { parseFile } from '../../server/src/model/parse';
import { DocumentLinter } from '../../server/src/service/linter';
import { fileDiff, resultData } from './compare';
import { genCloudFormation, genKubernetes } from './gen';
import { check, corpusInputs, exampleInputs, mutate, mutationArb, mutationsArb, type Input } from './harness';

/** The seed of the suite: change it only on purpose (a failure must reproduce). */
export const SEED = 20_240_607;

describe('robustness: fuzzing', function () {
  this.timeout(120_000);
  const catalogue = defaultCatalogue();
  const examples = exampleInputs();
  const corpus = corpusInputs();
  const inputs: Input[] = [...examples, ...corpus];

  it(`has inputs: ${examples.length} rule examples and ${corpus.length} corpus files`, () => {
    assert.ok(examples.length > 500);
    assert.ok(corpus.length > 1000, 'the corpus (../shared/corpus) is missing');
  });

  it('randomly edited inputs lint without an exception or a failing check, ranges inside the text, in bounded time', () => {
    fc.assert(
      fc.property(fc.nat(inputs.length - 1), mutationsArb, (i, mutations) => {
        const input = inputs[i];
        const text = mutate(input.text, mutations);
        const { violations } = check(input.name, text, catalogue);
        if (violations.length) throw new Error(`${input.origin}, edited:\n${violations.join('\n')}\n--- text (${text.length} chars) ---\n${text.slice(0, 2000)}`);
      }),
      // Shrinking a slow counterexample can take long: past the limit the failure is reported as found.
      { seed: SEED, numRuns: 2500, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );
  });

  it('rule examples with values of every odd shape put in their settings: no check fails', () => {
    // Only `setValue` edits: a list where a string is expected, an intrinsic where a boolean is, and so on.
    const setValues = fc.array(mutationArb.filter((m) => m.op === 'setValue'), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.nat(examples.length - 1), setValues, (i, mutations) => {
        const input = examples[i];
        const text = mutate(input.text, mutations);
        const { violations } = check(input.name, text, catalogue);
        if (violations.length) throw new Error(`${input.origin}, edited:\n${violations.join('\n')}\n--- text ---\n${text}`);
      }),
      { seed: SEED + 1, numRuns: 1500 },
    );
  });

  describe('incremental re-parse and re-lint', () => {
    const yamlInputs: Input[] = [
      { name: 'generated.yaml', text: genCloudFormation(400), origin: 'generated CloudFormation' },
      { name: 'generated-k8s.yaml', text: genKubernetes(12), origin: 'generated Kubernetes' },
      ...inputs.filter((x) => /\.ya?ml$/.test(x.name) && x.text.length < 20_000).filter((_, i) => i % 7 === 0),
    ];
    // Mostly small, valid-looking keystrokes (letters, digits, words), some structure, some deletions.
    const keystroke = fc.oneof(
      { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6), text: fc.constantFrom('a', 'Z', '1', '0', 'e', '-', '_', 'yes', 'true', '*') }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6), length: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 2, arbitrary: mutationArb },
    );

    it('the tree after a partial re-parse equals the tree of a cold parse, edit after edit', () => {
      fc.assert(
        fc.property(fc.nat(yamlInputs.length - 1), fc.array(keystroke, { minLength: 1, maxLength: 8 }), (i, edits) => {
          const input = yamlInputs[i];
          let prev = parseFile(input.name, input.text);
          let text = input.text;
          for (const edit of edits) {
            text = mutate(text, [edit]);
            const next = reparseFile(prev, text);
            const diff = fileDiff(next.file, parseFile(input.name, text));
            if (diff) throw new Error(`${input.origin}: after a ${next.how} re-parse: ${diff}`);
            prev = next.file;
          }
        }),
        { seed: SEED + 2, numRuns: 400 },
      );
    });

    it('a re-lint through DocumentLinter equals a cold lint, edit after edit', () => {
      const jsonInputs = inputs.filter((x) => x.name.endsWith('.json') && x.text.length < 20_000).filter((_, i) => i % 11 === 0);
      const all = [...yamlInputs, ...jsonInputs];
      fc.assert(
        fc.property(fc.nat(all.length - 1), fc.array(keystroke, { minLength: 1, maxLength: 6 }), (i, edits) => {
          const input = all[i];
          const linter = new DocumentLinter(catalogue);
          let text = input.text;
          linter.lint(input.name, 0, text);
          edits.forEach((edit, v) => {
            text = mutate(text, [edit]);
            const warm = linter.lint(input.name, v + 1, text).result;
            const cold = lintFile(parseFile(input.name, text), catalogue);
            if (!isDeepStrictEqual(resultData(warm), resultData(cold))) {
              throw new Error(`${input.origin}: re-lint (${linter.lastParse}) differs from a cold lint after edit ${v + 1}`);
            }
          });
        }),
        { seed: SEED + 3, numRuns: 250 },
      );
    });

    it('a one-character edit in a large template re-parses one entry and reuses most check results', () => {
      const text = genCloudFormation(3000);
      const linter = new DocumentLinter(catalogue);
      linter.lint('t.yaml', 0, text);
      const at = text.indexOf('platform-', text.length >> 1) + 'platform-'.length;
      const state = linter.lint('t.yaml', 1, text.slice(0, at) + 'x' + text.slice(at));
      assert.equal(linter.lastParse, 'entry');
      assert.deepEqual(resultData(state.result), resultData(lintFile(parseFile('t.yaml', state.result.file.text), catalogue)));
    });
  });
});
