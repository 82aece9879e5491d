// Performance benchmark (`npm run bench`): lint vs bare parse (generated and corpus inputs, a 1,600-resource plan and
// how it scales from 400, 1,000 buckets with their settings in separate resources, a 5,000-line HCL module against
// the bare tree-sitter parse), incremental re-lint (CloudFormation, Kubernetes, HCL), the whole-corpus CLI scan vs a
// parse-only pass, a generated 20,000-file repository scanned by the CLI, workspace scan throughput (one thread and a
// pool of two workers), server memory with 500 open documents, first diagnostics on open, CLI cold start and bundle
// sizes. Both sides of a ratio are measured back to back in one process (or alternately, for child processes), each
// for at least a second, and compared by their minimum: the least disturbed run on a shared machine. Needs `npm run
// build` first (dist/ is measured too). `--quick` shortens every measurement; `--only=WORD` runs the sections whose
// name holds WORD (`--only=phases`: where an in-process corpus scan spends its time, and the rules whose checks take
// longest).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { startServer } from '../test/lsp/client';
import { genCloudFormation, genKubernetes } from '../test/robustness/gen';
import { generateRepo } from './gen-repo';
import { bucketFileName, genBuckets, genHcl, genPlan } from './gen-terraform';

const root = join(__dirname, '..');

/**
 * The code under test, bundled by esbuild as dist/ is (tsx would wrap every function of ours, and not those of
 * `yaml` and momoa, in a naming helper that skews the ratios), with the bare parsers from the same bundle.
 */
const KERNEL_SOURCE = `
export { parseAllDocuments } from 'yaml';
export { parse as momoaParse } from '@humanwhocodes/momoa';
export { defaultCatalogue } from './server/src/engine/default-catalogue';
export { collectFiles } from './server/src/engine/files';
export { lintFile, lintFiles } from './server/src/engine/lint';
export { decodeText, realFs } from './server/src/engine/files';
export { DEFAULT_LIMITS } from './server/src/model/tree';
export { parseFile } from './server/src/model/parse';
export { DocumentLinter } from './server/src/service/linter';
export { initHcl } from './server/src/model/hcl';
export { Language, Parser } from 'web-tree-sitter';
`;
interface Kernel {
  parseAllDocuments: typeof import('yaml').parseAllDocuments;
  momoaParse: typeof import('@humanwhocodes/momoa').parse;
  defaultCatalogue: typeof import('../server/src/engine/default-catalogue').defaultCatalogue;
  collectFiles: typeof import('../server/src/engine/files').collectFiles;
  lintFile: typeof import('../server/src/engine/lint').lintFile;
  lintFiles: typeof import('../server/src/engine/lint').lintFiles;
  decodeText: typeof import('../server/src/engine/files').decodeText;
  realFs: typeof import('../server/src/engine/files').realFs;
  DEFAULT_LIMITS: typeof import('../server/src/model/tree').DEFAULT_LIMITS;
  parseFile: typeof import('../server/src/model/parse').parseFile;
  DocumentLinter: typeof import('../server/src/service/linter').DocumentLinter;
  initHcl: typeof import('../server/src/model/hcl').initHcl;
  Language: typeof import('web-tree-sitter').Language;
  Parser: typeof import('web-tree-sitter').Parser;
}
let k: Kernel;
/** A bare tree-sitter parser of the grammar Cloudline's HCL adapter uses, loaded in the kernel's runtime. */
let hcl: import('web-tree-sitter').Parser;
const scratch = mkdtempSync(join(tmpdir(), 'cloudline-bench-'));

async function bundle(name: string, contents: string): Promise<string> {
  const outfile = join(scratch, name);
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile,
    logLevel: 'error',
    // As scripts/build.mjs: web-tree-sitter's ES module build reads import.meta.url, which a CommonJS bundle lacks.
    alias: { 'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') },
  });
  return outfile;
}
const corpus = process.env.CLOUDLINE_CORPUS ?? join(root, '..', 'shared', 'corpus');
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 15;

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly ratio?: string;
  readonly goal?: string;
  readonly met?: boolean;
}
const rows: Row[] = [];
const row = (r: Row) => {
  rows.push(r);
  process.stderr.write(`  ${r.measure}: ${r.value}${r.ratio ? ` (${r.ratio})` : ''}\n`);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : x < 100 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);

/** Timings of one side of a comparison, per call, in ms. */
interface Timing {
  readonly min: number;
  readonly median: number;
  /** Calls timed in all. */
  readonly calls: number;
}
const timing = (t: Timing) => `min ${ms(t.min)}, median ${ms(t.median)}`;

