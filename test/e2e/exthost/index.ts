// The extension-host test runner: VS Code loads this module (bundled to out/e2e/exthost/index.js) as
// extensionTestsPath and calls run(); mocha runs inside the extension host with the `vscode` API.
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'cloudline-exthost', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./probe');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed`);
}
