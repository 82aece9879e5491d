// Runs the extension-host suite inside code-server: the smoke-test driver option makes the web workbench honour the
// test payload; the runner's console comes back through window.codeAutomationLog and its result through
// window.codeAutomationExit.
import { join } from 'node:path';
import { launchBrowser, newPage } from '../browser';
import { ROOT, startCodeServer } from '../codeserver';

export const RUNNER = join(ROOT, 'out', 'e2e', 'exthost', 'index.js');
export const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');

/** Console lines from a workbench offline that say nothing about Cloudline. */
const NOISE = [/ENOTFOUND/, /open-vsx\.org/, /\bCanceled\b/, /vsda/, /Failed to load resource/, /\[Extension Host\] (?:Debugger|For help, see)/];

export interface ExtHostRun {
  readonly code: number;
  readonly log: string;
}

export async function runExtensionHostSuite(opts: { readonly untrusted: boolean; readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv }): Promise<ExtHostRun> {
  const server = await startCodeServer({
    workspace: FIXTURE,
    args: ['--vscode-option', 'enable-smoke-test-driver'],
    trust: opts.untrusted ? 'untrusted' : 'disabled',
    env: { ...opts.env, CLOUDLINE_E2E_TRUST: opts.untrusted ? 'untrusted' : 'disabled' },
  });
  const browser = await launchBrowser();
  const lines: string[] = [];
  try {
    const page = await newPage(browser);
    const authority = `127.0.0.1:${server.port}`;
    let settle: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      if (NOISE.some((n) => n.test(text))) return;
      lines.push(text);
      process.stdout.write(`${text}\n`);
    });
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
    return { code, log: lines.join('\n') };
  } finally {
    await browser.close();
    await server.stop();
  }
}