/**
 * Times the functions against each other: each is called in turn (a warm-up first), until every one has run for at
 * least `minMs` in all and `minRounds` times. A function faster than 2 ms is called in batches that take about 2 ms,
 * timed as one sample, so sub-millisecond inputs are timed without the clock's resolution in the way.
 */
function compare(fns: (() => unknown)[], minMs = quick ? 300 : 1000, minRounds = quick ? 3 : 5): Timing[] {
  const once: number[] = [];
  const batch = fns.map((f) => {
    f();
    const t = performance.now();
    f();
    once.push(performance.now() - t);
    return once[once.length - 1] >= 2 ? 1 : Math.min(10_000, Math.ceil(2 / Math.max(once[once.length - 1], 0.001)));
  });
  // Inputs that take seconds a call (the quadratic cases) are timed twice more only.
  const slow = Math.max(...once) > 2000;
  const samples: number[][] = fns.map(() => []);
  const total = fns.map(() => 0);
  for (let round = 0; slow ? round < 2 : round < minRounds || total.some((t) => t < minMs); round++) {
    fns.forEach((f, i) => {
      const t = performance.now();
      for (let n = 0; n < batch[i]; n++) f();
      const d = performance.now() - t;
      total[i] += d;
      samples[i].push(d / batch[i]);
    });
  }
  return samples.map((xs, i) => ({ min: Math.min(...xs), median: median(xs), calls: xs.length * batch[i] }));
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ya?ml|json|template)$/i.test(name)) out.push(full);
  }
  return out;
}

/** The largest corpus file of a format (and a file extension). */
function largest(dir: string, format: string, ext = ''): { name: string; text: string } | undefined {
  if (!existsSync(dir)) return undefined;
  let best: { name: string; text: string } | undefined;
  for (const f of walk(dir)) {
    if (ext && !(ext === 'yaml' ? /\.ya?ml$|\.template$/ : /\.json$/).test(f)) continue;
    const text = readFileSync(f, 'utf8');
    if (best && text.length <= best.text.length) continue;
    const name = relative(corpus, f);
    if (k.parseFile(name, text).docs.some((d) => d.format === format)) best = { name, text };
  }
  return best;
}

function lintVsParse(): void {
  const catalogue = k.defaultCatalogue();
  const inputs: { label: string; name: string; text: string; goal?: number }[] = [
    { label: 'CloudFormation, generated', name: 'generated.yaml', text: genCloudFormation(5000), goal: 1.3 },
  ];
  for (const ext of ['yaml', 'json']) {
    const found = ['cfn-lint/templates', 'kics/cloudformation']
      .map((d) => largest(join(corpus, d), 'cloudformation', ext))
      .filter((x) => x)
      .sort((a, b) => b!.text.length - a!.text.length)[0];
    if (found) inputs.push({ label: `CloudFormation ${ext.toUpperCase()}, largest in corpus (${found.name})`, name: found.name, text: found.text });
  }
  inputs.push({ label: 'Kubernetes, 300 documents, generated', name: 'generated-k8s.yaml', text: genKubernetes(300), goal: 1.3 });
  const k8s = largest(join(corpus, 'kubernetes-examples'), 'kubernetes', 'yaml');
  if (k8s) inputs.push({ label: `Kubernetes, largest in corpus (${k8s.name})`, name: k8s.name, text: k8s.text });
  const plan = largest(join(corpus, 'terraform-plans'), 'terraform-plan');
  if (plan) inputs.push({ label: `Terraform plan, largest in corpus (${plan.name})`, name: plan.name, text: plan.text });
  inputs.push({ label: 'Terraform plan, 400 resources, generated', name: 'generated.plan.json', text: genPlan(400), goal: 1.3 });
  inputs.push({ label: 'Terraform plan, 1,600 resources, generated', name: 'generated-1600.plan.json', text: genPlan(1600) });
  inputs.push({ label: '1,000 buckets with separate bucket policies, CloudFormation', name: bucketFileName('cloudformation-yaml'), text: genBuckets(1000, 'cloudformation-yaml') });
  inputs.push({ label: '1,000 buckets with separate public access blocks, Terraform JSON', name: bucketFileName('terraform-json'), text: genBuckets(1000, 'terraform-json') });
  inputs.push({ label: '1,000 buckets with separate public access blocks, Terraform plan', name: bucketFileName('terraform-plan'), text: genBuckets(1000, 'terraform-plan') });
  inputs.push({ label: 'Terraform HCL module, generated', name: 'main.tf', text: genHcl(5000) });
  const times = new Map<string, { lint: number; bare: number }>();
  // `--input=WORD`: only the inputs whose label holds WORD (e.g. `--only=lint --input=HCL`).
  const pick = process.argv.find((a) => a.startsWith('--input='))?.slice(8);
  for (const input of inputs) {
    if (pick && !input.label.includes(pick)) continue;
    const lang = k.parseFile(input.name, input.text).lang;
    const bare =
      lang === 'json' ? () => k.momoaParse(input.text, { mode: 'json', ranges: true }) : lang === 'hcl' ? () => hcl.parse(input.text)!.delete() : () => k.parseAllDocuments(input.text);
    const [tBare, tLint] = compare([bare, () => k.lintFile(k.parseFile(input.name, input.text), catalogue)]);
    const lines = input.text.split('\n').length;
    const r = tLint.min / tBare.min;
    times.set(input.name, { lint: tLint.min, bare: tBare.min });
    const goal = input.goal ?? 2;
    row({
      measure: `lint / bare parse: ${input.label}, ${lines.toLocaleString('en')} lines, ${(input.text.length / 1024).toFixed(0)} KiB`,
      value: `lint ${timing(tLint)}; ${lang === 'json' ? 'momoa parse' : lang === 'hcl' ? 'tree-sitter parse' : 'yaml parseAllDocuments'} ${timing(tBare)}`,
      ratio: `${r.toFixed(2)}×`,
      goal: `≤ ${goal}×`,
      met: r <= goal,
    });
  }
  // Cost linear in resources: 4× the resources within 4.5× the time. The bare parse is compared too: when it is
  // itself superlinear (GC of a bigger heap), the lint's own share is the ratio of the ratios.
  const [small, big] = [times.get('generated.plan.json')!, times.get('generated-1600.plan.json')!];
  if (!small || !big) return;
  const scale = big.lint / small.lint;
  row({
    measure: 'scaling: lint of the 1,600-resource plan / the 400-resource plan',
    value: `lint ×${scale.toFixed(2)}, bare momoa parse ×${(big.bare / small.bare).toFixed(2)}; lint/bare ${(small.lint / small.bare).toFixed(2)} → ${(big.lint / big.bare).toFixed(2)}`,
    ratio: `${scale.toFixed(2)}×`,
    goal: '≤ 4.5×',
    met: scale <= 4.5,
  });
}

