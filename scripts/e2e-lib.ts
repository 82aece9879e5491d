// Shared steps of `npm run test:e2e`, `npm run screenshots` and `npm run test:vscode`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import Mocha from 'mocha';
import { ROOT } from '../test/e2e/codeserver';

export const RUNNER_ENTRY = join(ROOT, 'test', 'e2e', 'exthost', 'index.ts');
export const RUNNER_OUT = join(ROOT, 'out', 'e2e', 'exthost', 'index.js');

/** Runs an npm script in the repository; throws when it fails. */
export function npmRun(script: string): void {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (exit ${r.status})`);
}

/** Bundles the extension-host runner (mocha included) into one CommonJS file VS Code can load. */
export async function bundleRunner(): Promise<string> {
  await esbuild.build({
    entryPoints: [RUNNER_ENTRY],
    outfile: RUNNER_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the runner never uses it.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return RUNNER_OUT;
}

/** Runs the UI suite (playwright-core against code-server) in this process; resolves with the number of failures. */
export async function runUiSuite(grep?: string): Promise<number> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, grep });
  mocha.addFile(join(ROOT, 'test', 'e2e', 'ui', 'ui.test.ts'));
  await mocha.loadFilesAsync();
  return new Promise<number>((resolve) => mocha.run(resolve));
}

/** Times a step and prints its outcome on one line. */
export async function step<T>(name: string, fn: () => T | Promise<T>, timings: [string, number, boolean][]): Promise<T | undefined> {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  try {
    const value = await fn();
    timings.push([name, Date.now() - t0, true]);
    return value;
  } catch (e) {
    timings.push([name, Date.now() - t0, false]);
    process.stdout.write(`✖ ${name}: ${(e as Error).message}\n`);
    return undefined;
  }
}

export function printTimings(timings: [string, number, boolean][]): void {
  process.stdout.write('\nSummary\n');
  for (const [name, ms, ok] of timings) process.stdout.write(`  ${ok ? '✔' : '✖'} ${name.padEnd(48)} ${(ms / 1000).toFixed(1).padStart(6)} s\n`);
  const total = timings.reduce((n, [, ms]) => n + ms, 0);
  process.stdout.write(`  ${'total'.padStart(50)} ${(total / 1000).toFixed(1).padStart(6)} s\n`);
}
