// Runs the extension-host suite inside code-server: the smoke-test driver option makes the web workbench honour the
// test payload; the runner's console comes back through window.codeAutomationLog and its result through
// window.codeAutomationExit.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, newPage } from '../browser';
import { ROOT, startCodeServer } from '../codeserver';
import { TAG } from './tag';

export const RUNNER = join(ROOT, 'out', 'e2e', 'exthost', 'index.js');
export const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');

export const LOGS = join(ROOT, 'out', 'e2e', 'logs');

export interface ExtHostRun {
  /** 0 when the runner resolved, 1 when it rejected, 124 when it did not finish in time. */
  readonly code: number;
  /** The whole console of the workbench and the extension host, also written to `logFile`. */
  readonly log: string;
  readonly logFile: string;
}

export async function runExtensionHostSuite(opts: { readonly untrusted: boolean; readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv }): Promise<ExtHostRun> {
  const server = await startCodeServer({
    workspace: FIXTURE,
    args: ['--vscode-option', 'enable-smoke-test-driver'],
    trust: opts.untrusted ? 'untrusted' : 'disabled',
    env: { ...opts.env, CLOUDLINE_E2E_TRUST: opts.untrusted ? 'untrusted' : 'disabled', CLOUDLINE_E2E_TAGGED: '1' },
  });
  const browser = await launchBrowser();
  const lines: string[] = [];
  try {
    const page = await newPage(browser);
    const authority = `127.0.0.1:${server.port}`;
    let settle: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    // Everything goes to the log file; only the suite's own (tagged) lines are shown, so offline noise such as
    // ENOTFOUND open-vsx.org or missing vsda files never reaches the output, and never fails the run.
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      lines.push(`[${level}] ${text}`);
      // An entry is one console call: the reporter's failures span several lines after the tag.
      if (text.startsWith(TAG)) process.stdout.write(`${text.slice(TAG.length)}\n`);
    });
    page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${RUNNER}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(server.dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = opts.timeoutMs ?? 300_000;
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          lines.push(`extension-host suite did not finish within ${timeoutMs / 1000} s`);
          process.stdout.write(`${lines.at(-1)}\n`);
          resolve(124);
        }, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    mkdirSync(LOGS, { recursive: true });
    const logFile = join(LOGS, `exthost-${opts.untrusted ? 'untrusted' : 'trust-disabled'}.log`);
    writeFileSync(logFile, `${lines.join('\n')}\n\n--- code-server ---\n${server.output()}`);
    // On failure, keep VS Code's own logs too (extension host, the Cloudline output channel) before the profile goes.
    const vscodeLogs = logFile.replace(/\.log$/, '-vscode-logs');
    rmSync(vscodeLogs, { recursive: true, force: true });
    if (code !== 0) server.saveLogs(vscodeLogs);
    return { code, log: lines.join('\n'), logFile };
  } finally {
    await browser.close();
    await server.stop();
  }
}