function incremental(): void {
  const catalogue = k.defaultCatalogue();
  for (const [label, name, text, marker] of [
    ['CloudFormation, generated (5,000 lines)', 'generated.yaml', genCloudFormation(5000), 'platform-'],
    ['Kubernetes, 300 documents', 'generated-k8s.yaml', genKubernetes(300), 'echo report '],
    ['Terraform HCL module, generated (5,000 lines)', 'main.tf', genHcl(5000), 'sg'],
  ] as const) {
    const pick = process.argv.find((a) => a.startsWith('--input='))?.slice(8);
    if (pick && !label.includes(pick)) continue;
    // One character typed in the middle of the file, then deleted again: every re-lint sees a one-character edit.
    const at = text.indexOf(marker, text.length >> 1) + marker.length;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const linter = new k.DocumentLinter(catalogue);
    let version = 0;
    linter.lint(name, version++, text);
    const how: Record<string, number> = {};
    const [cold, warm] = compare([
      () => {
        // A first lint, and the document closed (what it kept for the next edit is freed, as a cold parse frees its tree).
        const cold = new k.DocumentLinter(catalogue);
        cold.lint(name, 0, text);
        cold.forget(name);
      },
      () => {
        linter.lint(name, version, version % 2 ? edited : text);
        version++;
        how[linter.lastParse ?? '?'] = (how[linter.lastParse ?? '?'] ?? 0) + 1;
      },
    ]);
    const r = cold.min / warm.min;
    row({
      measure: `re-lint after a one-character edit: ${label}`,
      value: `re-lint ${timing(warm)}; first lint ${timing(cold)} (re-parsed: ${Object.keys(how).join(', ')})`,
      ratio: `${r.toFixed(1)}× cheaper`,
      goal: '≥ 5×',
      met: r >= 5,
    });
  }
}

/**
 * Writes, for `node --require` in a child process, a hook that saves, when the process exits, its peak RSS (KiB), its
 * CPU time (user + system, all threads) and the main thread's CPU time (from /proc/self/task/<pid>/stat, in clock ticks
 * of 10 ms; Linux only, else NaN). Helper threads (V8's compiler and GC threads, libuv's pool) are the difference: a
 * thread that ended before the exit is counted in the total, so in the helpers' share too.
 */
function rssHook(): { require: string; file: string } {
  const hook = join(scratch, 'rss-hook.js');
  const file = join(scratch, 'rss.txt');
  writeFileSync(
    hook,
    `process.on('exit', () => {
  const fs = require('fs');
  const u = process.resourceUsage();
  let main = NaN;
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime and stime the 14th and 15th.
    const stat = fs.readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    main = (Number(f[11]) + Number(f[12])) * 10;
  } catch {}
  fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000, main }));
});\n`,
  );
  return { require: hook, file };
}

