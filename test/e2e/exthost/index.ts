// The extension-host test runner. VS Code loads this module (bundled to out/e2e/exthost/index.js by
// scripts/test-e2e.ts) as extensionTestsPath and calls run(): mocha runs inside the extension host, with the
// `vscode` API. The same module serves code-server (test/e2e/exthost/driver.ts) and @vscode/test-electron
// (scripts/test-vscode.ts).
import Mocha from 'mocha';
import { format } from 'node:util';
import { PREFIX } from './helpers';

export async function run(): Promise<void> {
  // The reporter's lines carry a tag, so a driver can tell them from the workbench's own console.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${PREFIX}${format(...args)}`);
  // CLOUDLINE_E2E_GREP runs only the tests whose titles match (for debugging one part).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec', grep: process.env.CLOUDLINE_E2E_GREP });
  mocha.suite.emit('pre-require', globalThis, 'cloudline.test.js', mocha);
  // Bundled with this module; evaluated only now, after mocha has set describe/it on globalThis.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./cloudline.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed`);
}
