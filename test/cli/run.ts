// The CLI as the tests run it: the bundled dist/cli.js in a child process, and temporary workspaces of files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly signal: NodeJS.Signals | null;
}

/** Runs `node dist/cli.js …args` in `cwd`, without colour. */
export function runCli(args: readonly string[], cwd: string, options: { timeout?: number; maxBuffer?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...options, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** A new temporary folder (`cloudline-<prefix>-…`) holding `files` by relative path; recorded in `made` when given. */
export function makeWorkspace(prefix: string, files: Readonly<Record<string, string | Buffer>>, made?: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `cloudline-${prefix}-`));
  made?.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