/** A child process's wall time (ms), peak RSS (KiB), CPU time in all (ms) and on its main thread (ms). */
interface ChildRun {
  readonly ms: number;
  readonly rssKiB: number;
  readonly cpuMs: number;
  readonly mainCpuMs: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs node with `args` (stdout discarded), and returns its wall time, peak RSS and CPU time. */
function child(args: string[], cwd = root): ChildRun {
  const hook = rssHook();
  rmSync(hook.file, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook.require, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t;
  const got = existsSync(hook.file) ? (JSON.parse(readFileSync(hook.file, 'utf8')) as { rss: number; cpu: number; main: number }) : { rss: NaN, cpu: NaN, main: NaN };
  return { ms: wall, rssKiB: got.rss, cpuMs: got.cpu, mainCpuMs: got.main, code: r.status, stderr: r.stderr ?? '' };
}

/**
 * A parse-only pass over what the CLI scans: the same walk, reads and decoding (realFs.readRegular, as the scan reads:
 * one non-blocking open, an fstat to refuse a FIFO or device unread, then the read), each file parsed by the
 * bare parser of its language as the CLI picks it (JSON and YAML by extension or first character, HCL by extension:
 * tree-sitter, loaded as the CLI loads it).
 */
const PARSE_ONLY_SOURCE = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parse } from '@humanwhocodes/momoa';
import { Language, Parser } from 'web-tree-sitter';
import { collectFiles, decodeText, realFs } from './server/src/engine/files';
import { DEFAULT_LIMITS } from './server/src/model/tree';
(async () => {
  const runtime = readFileSync(join(__dirname, 'web-tree-sitter.wasm'));
  await Parser.init({ wasmBinary: runtime.buffer.slice(runtime.byteOffset, runtime.byteOffset + runtime.byteLength) });
  const hcl = new Parser();
  hcl.setLanguage(await Language.load(new Uint8Array(readFileSync(join(__dirname, 'tree-sitter-terraform.wasm')))));
  let docs = 0;
  for (const f of collectFiles(process.argv.slice(2))) {
    const got = realFs.readRegular!(f, DEFAULT_LIMITS.maxFileSize, 200_000);
    if (got.kind !== undefined) continue;
    const text = decodeText(got.data);
    const lower = f.toLowerCase();
    const lang = lower.endsWith('.json') ? 'json' : /\\.ya?ml$/.test(lower) ? 'yaml' : /\\.(tf|tfvars)$/.test(lower) ? 'hcl' : text.trimStart().startsWith('{') ? 'json' : 'yaml';
    if (lang === 'json') {
      try { parse(text, { mode: 'json', ranges: true }); docs++; } catch { /* a syntax error is parsed too */ }
    } else if (lang === 'hcl') {
      hcl.parse(text)?.delete();
      docs++;
    } else docs += parseAllDocuments(text).length;
  }
  process.stdout.write(String(docs));
})();
`;

/** Min and median of each figure of a set of child runs: wall, CPU in all, on the main thread and on helper threads. */
function childFigures(runs: readonly ChildRun[]) {
  const of = (f: (r: ChildRun) => number) => {
    const xs = runs.map(f);
    return { min: Math.min(...xs), median: median(xs) };
  };
  return { wall: of((r) => r.ms), cpu: of((r) => r.cpuMs), main: of((r) => r.mainCpuMs), helpers: of((r) => r.cpuMs - r.mainCpuMs), rss: Math.max(...runs.map((r) => r.rssKiB)) };
}
const cpuText = (f: ReturnType<typeof childFigures>) =>
  `CPU min ${ms(f.cpu.min)}, median ${ms(f.cpu.median)} (main thread median ${ms(f.main.median)}, helper threads median ${ms(f.helpers.median)})`;

/**
 * The whole-corpus CLI scan against the parse-only pass, interleaved rounds of child processes: wall time (the goal)
 * and CPU time (all threads, and the main thread's share), the steadier figure on a loaded machine. `--compare=DIR`
 * also runs DIR/cli.js (another build, e.g. main's dist/ copied aside) in the same rounds, for a before → after.
 */
async function corpusScan(): Promise<void> {
  const cliJs = join(root, 'dist', 'cli.js');
  if (!existsSync(corpus) || !existsSync(cliJs)) {
    row({ measure: 'whole-corpus CLI scan', value: `skipped: needs the corpus at ${corpus} and \`npm run build\`` });
    return;
  }
  const parseOnly = await bundle('parse-only.js', PARSE_ONLY_SOURCE);
  const files = k.collectFiles([corpus]);
  const otherDir = process.argv.find((a) => a.startsWith('--compare='))?.slice(10);
  const otherJs = otherDir && join(otherDir, 'cli.js');
  if (otherJs && !existsSync(otherJs)) throw new Error(`--compare: no cli.js in ${otherDir}`);
  const scan = (js = cliJs) => child([js, 'scan', corpus, '--format', 'json']);
  // The same scan on one thread: with 2 CPUs or more the scan gives the Terraform configurations to a worker thread.
  const oneThread = () => child([cliJs, 'scan', corpus, '--format', 'json', '--jobs', '1']);
  const parse = () => child([parseOnly, corpus]);
  const node = () => child(['-e', '0']);
  const first = scan();
  if (first.code !== 0 && first.code !== 1) throw new Error(`cloudline scan of the corpus failed (${first.code}): ${first.stderr}`);
  parse();
  if (otherJs) scan(otherJs);
  const [s, p, o, t]: ChildRun[][] = [[], [], [], []];
  const n: number[] = [];
  // Nine rounds, interleaved: on a shared 2-CPU machine a single round can differ by a third either way.
  for (let i = 0; i < (quick ? 2 : 9); i++) {
    s.push(scan());
    p.push(parse());
    if (otherJs) o.push(scan(otherJs));
    t.push(oneThread());
    n.push(node().ms);
  }
  const [fs, fp] = [childFigures(s), childFigures(p)];
  const r = fs.wall.min / fp.wall.min;
  const rMedian = fs.wall.median / fp.wall.median;
  row({
    measure: `whole-corpus CLI scan (\`cloudline scan\`, ${files.length.toLocaleString('en')} files, ${availableParallelism() >= 2 ? 'two threads' : 'one thread'} on this machine) / a parse-only pass (same walk and reads, bare parsers), each a child process`,
    value: `scan min ${ms(fs.wall.min)}, median ${ms(fs.wall.median)}, peak RSS ${(fs.rss / 1024).toFixed(0)} MiB; parse-only min ${ms(fp.wall.min)}, median ${ms(fp.wall.median)}; node alone ${ms(Math.min(...n))}; ratio of medians ${rMedian.toFixed(2)}×`,
    ratio: `${r.toFixed(2)}×`,
    goal: '≤ 1.5× (min and median)',
    met: r <= 1.5 && rMedian <= 1.5,
  });
  row({
    measure: 'whole-corpus CLI scan / parse-only pass: CPU time of the child (all threads; main thread from /proc, helper threads the rest)',
    value: `scan ${cpuText(fs)}; parse-only ${cpuText(fp)}`,
    ratio: `${(fs.cpu.min / fp.cpu.min).toFixed(2)}× CPU`,
  });
  const ft = childFigures(t);
  row({
    measure: 'whole-corpus CLI scan on one thread (`--jobs 1`) / parse-only pass, in the same rounds',
    value: `min ${ms(ft.wall.min)}, median ${ms(ft.wall.median)}, peak RSS ${(ft.rss / 1024).toFixed(0)} MiB; ${cpuText(ft)}`,
    ratio: `${(ft.wall.min / fp.wall.min).toFixed(2)}× (min), ${(ft.wall.median / fp.wall.median).toFixed(2)}× (medians); ${(ft.cpu.min / fp.cpu.min).toFixed(2)}× CPU`,
  });
  if (otherJs) {
    const fo = childFigures(o);
    row({
      measure: `whole-corpus CLI scan, ${otherJs} (--compare) in the same rounds`,
      value: `min ${ms(fo.wall.min)}, median ${ms(fo.wall.median)}, peak RSS ${(fo.rss / 1024).toFixed(0)} MiB; ${cpuText(fo)}; its ratio to the parse-only pass ${(fo.wall.min / fp.wall.min).toFixed(2)}× (min), ${(fo.wall.median / fp.wall.median).toFixed(2)}× (medians)`,
      ratio: `this build ${(fs.wall.median / fo.wall.median).toFixed(2)}× its wall time, ${(fs.cpu.median / fo.cpu.median).toFixed(2)}× its CPU (medians)`,
    });
  }
}

