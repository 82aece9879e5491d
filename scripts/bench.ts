// Performance benchmark (`npm run bench`): lint vs bare parse, incremental re-lint, workspace scan throughput (one
// thread and a pool of two workers), server memory with 500 open documents, CLI cold start and bundle sizes. Every
// figure comes from this one run on the same inputs; timings are medians of interleaved repetitions, so a busy
// machine slows both sides of a ratio alike. Needs `npm run build` first (dist/ is measured too).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { startServer } from '../test/lsp/client';
import { genCloudFormation, genKubernetes, genPlan } from '../test/robustness/gen';

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
export { lintFile } from './server/src/engine/lint';
export { parseFile } from './server/src/model/parse';
export { DocumentLinter } from './server/src/service/linter';
`;
interface Kernel {
  parseAllDocuments: typeof import('yaml').parseAllDocuments;
  momoaParse: typeof import('@humanwhocodes/momoa').parse;
  defaultCatalogue: typeof import('../server/src/engine/default-catalogue').defaultCatalogue;
  collectFiles: typeof import('../server/src/engine/files').collectFiles;
  lintFile: typeof import('../server/src/engine/lint').lintFile;
  parseFile: typeof import('../server/src/model/parse').parseFile;
  DocumentLinter: typeof import('../server/src/service/linter').DocumentLinter;
}
let k: Kernel;
const scratch = mkdtempSync(join(tmpdir(), 'cloudline-bench-'));

async function bundle(name: string, contents: string): Promise<string> {
  const outfile = join(scratch, name);
  await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile, logLevel: 'error' });
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
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Runs the functions in turn, `rounds` times after a warm-up, and returns each one's median time in ms. */
function interleaved(fns: (() => unknown)[], rounds = ROUNDS): number[] {
  for (const f of fns) f();
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, i) => {
      const t = performance.now();
      f();
      times[i].push(performance.now() - t);
    });
  }
  return times.map(median);
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
  const inputs: { label: string; name: string; text: string }[] = [
    { label: 'CloudFormation, generated', name: 'generated.yaml', text: genCloudFormation(5000) },
  ];
  for (const ext of ['yaml', 'json']) {
    const found = ['cfn-lint/templates', 'kics/cloudformation']
      .map((d) => largest(join(corpus, d), 'cloudformation', ext))
      .filter((x) => x)
      .sort((a, b) => b!.text.length - a!.text.length)[0];
    if (found) inputs.push({ label: `CloudFormation ${ext.toUpperCase()}, largest in corpus (${found.name})`, name: found.name, text: found.text });
  }
  inputs.push({ label: 'Kubernetes, 300 documents, generated', name: 'generated-k8s.yaml', text: genKubernetes(300) });
  const plan = largest(join(corpus, 'terraform-plans'), 'terraform-plan');
  if (plan) inputs.push({ label: `Terraform plan, largest in corpus (${plan.name})`, name: plan.name, text: plan.text });
  inputs.push({ label: 'Terraform plan, 400 resources, generated', name: 'generated.plan.json', text: genPlan(400) });
  for (const input of inputs) {
    const json = k.parseFile(input.name, input.text).lang === 'json';
    const bare = json ? () => k.momoaParse(input.text, { mode: 'json', ranges: true }) : () => k.parseAllDocuments(input.text);
    const [tBare, tLint] = interleaved([bare, () => k.lintFile(k.parseFile(input.name, input.text), catalogue)]);
    const lines = input.text.split('\n').length;
    const r = tLint / tBare;
    row({
      measure: `lint / bare parse: ${input.label}, ${lines} lines, ${(input.text.length / 1024).toFixed(0)} KiB`,
      value: `${ms(tLint)} vs ${ms(tBare)} (${json ? 'momoa parse' : 'yaml parseAllDocuments'})`,
      ratio: `${r.toFixed(2)}×`,
      goal: '≤ 1.5×',
      met: r <= 1.5,
    });
  }
}

function incremental(): void {
  const catalogue = k.defaultCatalogue();
  for (const [label, name, text, marker] of [
    ['CloudFormation, generated (5,000 lines)', 'generated.yaml', genCloudFormation(5000), 'platform-'],
    ['Kubernetes, 300 documents', 'generated-k8s.yaml', genKubernetes(300), 'echo report '],
  ] as const) {
    // One character typed in the middle of the file, then deleted again: every re-lint sees a one-character edit.
    const at = text.indexOf(marker, text.length >> 1) + marker.length;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const linter = new k.DocumentLinter(catalogue);
    let version = 0;
    linter.lint(name, version++, text);
    const how: Record<string, number> = {};
    const [cold, warm] = interleaved([
      () => new k.DocumentLinter(catalogue).lint(name, 0, text),
      () => {
        linter.lint(name, version, version % 2 ? edited : text);
        version++;
        how[linter.lastParse ?? '?'] = (how[linter.lastParse ?? '?'] ?? 0) + 1;
      },
    ]);
    const r = cold / warm;
    row({
      measure: `re-lint after a one-character edit: ${label}`,
      value: `${ms(warm)} vs first lint ${ms(cold)} (re-parsed: ${Object.keys(how).join(', ')})`,
      ratio: `${r.toFixed(1)}× cheaper`,
      goal: '≥ 5×',
      met: r >= 5,
    });
  }
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
  k = require(await bundle('bench-kernel.js', KERNEL_SOURCE)) as Kernel;
  lintVsParse();
  incremental();
  await scan();
  await serverMemory();
  cli();
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
