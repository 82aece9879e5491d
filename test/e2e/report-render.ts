// The HTML report (`cloudline report --format html`) rendered in headless Chromium (Debian's, through playwright-core;
// the e2e stage has it, `npm test` does not): built from the report fixture (test/cli/fixtures/report), opened with
// every network request refused and recorded, drawn to a PNG and printed to a PDF, both of non-trivial size. A page
// that tried to load anything (a script, a font, an image, a style sheet) fails. Run as a step of `npm run test:e2e`,
// or alone: `npx tsx test/e2e/report-render.ts [--screenshot docs/images/report.png]`.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reportHtml } from '../../server/src/cli/report-html';
import { TOOL_VERSION } from '../../server/src/cli/report';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { scan } from '../../server/src/engine/scan';
import { initHcl } from '../../server/src/model/hcl';
import { buildReport } from '../../server/src/report/report';
import { launchBrowser } from './browser';

const root = join(__dirname, '..', '..');
const FIXTURE = join(root, 'test', 'cli', 'fixtures', 'report');

/** Renders the fixture's report; returns the paths written. Throws when the page loads anything or renders too little. */
export async function renderReport(outDir: string, screenshot?: string): Promise<{ html: string; png: string; pdf: string }> {
  await initHcl();
  const catalogue = defaultCatalogue();
  const outcome = await scan([FIXTURE], catalogue, {}, { base: FIXTURE, name: (p) => p.slice(FIXTURE.length + 1) });
  const html = reportHtml(buildReport(outcome.results, catalogue, { toolVersion: TOOL_VERSION, unread: outcome.unread }));
  mkdirSync(outDir, { recursive: true });
  const htmlPath = resolve(outDir, 'report.html');
  writeFileSync(htmlPath, html);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, javaScriptEnabled: false });
    const loads: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `file://${htmlPath}`) return route.continue();
      loads.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => errors.push(m.text()));
    await page.goto(`file://${htmlPath}`, { waitUntil: 'load' });
    if (loads.length) throw new Error(`the report tried to load: ${loads.join(', ')}`);
    const charts = await page.locator('svg rect').count();
    if (charts < 10) throw new Error(`expected the charts' bars, found ${charts} SVG rects`);
    const height = await page.evaluate('document.documentElement.scrollHeight');
    if (typeof height !== 'number' || height < 1500) throw new Error(`the page is only ${String(height)} px high`);
    const png = resolve(outDir, 'report.png');
    await page.screenshot({ path: png, fullPage: false });
    if (screenshot) await page.screenshot({ path: resolve(screenshot), fullPage: false });
    const pdf = resolve(outDir, 'report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    for (const [file, min] of [[png, 40_000], [pdf, 30_000]] as const) {
      const size = statSync(file).size;
      if (size < min) throw new Error(`${file} is only ${size} bytes`);
    }
    if (errors.length) throw new Error(`console messages: ${errors.join('; ')}`);
    return { html: htmlPath, png, pdf };
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--screenshot');
  renderReport(join(root, 'out', 'e2e', 'report'), i > 0 ? process.argv[i + 1] : undefined).then(
    (r) => process.stdout.write(`report rendered: ${r.png}, ${r.pdf}\n`),
    (e) => {
      process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