/**
 * Where an in-process corpus scan spends its time (`--only=phases`): the bare parsers, Cloudline's parse (the bare
 * parse and the source-mapped tree), and the lint of all files at once as the CLI's scan runs it, with each check's
 * time summed per rule (each rule's check functions wrapped with a clock, in this process only). Each phase is run
 * `rounds` times, interleaved, and compared by its minimum; the rules are ranked by their summed time over the rounds.
 */
function phases(): void {
  if (!existsSync(corpus)) {
    row({ measure: 'scan phases', value: `skipped: no corpus at ${corpus}` });
    return;
  }
  const texts: { name: string; text: string }[] = [];
  for (const f of k.collectFiles([corpus])) {
    const got = k.realFs.readRegular!(f, k.DEFAULT_LIMITS.maxFileSize, 200_000);
    if (got.kind === undefined) texts.push({ name: relative(root, f), text: k.decodeText(got.data) });
  }
  const catalogue = k.defaultCatalogue();
  const perRule = new Map<string, { ms: number; runs: number }>();
  for (const rule of catalogue.rules) {
    for (const check of Object.values(rule.checks)) {
      if (!check) continue;
      const run = check.run;
      const tally = { ms: 0, runs: 0 };
      perRule.set(`${rule.id} ${rule.slug}`, perRule.get(`${rule.id} ${rule.slug}`) ?? tally);
      const sum = perRule.get(`${rule.id} ${rule.slug}`)!;
      (check as { run: typeof run }).run = (resource, ctx) => {
        const t = performance.now();
        try {
          run(resource, ctx);
        } finally {
          sum.ms += performance.now() - t;
          sum.runs++;
        }
      };
    }
  }
  const bare = () => {
    for (const { name, text } of texts) {
      // As the parse-only pass picks the parser (PARSE_ONLY_SOURCE).
      const lower = name.toLowerCase();
      const lang = lower.endsWith('.json') ? 'json' : /\.ya?ml$/.test(lower) ? 'yaml' : /\.(tf|tfvars)$/.test(lower) ? 'hcl' : text.trimStart().startsWith('{') ? 'json' : 'yaml';
      if (lang === 'json') {
        try {
          k.momoaParse(text, { mode: 'json', ranges: true });
        } catch {
          /* a syntax error is parsed too */
        }
      } else if (lang === 'hcl') hcl.parse(text)!.delete();
      else k.parseAllDocuments(text);
    }
  };
  const parse = () => texts.map(({ name, text }) => k.parseFile(name, text)).filter((p) => p.isIac);
  let parsed = parse();
  const lint = () => k.lintFiles(parsed, catalogue);
  const rounds = quick ? 2 : 5;
  const times: number[][] = [[], [], []];
  for (let i = 0; i < rounds; i++) {
    for (const [j, f] of [bare, () => (parsed = parse()), lint].entries()) {
      const t = performance.now();
      f();
      times[j].push(performance.now() - t);
    }
  }
  const [tBare, tParse, tLint] = times.map((xs) => Math.min(...xs));
  const checks = [...perRule.values()].reduce((n, x) => n + x.ms, 0) / rounds;
  row({
    measure: `scan phases in one process (${texts.length.toLocaleString('en')} corpus files, ${parsed.length.toLocaleString('en')} of them IaC), minimum of ${rounds} rounds`,
    value: `bare parsers ${ms(tBare)}; Cloudline's parse (bare parse and tree) ${ms(tParse)} (${(tParse / tBare).toFixed(2)}×); lint of all files ${ms(tLint)} (${(tLint / tBare).toFixed(2)}× the bare parse), of which the checks ${ms(checks)} (mean of the rounds)`,
  });
  const top = [...perRule.entries()].filter(([, x]) => x.runs > 0).sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  row({
    measure: 'the 15 rules whose checks take longest over the corpus (mean per lint; share of all checks)',
    value: top.map(([id, x]) => `${id} ${ms(x.ms / rounds)} (${((100 * x.ms) / rounds / checks).toFixed(1)}%, ${(x.runs / rounds).toFixed(0)} runs)`).join('; '),
  });
}

