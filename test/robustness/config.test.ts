// Hostile options files: a 20 MB `.cloudline.yaml`, exclude globs whose braces nest deep or expand to millions of
// patterns, more patterns than the limit. Each gets a problem at the right line naming the limit, quickly, and the
// exclude list is compiled once however many files are matched against it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { braceExpansionSize, compileExcludes, CONFIG_LIMITS, formatProblem, isExcluded, parseConfig } from '../../server/src/engine/config';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';

const catalogue = defaultCatalogue();
const cli = join(__dirname, '..', '..', 'dist', 'cli.js');

/** CPU milliseconds `f` takes (user and system), with its result. */
function cpu<T>(f: () => T): { ms: number; value: T } {
  const t = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(t);
  return { ms: (d.user + d.system) / 1000, value };
}

const config = (patterns: string[]) => `exclude:\n${patterns.map((p) => `  - ${JSON.stringify(p)}\n`).join('')}`;
const where = (text: string, p: { span: readonly [number, number]; message: string }) => formatProblem('.cloudline.yaml', text, p);

describe('robustness: options files and exclude globs', function () {
  this.timeout(60_000);

  it('a 20 MB options file is one problem naming the 1 MiB limit, without parsing it', () => {
    const text = config(Array.from({ length: 500_000 }, (_, i) => `**/{gen,build,out}-${i}/{a,b}/*.yaml`));
    assert.ok(text.length > 20 * 1024 * 1024);
    const heap = process.memoryUsage().heapUsed;
    const { ms, value } = cpu(() => parseConfig(text, catalogue));
    assert.ok(ms < 2000, `${ms} ms`);
    assert.ok(process.memoryUsage().heapUsed - heap < 100 * 1024 * 1024, 'no tree of the file is built');
    assert.deepEqual(value.options, {});
    assert.equal(value.problems.length, 1);
    assert.equal(where(text, value.problems[0]), `.cloudline.yaml:1:1: The options file is ${(text.length / 1024 / 1024).toFixed(1)} MiB, over the 1 MiB limit for an options file: Cloudline did not read it.`);
  });

  it('a file just under 1 MiB is read, and more than 1,000 patterns is a problem at the first excess one', () => {
    const patterns = Array.from({ length: 1500 }, (_, i) => `generated-${i}/**`);
    const text = config(patterns);
    assert.ok(text.length < CONFIG_LIMITS.maxBytes);
    const { ms, value } = cpu(() => parseConfig(text, catalogue));
    assert.ok(ms < 3000, `${ms} ms`);
    assert.equal(value.problems.length, 1);
    // Line 1 is `exclude:`, so pattern n (from 0) is on line n + 2.
    assert.equal(where(text, value.problems[0]), '.cloudline.yaml:1002:5: exclude has 1500 patterns, over the limit of 1000: this one and those after it are ignored.');
    assert.deepEqual(value.options.exclude, patterns.slice(0, 1000));
  });

  it('braces nested 5,000 deep, or 1,500 groups in a row, are problems at their line; the patterns around them still apply', () => {
    const deep = '{'.repeat(5000) + 'a,b' + '}'.repeat(5000);
    const chained = '{a,b}'.repeat(1500);
    const text = config(['generated/**', deep, chained, '**/{tmp,cache}/**']);
    const { ms, value } = cpu(() => parseConfig(text, catalogue));
    assert.ok(ms < 1000, `${ms} ms`);
    assert.deepEqual(value.problems.map((p) => where(text, p)), [
      '.cloudline.yaml:3:5: This exclude pattern is 10003 characters long, over the limit of 1000: it is ignored.',
      '.cloudline.yaml:4:5: This exclude pattern is 7500 characters long, over the limit of 1000: it is ignored.',
    ]);
    assert.deepEqual(value.options.exclude, ['generated/**', '**/{tmp,cache}/**']);
    const shallow = config(['{'.repeat(11) + 'a,b' + '}'.repeat(11), '{a,b}'.repeat(10) + '.yaml', '{1..2000}/**']);
    assert.deepEqual(parseConfig(shallow, catalogue).problems.map((p) => where(shallow, p)), [
      '.cloudline.yaml:2:5: This exclude pattern nests braces more than 10 deep (the limit): it is ignored.',
      ".cloudline.yaml:3:5: This exclude pattern's braces expand to more than 1000 patterns (the limit): it is ignored.",
      ".cloudline.yaml:4:5: This exclude pattern's braces expand to more than 1000 patterns (the limit): it is ignored.",
    ]);
  });

  it('brace expansions adding up to more than 2,000 patterns stop at the pattern that passes the limit', () => {
    // Each pattern expands to 256: the eighth brings the total to 2,048.
    const patterns = Array.from({ length: 12 }, (_, i) => `p${i}/${'{a,b}'.repeat(8)}/**`);
    assert.equal(braceExpansionSize(patterns[0]), 256);
    const text = config(patterns);
    const { value } = cpu(() => parseConfig(text, catalogue));
    assert.deepEqual(value.problems.map((p) => where(text, p)), [
      ".cloudline.yaml:9:5: The exclude patterns' braces expand to more than 2000 patterns in all by here (the limit): this one and those after it are ignored.",
    ]);
    assert.equal(value.options.exclude!.length, 7);
  });

  it('hostile globs from the editor settings (not validated by a file) are skipped quickly rather than expanded', () => {
    const hostile = ['{'.repeat(5000) + 'a,b' + '}'.repeat(5000), '{a,b}'.repeat(1500), '{1..100000000}', '{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,{k,l}}}}}}}}}}}'];
    const { ms, value } = cpu(() => [isExcluded('a/b.yaml', hostile), isExcluded('generated/b.yaml', [...hostile, 'generated/**'])]);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.deepEqual(value, [false, true]);
  });

  it('the worst list within the limits is compiled once and matched against 1,000 paths in bounded time', () => {
    // 1,000 patterns with braces, cut off at 2,000 expansions; every path is matched against all of them.
    const patterns = Array.from({ length: 1000 }, (_, i) => `**/{gen,build,out}-${i}/{a,b}/**`);
    const { ms, value } = cpu(() => {
      let n = 0;
      for (let i = 0; i < 1000; i++) if (isExcluded(`src/module-${i}/deep/er/stack-${i}.yaml`, patterns)) n++;
      return n + (isExcluded('x/build-7/b/stack.yaml', patterns) ? 1 : 0);
    });
    assert.ok(ms < 15_000, `${ms} ms`);
    assert.equal(value, 1);
    assert.equal(compileExcludes(patterns), compileExcludes(patterns), 'one matcher per list');
    assert.equal(compileExcludes([...patterns]), compileExcludes(patterns), 'and per list of the same patterns');
  });

  it('matching keeps its meaning: basename globs, paths, braces, dot files', () => {
    const cases: [string, string[], boolean][] = [
      ['a/b/stack.yaml', ['*.yaml'], true],
      ['a/b/stack.yaml', ['stack.yaml'], true],
      ['a/b/stack.yaml', ['b/*.yaml'], false],
      ['a/b/stack.yaml', ['a/b/*.yaml'], true],
      ['generated/x/y.json', ['generated/**'], true],
      ['src/generated/y.json', ['generated/**'], false],
      ['src/.terraform/m.tf.json', ['**/{.terraform,node_modules}/**'], true],
      ['src/vendor/m.tf.json', ['**/{.terraform,node_modules}/**'], false],
      ['env/prod-3.yaml', ['env/prod-{1..5}.yaml'], true],
      ['env/prod-6.yaml', ['env/prod-{1..5}.yaml'], false],
    ];
    for (const [path, globs, want] of cases) assert.equal(isExcluded(path, globs), want, `${path} ${globs}`);
  });

  it('the CLI rejects a 20 MB options file with exit 2 and the limit, in seconds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudline-config-'));
    try {
      writeFileSync(join(dir, 'db.yaml'), 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
      writeFileSync(join(dir, '.cloudline.yaml'), config(Array.from({ length: 500_000 }, (_, i) => `**/{gen,build,out}-${i}/{a,b}/*.yaml`)));
      const t = performance.now();
      const r = spawnSync(process.execPath, [cli, 'scan'], { cwd: dir, encoding: 'utf8' });
      assert.ok(performance.now() - t < 20_000);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^cloudline: invalid options file:\n {2}\.cloudline\.yaml:1:1: The options file is 2\d\.\d MiB, over the 1 MiB limit for an options file: Cloudline did not read it\.\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
