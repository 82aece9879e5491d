// Safety: the server and the CLI open no network connection and start no process of their own (the Node built-ins
// each bundle imports, and who imports them, are checked), and `cloudline scan` writes nothing but stdout,
// stderr and its --output file (the files `cloudline fix` rewrites and a --write-baseline file are written on purpose,
// and tested in test/cli/fix.test.ts and baseline.test.ts); the server's workspace scan writes nothing at all.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startServer } from '../lsp/client';
import { REPO } from './harness';

/**
 * Node built-ins the bundles may import, and from where. Our code (server/src, rules) reads files and paths only.
 * vscode-jsonrpc imports `net`, `os` and `crypto` for its pipe and socket transports (named pipes get a random name);
 * the server runs on stdio, but the module is one. vscode-languageserver's `files.js` imports `child_process` for
 * `Files.resolveGlobalNodePath` (it runs `npm config get prefix`), which Cloudline never calls. web-tree-sitter reads
 * files (see below). The CLI's entry sets one V8 flag for its short run (`tuneV8ForOneRun`). The CLI's `scan` may
 * run on two threads (engine/scan-split.ts): `cli/scan-worker.ts` asks `os` how many CPUs there are and starts a
 * worker thread on the CLI's own bundle, the only code a worker runs (checked below); a thread is not a process, and
 * the worker reads files as the main thread does. Nothing may import `http`, `https`, `http2`, `tls`, `dgram`, `dns`
 * or `cluster`, nor `worker_threads` anywhere else.
 */
const ALLOWED: Record<string, RegExp> = {
  fs: /^(server\/src|rules)\/|node_modules\/vscode-languageserver\/lib\/node\/files\.js$/,
  path: /^(server\/src|rules)\/|node_modules\/vscode-(jsonrpc|languageserver)\//,
  url: /^(server\/src|rules)\/|node_modules\/vscode-languageserver\/lib\/node\/files\.js$/,
  util: /node_modules\/vscode-(jsonrpc|languageserver)\//,
  process: /node_modules\/yaml\//,
  buffer: /node_modules\/yaml\//,
  os: /node_modules\/vscode-jsonrpc\/lib\/node\/main\.js$|^server\/src\/cli\/scan-worker\.ts$/,
  crypto: /node_modules\/vscode-jsonrpc\/lib\/node\/main\.js$/,
  net: /node_modules\/vscode-jsonrpc\/lib\/node\/main\.js$/,
  child_process: /node_modules\/vscode-languageserver\/lib\/node\/files\.js$/,
  // web-tree-sitter (the HCL parser) reads its .wasm with fs/promises and makes a require with module.createRequire
  // when given a path; Cloudline hands it the bytes instead, but the code is there.
  'fs/promises': /node_modules\/web-tree-sitter\//,
  module: /node_modules\/web-tree-sitter\//,
  v8: /^server\/src\/cli\/main\.ts$/,
  worker_threads: /^server\/src\/cli\/(main|scan-worker)\.ts$/,
};
const NEVER = ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'cluster', 'inspector', 'vm'];