function repoScan(): void {
  const cliJs = join(root, 'dist', 'cli.js');
  if (!existsSync(cliJs)) {
    row({ measure: 'repository scan', value: 'skipped: run `npm run build` first' });
    return;
  }
  const count = quick ? 2000 : 20_000;
  const dir = join(scratch, 'repo');
  const { bytes } = generateRepo(dir, count);
  const runs = Array.from({ length: quick ? 1 : 2 }, () => child([cliJs, 'scan', '.', '--format', 'json'], dir));
  for (const r of runs) if (r.code !== 0 && r.code !== 1) throw new Error(`cloudline scan of the generated repository failed (${r.code}): ${r.stderr}`);
  const best = Math.min(...runs.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.rssKiB));
  row({
    measure: `CLI scan of a generated repository: ${count.toLocaleString('en')} files (¾ IaC), ${(bytes / 1024 / 1024).toFixed(1)} MiB, child process`,
    value: `${ms(best)}: ${(count / (best / 1000)).toFixed(0)} files/s, peak RSS ${(rss / 1024).toFixed(0)} MiB`,
  });
  rmSync(dir, { recursive: true, force: true });
}

/** The worker of the scan pool: reads, parses and lints the files it is sent, and answers with their findings. */
const WORKER_SOURCE = `
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { defaultCatalogue } from './server/src/engine/default-catalogue';
import { lintFile } from './server/src/engine/lint';
import { parseFile } from './server/src/model/parse';
const catalogue = defaultCatalogue();
parentPort.on('message', (files) => {
  const out = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const parsed = parseFile(f, text);
    if (!parsed.isIac) { out.push({ file: f, bytes: text.length, findings: [] }); continue; }
    const r = lintFile(parsed, catalogue);
    out.push({ file: f, bytes: text.length, findings: r.findings.map((x) => ({ rule: x.rule.id, span: x.span, message: x.message })), problems: r.problems.length });
  }
  parentPort.postMessage(out);
});
parentPort.postMessage('ready');
`;

