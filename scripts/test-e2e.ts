// `npm run test:e2e`: Cloudline in a real VS Code (code-server in Debian's Chromium), both suites, one after the other:
//   1. the extension-host suite (mocha inside VS Code, the `vscode` API), with Workspace Trust off and then with the
//      folder untrusted;
//   2. the UI suite (playwright-core, the packaged .vsix installed), which also saves screenshots to out/e2e/screenshots;
//   and, first, the HTML report rendered in the same Chromium (test/e2e/report-render.ts: nothing loaded, PNG and PDF).
// Installs code-server and its Node 24 into .vscode-test/ on first use. Exits non-zero when anything fails.
//
// Environment: CLOUDLINE_E2E_ONLY=exthost|ui|report runs one suite (or the report's render alone); CLOUDLINE_E2E_GREP filters tests by title;
// CLOUDLINE_E2E_INJECT_FAILURE=1 adds a failing test to each suite (to check that failures fail the run);
// CLOUDLINE_CHROMIUM overrides /usr/bin/chromium; CLOUDLINE_E2E_BOUND_MS bounds each wait (default 30000).
import { ensureCodeServer, requireChromium } from '../test/e2e/codeserver';
import { runExtensionHostSuite } from '../test/e2e/exthost/driver';
import { renderReport } from '../test/e2e/report-render';
import { bundleRunner, npmRun, printTimings, runUiSuite, step } from './e2e-lib';

async function main(): Promise<number> {
  requireChromium();
  const only = process.env.CLOUDLINE_E2E_ONLY;
  const timings: [string, number, boolean][] = [];
  let failed = false;
  const ok = (v: boolean | undefined) => {
    if (v !== true) failed = true;
  };

  if (!only || only === 'report') {
    ok(await step('HTML report in headless Chromium (nothing loaded; PNG and PDF)', async () => (await renderReport('out/e2e/report'), true), timings));
    if (only === 'report') return finish(timings, failed);
  }

  ok(await step('code-server (install once, then reuse)', () => (ensureCodeServer(), true), timings));
  if (failed) return finish(timings, true);

  if (only !== 'ui') {
    ok(await step('build (npm run build) and bundle the test runner', async () => (npmRun('build'), await bundleRunner(), true), timings));
    if (failed) return finish(timings, true);
    for (const untrusted of [false, true]) {
      const name = `extension-host suite, ${untrusted ? 'folder untrusted (Restricted Mode)' : 'Workspace Trust off'}`;
      ok(
        await step(
          name,
          async () => {
            const r = await runExtensionHostSuite({ untrusted, env: { CLOUDLINE_E2E_GREP: process.env.CLOUDLINE_E2E_GREP } });
            if (r.code !== 0) throw new Error(`exit ${r.code}; the whole console is in ${r.logFile}`);
            return true;
          },
          timings,
        ),
      );
    }
  }

  if (only !== 'exthost') {
    const packaged = await step('package the .vsix (npm run package)', () => (npmRun('package'), true), timings);
    ok(packaged);
    if (packaged) {
      ok(
        await step(
          'UI suite (packaged .vsix, playwright-core)',
          async () => {
            const failures = await runUiSuite(process.env.CLOUDLINE_E2E_GREP);
            if (failures > 0) throw new Error(`${failures} UI test${failures === 1 ? '' : 's'} failed`);
            return true;
          },
          timings,
        ),
      );
    }
  }
  return finish(timings, failed);
}

function finish(timings: [string, number, boolean][], failed: boolean): number {
  printTimings(timings);
  process.stdout.write(failed ? '\nEnd-to-end tests FAILED\n' : '\nEnd-to-end tests passed\n');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
