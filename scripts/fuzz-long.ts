// Long fuzzing run (`npm run fuzz`): the robustness suite's properties with many more cases, a random seed (or the
// one given), and longer junk. Every failure prints the seed and the fast-check path that replay it exactly.
//
//   npm run fuzz -- [--seed N] [--runs N] [--minutes M] [--repeat N] [--only lint|values|incremental]
//
// --runs     cases per property (default 100,000); --minutes stops each property after that long (default 20)
// --repeat   longest run of one token in inserted junk (default 50,000; the suite uses 5,000)
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { defaultCatalogue } from '../server/src/engine/default-catalogue';
import { lintFile } from '../server/src/engine/lint';
import { reparseFile } from '../server/src/model/incremental';
import { parseFile } from '../server/src/model/parse';
import { DocumentLinter } from '../server/src/service/linter';
import { fileDiff, resultData } from '../test/robustness/compare';
import { genCloudFormation, genKubernetes } from '../test/robustness/gen';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = arg('seed') !== undefined ? Number(arg('seed')) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(arg('runs') ?? 100_000);
const minutes = Number(arg('minutes') ?? 20);
const only = arg('only');
process.env.CLOUDLINE_FUZZ_REPEAT = arg('repeat') ?? '50000';

// Loaded after the environment is set: the harness reads the repeat length when it builds its arbitraries.
const { check, corpusInputs, exampleInputs, mutate, mutationArb, mutationsArb } = require('../test/robustness/harness') as typeof import('../test/robustness/harness');

const catalogue = defaultCatalogue();
const examples = exampleInputs();
const corpus = corpusInputs();
const inputs = [...examples, ...corpus];
const log = (s: string) => process.stdout.write(`${s}\n`);

interface Stats {
  cases: number;
  slowest: { ms: number; origin: string };
}

function run(name: string, property: fc.IProperty<never>, stats: Stats): boolean {
  const started = Date.now();
  const details = fc.check(property, { seed, numRuns: runs, interruptAfterTimeLimit: minutes * 60_000, markInterruptAsFailure: false });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (details.failed) {
    log(`FAIL ${name} after ${details.numRuns} cases (${secs} s)`);
    log(`  replay: tsx scripts/fuzz-long.ts --seed ${seed} --only ${name}   (fast-check path ${details.counterexamplePath})`);
    log(`  counterexample: ${fc.stringify(details.counterexample).slice(0, 4000)}`);
    log(`  error: ${String((details.errorInstance as Error)?.message ?? details.errorInstance).slice(0, 4000)}`);
    return false;
  }
  log(`ok   ${name}: ${details.numRuns} cases in ${secs} s${details.interrupted ? ' (time limit)' : ''}; slowest ${stats.slowest.ms.toFixed(0)} ms CPU (${stats.slowest.origin})`);
  return true;
}

function lintProperty(pick: readonly typeof inputs[number][], edits: fc.Arbitrary<import('../test/robustness/harness').Mutation[]>, stats: Stats) {
  return fc.property(fc.nat(pick.length - 1), edits, (i, mutations) => {
    stats.cases++;
    const input = pick[i];
    const text = mutate(input.text, mutations);
    const { violations, ms } = check(input.name, text, catalogue, 5000);
    if (ms > stats.slowest.ms) stats.slowest = { ms, origin: input.origin };
    if (violations.length) throw new Error(`${input.origin}:\n${violations.join('\n')}\n--- text (${text.length}) ---\n${text.slice(0, 3000)}`);
  }) as unknown as fc.IProperty<never>;
}

function incrementalProperty(stats: Stats) {
  const yaml = [
    { name: 'generated.yaml', text: genCloudFormation(1500), origin: 'generated CloudFormation' },
    { name: 'generated-k8s.yaml', text: genKubernetes(40), origin: 'generated Kubernetes' },
    ...inputs.filter((x) => x.text.length < 50_000),
  ];
  const keystroke = fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6), text: fc.constantFrom('a', 'Z', '1', '0', ' ', '-', ':', '\n', '"', '#', 'yes') }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e6), length: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 2, arbitrary: mutationArb },
  );
  return fc.property(fc.nat(yaml.length - 1), fc.array(keystroke, { minLength: 1, maxLength: 20 }), (i, edits) => {
    stats.cases++;
    const input = yaml[i];
    const linter = new DocumentLinter(catalogue);
    let text = input.text;
    let prev = parseFile(input.name, text);
    linter.lint(input.name, 0, text);
    edits.forEach((edit, v) => {
      text = mutate(text, [edit]);
      const cold = parseFile(input.name, text);
      const re = reparseFile(prev, text);
      const diff = fileDiff(re.file, cold);
      if (diff) throw new Error(`${input.origin}: ${re.how} re-parse after edit ${v + 1}: ${diff}`);
      prev = re.file;
      const warm = linter.lint(input.name, v + 1, text).result;
      if (!isDeepStrictEqual(resultData(warm), resultData(lintFile(parseFile(input.name, text), catalogue)))) {
        throw new Error(`${input.origin}: re-lint (${linter.lastParse}) differs from a cold lint after edit ${v + 1}`);
      }
    });
  }) as unknown as fc.IProperty<never>;
}

log(`Cloudline long fuzz: seed ${seed}, up to ${runs} cases and ${minutes} min per property, ${examples.length} examples + ${corpus.length} corpus files`);
const results: boolean[] = [];
const fresh = (): Stats => ({ cases: 0, slowest: { ms: 0, origin: '' } });
if (!only || only === 'lint') {
  const s = fresh();
  results.push(run('lint', lintProperty(inputs, mutationsArb, s), s));
}
if (!only || only === 'values') {
  const s = fresh();
  const values = fc.array(mutationArb.filter((m) => m.op === 'setValue'), { minLength: 1, maxLength: 5 });
  results.push(run('values', lintProperty(examples, values, s), s));
}
if (!only || only === 'incremental') {
  const s = fresh();
  results.push(run('incremental', incrementalProperty(s), s));
}
process.exitCode = results.every(Boolean) ? 0 : 1;