async function scan(): Promise<void> {
  if (!existsSync(corpus)) {
    row({ measure: 'workspace scan', value: `skipped: no corpus at ${corpus}` });
    return;
  }
  const files = k.collectFiles([corpus]);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const workerFile = await bundle('scan-worker.js', WORKER_SOURCE);
  const pool = async (size: number) => {
    const workers = await Promise.all(
      Array.from({ length: size }, () => new Promise<Worker>((resolve) => {
        const w = new Worker(workerFile);
        w.once('message', () => resolve(w));
      })),
    );
    // Small batches from a shared queue keep both workers busy to the end.
    const queue = [...files];
    let findings = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      const next = () => {
        const batch = queue.splice(0, 16);
        if (!batch.length) return resolve();
        w.postMessage(batch);
      };
      w.on('message', (out: { findings: unknown[] }[]) => {
        for (const o of out) findings += o.findings.length;
        next();
      });
      next();
    })));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await Promise.all(workers.map((w) => w.terminate()));
    return { wall, cpu: (cpu.user + cpu.system) / 1000, findings };
  };
  await pool(1); // warm the file cache
  const one: number[] = [];
  const two: number[] = [];
  let util1 = 0;
  let util2 = 0;
  let findings = [0, 0];
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    const a = await pool(1);
    const b = await pool(2);
    one.push(a.wall);
    two.push(b.wall);
    util1 = a.cpu / a.wall;
    util2 = b.cpu / b.wall;
    findings = [a.findings, b.findings];
  }
  const mb = bytes / 1024 / 1024;
  const [w1, w2] = [median(one), median(two)];
  row({
    measure: `workspace scan of the corpus (${files.length} files, ${mb.toFixed(1)} MiB), 1 worker`,
    value: `${ms(w1)}: ${(files.length / (w1 / 1000)).toFixed(0)} files/s, ${(mb / (w1 / 1000)).toFixed(1)} MiB/s, CPU ${util1.toFixed(2)} cores`,
  });
  row({
    measure: `workspace scan of the corpus, pool of 2 workers (${cpus().length} CPUs)`,
    value: `${ms(w2)}: ${(files.length / (w2 / 1000)).toFixed(0)} files/s, ${(mb / (w2 / 1000)).toFixed(1)} MiB/s, CPU ${util2.toFixed(2)} cores`,
    ratio: `${(w1 / w2).toFixed(2)}× faster`,
    goal: 'uses both cores',
    met: util2 >= 1.6 && findings[0] === findings[1],
  });
}

async function serverMemory(): Promise<void> {
  const serverJs = join(root, 'dist', 'server.js');
  if (!existsSync(serverJs)) {
    row({ measure: 'server memory', value: 'skipped: run `npm run build` first' });
    return;
  }
  const docs: { uri: string; text: string; languageId: string }[] = [];
  const sources = existsSync(corpus) ? k.collectFiles([corpus]) : [];
  for (const f of sources) {
    if (docs.length >= 500) break;
    const text = readFileSync(f, 'utf8');
    if (!k.parseFile(f, text).isIac) continue;
    docs.push({ uri: pathToFileURL(f).toString(), text, languageId: f.endsWith('.json') ? 'json' : 'yaml' });
  }
  for (let i = 0; docs.length < 500; i++) {
    const text = i % 2 ? genKubernetes(10) : genCloudFormation(200);
    docs.push({ uri: `untitled:generated-${i}.yaml`, text, languageId: 'yaml' });
  }
  const client = await startServer();
  const pid = client.process.pid!;
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status())?.[1] ?? NaN);
  const before = kib('VmRSS');
  const t0 = performance.now();
  const published = docs.map((d) => client.diagnostics(d.uri, () => true, 120_000));
  for (const d of docs) {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: 1, text: d.text } });
  }
  await Promise.all(published);
  const wall = performance.now() - t0;
  const hwm = kib('VmHWM');
  const rss = kib('VmRSS');
  await client.stop();
  const mb = (k: number) => `${(k / 1024).toFixed(0)} MiB`;
  row({
    measure: `language server with 500 open documents (${(docs.reduce((n, d) => n + d.text.length, 0) / 1024 / 1024).toFixed(1)} MiB of text)`,
    value: `peak RSS ${mb(hwm)} (RSS ${mb(rss)} after, ${mb(before)} at start); all 500 linted in ${ms(wall)}`,
    goal: '< 200 MiB',
    met: hwm < 200 * 1024,
  });
}