async function builtinImports(entry: string): Promise<{ importer: string; module: string }[]> {
  const r = await build({ entryPoints: [join(REPO, entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node18', write: false, metafile: true, outfile: join(tmpdir(), 'cloudline-safety.js'), logLevel: 'error', absWorkingDir: REPO });
  const out: { importer: string; module: string }[] = [];
  for (const [file, input] of Object.entries(r.metafile!.inputs)) {
    for (const imp of input.imports) if (imp.external) out.push({ importer: file.replace(/^(\.\.\/)+[^/]+\/node_modules\//, 'node_modules/'), module: imp.path.replace(/^node:/, '') });
  }
  return out;
}

/** Every file under `dir` with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('robustness: safety', function () {
  this.timeout(60_000);

  it("the CLI's one worker thread runs the CLI's own bundle, never code given as text", () => {
    const source = readFileSync(join(REPO, 'server/src/cli/scan-worker.ts'), 'utf8');
    assert.deepEqual(source.match(/new Worker\([^,]*,/g), ['new Worker(script,']);
    assert.doesNotMatch(source, /\beval\s*:/);
    const main = readFileSync(join(REPO, 'server/src/cli/main.ts'), 'utf8');
    assert.deepEqual(main.match(/runWorker\([^,]*,/g), ['runWorker(__filename,']);
    assert.doesNotMatch(main, /new Worker\(/);
  });

  for (const [bundle, entry] of [['dist/server.js', 'server/src/server.ts'], ['dist/cli.js', 'server/src/cli/main.ts']]) {
    it(`${bundle}: Node built-ins only from the allowed importers, and no network client or server module at all`, async () => {
      const imports = await builtinImports(entry);
      assert.ok(imports.length > 0);
      const bad = imports.filter(({ importer, module }) => NEVER.includes(module) || !ALLOWED[module]?.test(importer)).map((i) => `${i.importer} imports ${i.module}`);
      assert.deepEqual(bad, []);
      // The bundle that ships says the same: no require of a network module in its text.
      const text = readFileSync(join(REPO, bundle), 'utf8');
      for (const m of NEVER) assert.ok(!new RegExp(`require\\("(node:)?${m}"\\)`).test(text), `${bundle} requires ${m}`);
      if (bundle === 'dist/cli.js') for (const m of ['net', 'child_process', 'crypto']) assert.ok(!new RegExp(`require\\("(node:)?${m}"\\)`).test(text), `cli requires ${m}`);
      if (bundle === 'dist/server.js') for (const m of ['worker_threads']) assert.ok(!new RegExp(`require\\("(node:)?${m}"\\)`).test(text), `server requires ${m}`);
    });
  }

  describe('writes', () => {
    let root: string;
    let ws: string;
    let home: string;
    const examples = join(REPO, 'examples');

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'cloudline-safety-'));
      ws = join(root, 'ws');
      home = join(root, 'home');
      mkdirSync(home);
      cpSync(examples, ws, { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), ...args], { cwd: ws, encoding: 'utf8', env: { ...process.env, HOME: home, TMPDIR: home, TMP: home, TEMP: home } });

    it('the CLI writes only to stdout and stderr, or to the --output file, and nothing else anywhere in the workspace or home', () => {
      const before = snapshot(ws);
      for (const format of ['text', 'json', 'sarif']) {
        // On one thread, and with the worker thread that takes the Terraform files (--jobs 2).
        for (const jobs of ['1', '2']) {
          const r = cli(['scan', '.', '--format', format, '--jobs', jobs]);
          assert.equal(r.status, 1, r.stderr);
          assert.ok(r.stdout.length > 0);
        }
      }
      const r = cli(['scan', '.', '--format', 'sarif', '--output', 'report.sarif']);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      const after = snapshot(ws);
      assert.deepEqual([...after.keys()].filter((k) => !before.has(k)), ['report.sarif']);
      for (const [k, hash] of before) assert.equal(after.get(k), hash, `${k} changed`);
      assert.deepEqual([...snapshot(home).keys()], [], 'nothing written to HOME or TMPDIR');
      cli(['rules', '--format', 'md']);
      cli(['--version']);
      assert.deepEqual([...snapshot(ws).keys()].sort(), [...after.keys()].sort());
    });

    it('the language server reads the workspace to scan it and writes nothing', async () => {
      const before = snapshot(ws);
      const client = await startServer([{ uri: pathToFileURL(ws).toString(), name: 'ws' }]);
      try {
        const result = (await client.connection.sendRequest('cloudline/scanWorkspace', {})) as { files: number };
        assert.ok(result.files > 0);
      } finally {
        await client.stop();
      }
      const after = snapshot(ws);
      assert.deepEqual([...after.entries()], [...before.entries()]);
    });
  });
});
