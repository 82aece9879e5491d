// `npm run test:vscode`: the extension-host suite in desktop VS Code through @vscode/test-electron, for a machine that
// can download VS Code (it does not work offline; `npm run test:e2e` runs the same suite in code-server).
// Two runs, like test:e2e: Workspace Trust off (runTests), then the folder untrusted. runTests always passes
// --disable-workspace-trust, so the second run starts the downloaded VS Code itself with the same arguments minus that.
//
// Environment: CLOUDLINE_VSCODE_VERSION (default "stable"), CLOUDLINE_E2E_GREP, CLOUDLINE_E2E_INJECT_FAILURE.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { ROOT } from '../test/e2e/codeserver';
import { FIXTURE } from '../test/e2e/exthost/driver';
import { bundleRunner, npmRun, printTimings, step } from './e2e-lib';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/** Fresh profile folders and a copy of the fixture workspace. */
function sandbox(trust: 'disabled' | 'untrusted') {
  const tmp = mkdtempSync(join(tmpdir(), 'cloudline-vscode-'));
  const workspace = join(tmp, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  mkdirSync(join(tmp, 'user-data', 'User'), { recursive: true });
  const trustSettings =
    trust === 'untrusted'
      ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
      : { 'security.workspace.trust.enabled': false };
  writeFileSync(join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...trustSettings }, null, 2));
  const args = [workspace, '--disable-extensions', `--user-data-dir=${join(tmp, 'user-data')}`, `--extensions-dir=${join(tmp, 'extensions')}`];
  const env = { CLOUDLINE_E2E_TRUST: trust, CLOUDLINE_E2E_GREP: process.env.CLOUDLINE_E2E_GREP ?? '', CLOUDLINE_E2E_INJECT_FAILURE: process.env.CLOUDLINE_E2E_INJECT_FAILURE ?? '' };
  return { tmp, args, env };
}

/** What runTests passes, minus --disable-workspace-trust. */
function untrustedRun(executable: string, runner: string): Promise<number> {
  const { tmp, args, env } = sandbox('untrusted');
  const all = [
    ...args,
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    `--extensionTestsPath=${runner}`,
    `--extensionDevelopmentPath=${ROOT}`,
  ];
  return new Promise<number>((resolve) => {
    const child = spawn(executable, all, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => {
      rmSync(tmp, { recursive: true, force: true });
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<number> {
  const timings: [string, number, boolean][] = [];
  const runner = await step('build (npm run build) and bundle the test runner', async () => (npmRun('build'), bundleRunner()), timings);
  if (!runner) return finish(timings, true);
  const version = process.env.CLOUDLINE_VSCODE_VERSION ?? 'stable';
  const executable = await step(`download VS Code (${version})`, () => downloadAndUnzipVSCode(version), timings);
  if (!executable) return finish(timings, true);
  let failed = false;
  const trusted = await step(
    'extension-host suite in VS Code, Workspace Trust off',
    async () => {
      const { tmp, args, env } = sandbox('disabled');
      try {
        await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: ROOT, extensionTestsPath: runner, launchArgs: args, extensionTestsEnv: env });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      return true;
    },
    timings,
  );
  if (!trusted) failed = true;
  const untrusted = await step(
    'extension-host suite in VS Code, folder untrusted',
    async () => {
      const code = await untrustedRun(executable, runner);
      if (code !== 0) throw new Error(`exit ${code}`);
      return true;
    },
    timings,
  );
  if (!untrusted) failed = true;
  return finish(timings, failed);
}

function finish(timings: [string, number, boolean][], failed: boolean): number {
  printTimings(timings);
  process.stdout.write(failed ? '\nVS Code tests FAILED\n' : '\nVS Code tests passed\n');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