/**
 * First diagnostics on open (`--only=open`): a 200-line CloudFormation file opened in the language server over stdio,
 * the time from `didOpen` to its `publishDiagnostics`, twenty opens after three warm-up ones (as test/lsp/open.test.ts,
 * which asserts the best of twenty; here the figure and its spread are reported).
 */
async function openLatency(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'server.js'))) {
    row({ measure: 'first diagnostics on open', value: 'skipped: run `npm run build` first' });
    return;
  }
  const text = genCloudFormation(200);
  const client = await startServer();
  const open = async (uri: string) => {
    const t = performance.now();
    const published = client.diagnostics(uri, () => true, 60_000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await published;
    return performance.now() - t;
  };
  for (let i = 0; i < 3; i++) await open(`untitled:warm-${i}.yaml`);
  const times: number[] = [];
  for (let i = 0; i < (quick ? 5 : 20); i++) {
    await new Promise((r) => setTimeout(r, 50));
    times.push(await open(`untitled:open-${i}.yaml`));
  }
  await client.stop();
  const best = Math.min(...times);
  row({
    measure: `first diagnostics on open: a 200-line CloudFormation file, didOpen to publishDiagnostics over stdio (${times.length} opens)`,
    value: `min ${ms(best)}, median ${ms(median(times))}, max ${ms(Math.max(...times))}`,
    goal: '< 30 ms',
    met: best < 30,
  });
}

function cli(): void {
  const cliJs = join(root, 'dist', 'cli.js');
  if (!existsSync(cliJs)) {
    row({ measure: 'CLI', value: 'skipped: run `npm run build` first' });
    return;
  }
  const run = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cliJs, ...args], { cwd: root, encoding: 'utf8' });
    if (r.status === 2) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}`);
    return performance.now() - t;
  };
  const nodeOnly = () => {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t;
  };
  const [tNode, tVersion, tScan] = [0, 1, 2].map((k) => median(Array.from({ length: quick ? 3 : 7 }, () => (k === 0 ? nodeOnly() : k === 1 ? run(['--version']) : run(['scan', 'examples', '--format', 'json'])))));
  row({ measure: 'CLI cold start: `node dist/cli.js --version`', value: `${ms(tVersion)} (node itself: ${ms(tNode)})` });
  row({ measure: 'CLI cold start: `node dist/cli.js scan examples` (4 files)', value: ms(tScan) });
  const sizes = readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `${f} ${(statSync(join(root, 'dist', f)).size / 1024).toFixed(0)} KiB`);
  row({ measure: 'bundle sizes (dist/*.js, not minified)', value: sizes.join(', ') });
}

async function main(): Promise<void> {
  process.stderr.write(`Cloudline benchmark, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`);
  // The HCL adapter reads its WebAssembly next to the bundle, as it does next to dist/cli.js.
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm']) copyFileSync(join(root, 'dist', wasm), join(scratch, wasm));
  k = require(await bundle('bench-kernel.js', KERNEL_SOURCE)) as Kernel;
  await k.initHcl();
  hcl = new k.Parser();
  hcl.setLanguage(await k.Language.load(new Uint8Array(readFileSync(join(scratch, 'tree-sitter-terraform.wasm')))));
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const sections: [string, () => unknown][] = [
    ['lint', lintVsParse],
    ['incremental', incremental],
    ['corpus', corpusScan],
    ['phases', phases],
    ['repo', repoScan],
    ['pool', scan],
    ['server', serverMemory],
    ['open', openLatency],
    ['cli', cli],
  ];
  for (const [name, run] of sections) if (!only || name.includes(only)) await run();
  const header = ['measure', 'value', 'ratio', 'goal', 'met'];
  const table = [header, header.map(() => '---'), ...rows.map((r) => [r.measure, r.value, r.ratio ?? '', r.goal ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO'])];
  const out = table.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  process.stdout.write(`\n${out}\n`);
  const json = process.argv.find((a) => a.startsWith('--json='));
  if (json) writeFileSync(json.slice(7), JSON.stringify(rows, null, 2));
}

main()
  .catch((e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
