// `npm run screenshots`: regenerates the README's pictures in docs/images/ from the UI suite (the packaged .vsix in
// code-server, 1280×800): finding-editor.png, finding-hover.png, finding-terraform-hcl.png, quick-fix.png, responsibility-view.png.
import { ensureCodeServer, requireChromium } from '../test/e2e/codeserver';
import { npmRun, printTimings, runUiSuite, step } from './e2e-lib';

async function main(): Promise<number> {
  requireChromium();
  process.env.CLOUDLINE_SCREENSHOTS = 'docs/images';
  const timings: [string, number, boolean][] = [];
  if (!(await step('code-server (install once, then reuse)', () => (ensureCodeServer(), true), timings))) return 1;
  if (!(await step('package the .vsix (npm run package)', () => (npmRun('package'), true), timings))) return 1;
  const failures = await step('UI suite, saving docs/images/*.png', () => runUiSuite('Cloudline UI: the packaged extension in code-server'), timings);
  printTimings(timings);
  if (failures !== 0) {
    process.stdout.write('\nThe UI suite failed: the pictures in docs/images may be incomplete (see out/e2e/screenshots/failure-*.png).\n');
    return 1;
  }
  process.stdout.write('\nScreenshots written to docs/images/\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
