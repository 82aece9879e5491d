// Black-box UI tests: the packaged .vsix installed into code-server, driven in Chromium as a user would. The same run
// saves the README's screenshots (CLOUDLINE_SCREENSHOTS=docs/images, as `npm run screenshots` sets it).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage } from '../browser';
import { ROOT, startCodeServer, type Running } from '../codeserver';
import {
  activeEditor,
  editorText,
  goTo,
  openWorkbench,
  quickOpen,
  runCommand,
  screenshot,
  statusItem,
  waitUntil,
  WAIT_MS,
  lensText,
} from './workbench';

export const VSIX = process.env.CLOUDLINE_VSIX ?? join(ROOT, 'cloudline.vsix');
const FIXTURE = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');
const STATUS_ID = 'cloudline.cloudline.cloudline.status';
const MESSAGE =
  'RDS instance ReportsDb sets PubliclyAccessible to true, so it gets a DNS name that resolves to a public IP address. Amazon RDS is PaaS: AWS patches the engine and the hosts; whether the instance is reachable from the internet is your decision.';

/**
 * Settings for legible pictures: the default dark theme, hovers below the line (more room for the card). The language
 * server's messages are traced into the Cloudline output log, which is saved when a test fails.
 */
const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.hover.above': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'cloudline.trace.server': 'verbose',
};

async function session(trust: 'disabled' | 'untrusted'): Promise<{ server: Running; browser: Browser; page: Page }> {
  assert.ok(existsSync(VSIX), `${VSIX} is missing: run "npm run package" first`);
  const server = await startCodeServer({ workspace: FIXTURE, vsix: VSIX, settings: SETTINGS, trust });
  const browser = await launchBrowser();
  const page = await newPage(browser);
  await openWorkbench(page, server.url, server.dirs.workspace);
  return { server, browser, page };
}

/** Whether the hover card shows all its content (nothing left to scroll). */
async function shownInFull(hover: Locator): Promise<boolean> {
  return hover.evaluate((el) => {
    const content = el.querySelector('.monaco-hover-content');
    return !!content && content.scrollHeight <= content.clientHeight + 1;
  });
}

const LOGS = join(ROOT, 'out', 'e2e', 'logs');

/** Saves what the page showed when a test failed (in out/, never in docs/images); returns whether it failed. */
async function onFailure(ctx: Mocha.Context, page: Page | undefined): Promise<boolean> {
  if (ctx.currentTest?.state !== 'failed' || !page) return false;
  const name = `failure-${ctx.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
  // Failures go to out/, never to docs/images.
  const path = await screenshot(page, name, join(ROOT, 'out', 'e2e', 'screenshots')).catch(() => undefined);
  if (path) console.log(`      (screenshot of the failure: ${path})`);
  return true;
}

describe('Cloudline UI: the packaged extension in code-server', function () {
  this.timeout(4 * WAIT_MS);
  let server: Running | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    ({ server, browser, page } = await session('disabled'));
  });
  let failed = false;
  afterEach(async function () {
    if (await onFailure(this, page)) failed = true;
  });
  after(async () => {
    await browser?.close();
    if (failed) server?.saveLogs(join(LOGS, 'ui-vscode-logs'));
    await server?.stop();
  });

  it('opens a template with Ctrl+P and draws the squiggle under the finding', async () => {
    await quickOpen(page, 'cloudformation/database.yaml');
    const squiggle = activeEditor(page).locator('.squiggly-error');
    await squiggle.first().waitFor({ timeout: WAIT_MS });
    assert.equal(await squiggle.count(), 1);
    // The squiggle sits on line 16, exactly under the token `true`. Measured once the CodeLens (which pushes the
    // resource's lines down) is in, both boxes in one go.
    await lensText(page);
    // (No named functions inside: tsx would wrap them in a helper the page does not have.)
    const [a, b] = await activeEditor(page).evaluate((editor) => {
      const line = [...editor.querySelectorAll('.view-line')].find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes('PubliclyAccessible: true'));
      const token = [...(line?.querySelectorAll('span span') ?? [])].find((t) => t.textContent === 'true');
      return [editor.querySelector('.squiggly-error'), token].map((e) => {
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
    });
    assert.ok(a && b, 'squiggle and token are on screen');
    assert.ok(a.y + a.height / 2 > b.y && a.y + a.height / 2 < b.y + b.height, `squiggle ${JSON.stringify(a)} on the token ${JSON.stringify(b)}`);
    assert.ok(Math.abs(a.x - b.x) < 2 && Math.abs(a.width - b.width) < 2, `squiggle ${JSON.stringify(a)} spans the token ${JSON.stringify(b)}`);
  });

  it('shows the CodeLens and the status bar item for the file', async () => {
    assert.equal(await lensText(page), 'PaaS · Amazon RDS · 1 customer-side finding');
    const status = statusItem(page, STATUS_ID);
    await status.waitFor({ timeout: WAIT_MS });
    assert.equal((await status.innerText()).trim(), '1 customer-side');
    assert.match((await status.getAttribute('aria-label')) ?? '', /1 Cloudline finding on your side of the shared-responsibility line in this file/);
  });

  it('lists the finding in the Problems panel: message, source, rule ID, line and column', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.nth(1).waitFor({ timeout: WAIT_MS });
    assert.equal(await rows.count(), 2, 'the file and its one problem');
    assert.match(await rows.nth(0).innerText(), /^database\.yaml\s*cloudformation\s*1$/);
    const text = (await rows.nth(1).innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
    assert.deepEqual(text, [MESSAGE, 'cloudline', 'CL-AWS-004', '[Ln 16, Col 27]']);
    assert.match((await rows.nth(1).getAttribute('aria-label')) ?? '', /^Error: RDS instance ReportsDb .* at line 16 and character 27\. generated by cloudline$/);
    await screenshot(page, 'finding-editor.png');
  });

  it('opens the responsibility card on hover (Ctrl+K Ctrl+I)', async () => {
    await page.keyboard.press('Control+J'); // hide the panel: room for the card
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: WAIT_MS });
    // VS Code caps a hover at the larger of 250 px and a quarter of the editor's height, and the card is taller than
    // that: in a window 2,000 px high it shows in full, with no scrolling and no mouse (dragging the card's edge to
    // lengthen it was at the mercy of the machine's load: a press that landed in the editor closed the card). The
    // picture is the window's top 800 px, the size of the others.
    const size = page.viewportSize() ?? { width: 1280, height: 800 };
    await page.setViewportSize({ width: size.width, height: 2000 });
    try {
      await goTo(page, 16, 28);
      // Scroll the flagged line up, so the card opens below it inside the picture.
      for (let i = 0; i < 8; i++) await page.keyboard.press('Control+ArrowDown');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'RDS instance is publicly accessible' });
      await hover.waitFor({ timeout: WAIT_MS });
      const text = await hover.innerText();
      for (const expected of [
        'CL-AWS-004 · high · owner: customer · network',
        'Amazon RDS · PaaS — the provider runs the platform; its configuration and your data are yours',
        'AWS secures: AWS patches the database engine and the hosts',
        'Yours: Network reachability, encryption settings, credentials',
        'Fix: Set PubliclyAccessible (publicly_accessible) to false',
        'CIS AWS Foundations Benchmark 3.0.0: 2.3.3',
        'Rule documentation',
      ]) {
        assert.ok(text.includes(expected), `the hover shows "${expected}":\n${text}`);
      }
      const card = await hover.boundingBox();
      assert.ok(card && card.y + card.height <= size.height, `the card ${JSON.stringify(card)} is inside the picture`);
      assert.ok(await shownInFull(hover), 'the card shows all its content: if it has grown, make the window taller');
      await screenshot(page, 'finding-hover.png', undefined, { x: 0, y: 0, width: size.width, height: size.height });
      await page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden', timeout: WAIT_MS });
    } finally {
      await page.setViewportSize(size);
    }
  });

  it('applies the quick-fix with Ctrl+. and the squiggle goes', async () => {
    await goTo(page, 16, 28);
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
    const fix = menu.locator('.monaco-list-row', { hasText: 'Set PubliclyAccessible to false' });
    // The renderer may not have the code actions yet on the first try: ask once more if the menu is empty.
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.keyboard.press('Control+.');
      if (await fix.waitFor({ timeout: WAIT_MS / 2 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
    }
    const titles = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(titles, [
      'Quick Fix',
      'Set PubliclyAccessible to false',
      'Suppress CL-AWS-004 on ReportsDb with a reason…',
      'Show documentation for CL-AWS-004 (rds-publicly-accessible)',
    ]);
    await screenshot(page, 'quick-fix.png');
    await fix.click();
    await menu.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await waitUntil('the squiggle to go', async () => (await activeEditor(page).locator('.squiggly-error').count()) === 0);
    assert.match(await editorText(page), /PubliclyAccessible: false/);
    // Saved, as a user would: the workspace scan below reads the files on disk.
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: WAIT_MS });
    await waitUntil('the status bar to show no findings', async () => (await statusItem(page, STATUS_ID).innerText()).trim() === 'Cloudline');
    assert.match((await statusItem(page, STATUS_ID).getAttribute('aria-label')) ?? '', /no customer-side findings in this file/);
  });

  it('opens a Terraform HCL file (.tf) and draws the squiggle, with the finding in the Problems panel', async () => {
    await quickOpen(page, 'terraform-hcl/main.tf');
    await page.locator('.tabs-container .tab.active', { hasText: 'main.tf' }).waitFor({ timeout: WAIT_MS });
    const squiggle = activeEditor(page).locator('.squiggly-error');
    await squiggle.first().waitFor({ timeout: WAIT_MS });
    assert.equal(await squiggle.count(), 1);
    // The CodeLens above the resource, as for the other formats. Read while the editor has focus: VS Code fetches
    // lenses on a debounce (at least 250 ms) and cancels that fetch when the editor text loses focus, until it gets
    // focus back (the Problems panel below takes it). A user sees the lens once they are in the file again.
    assert.equal(await lensText(page), 'PaaS · Amazon RDS · 1 customer-side finding');
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'CL-AWS-004' });
    await problem.waitFor({ timeout: WAIT_MS });
    const text = (await problem.innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
    assert.deepEqual(text, [MESSAGE.replace('ReportsDb', 'aws_db_instance.reports').replace('PubliclyAccessible', 'publicly_accessible'), 'cloudline', 'CL-AWS-004', '[Ln 10, Col 37]']);
    await goTo(page, 10, 38);
    await screenshot(page, 'finding-terraform-hcl.png');
    await page.keyboard.press('Control+J');
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: WAIT_MS });
  });

  it('shows every resource by service model in the "Cloudline: Responsibility" view after Scan Workspace', async () => {
    await runCommand(page, 'Cloudline: Scan Workspace');
    await page.locator('.notifications-toasts', { hasText: 'Cloudline: 7 customer-side findings in 6 IaC files.' }).waitFor({ timeout: WAIT_MS });
    const header = page.locator('.pane-header', { hasText: 'Cloudline: Responsibility' });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const folders = page.locator('.pane-header', { hasText: 'workspace' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    // Widen the side bar so the resources' types and files are readable.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width + 1;
      await page.mouse.move(x, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(x + 230, sidebar.y + sidebar.height / 2, { steps: 8 });
      await page.mouse.up();
    }
    const view = page.locator('.pane', { has: header });
    const row = (text: string) => view.locator('.monaco-list-row', { hasText: text }).first();
    await row('Pod/shop/debug').waitFor({ timeout: WAIT_MS });
    // Open the Pod's findings.
    await row('Pod/shop/debug').locator('.monaco-tl-twistie').click();
    await row('CL-K8S-001').waitFor({ timeout: WAIT_MS });
    const rows = (await view.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((s) => s.trim());
    for (const expected of [
      'PaaS — you configure the platform',
      'Amazon RDS',
      'AWS::RDS::DBInstance in cloudformation/database.yaml: 0 customer-side findings',
      'AWS::RDS::DBInstance in cloudformation/database.json: 1 customer-side finding',
      'aws_db_instance in terraform/main.tf.json: 1 customer-side finding',
      'aws_db_instance in terraform-hcl/main.tf: 1 customer-side finding',
      'Hybrid — managed control plane, your workloads',
      'Managed Kubernetes (workloads)',
      'Pod in kubernetes/debug-pod.yaml: 3 customer-side findings',
    ]) {
      assert.ok(rows.some((r) => r.startsWith(expected)), `the view lists "${expected}":\n${rows.join('\n')}`);
    }
    const findings = await view.locator('.monaco-list-row', { hasText: 'CL-K8S-' }).allInnerTexts();
    assert.equal(findings.length, 3, findings.join('\n'));
    await page.mouse.move(5, 5);
    await screenshot(page, 'responsibility-view.png');
    // A finding in the view goes to its place in the file.
    await row('CL-K8S-001').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'debug-pod.yaml' }).waitFor({ timeout: WAIT_MS });
    await page.locator('.statusbar-item', { hasText: 'Ln 22, Col 21' }).waitFor({ timeout: WAIT_MS });
    await waitUntil('the status bar to count the Pod\'s findings', async () => (await statusItem(page, STATUS_ID).innerText()).trim() === '3 customer-side');
  });

  it('lists the findings in risk order under "Backlog" in the Responsibility view, and a row opens its finding', async () => {
    const header = page.locator('.pane-header', { hasText: 'Cloudline: Responsibility' });
    const view = page.locator('.pane', { has: header });
    const backlog = view.locator('.monaco-list-row', { hasText: 'Backlog — what to fix first' }).first();
    await backlog.waitFor({ timeout: WAIT_MS });
    assert.match(await backlog.innerText(), /7 findings by risk/);
    // Collapse the by-model tree's nodes so the backlog's rows fit, then open the backlog.
    for (const model of ['PaaS — you configure the platform', 'Hybrid — managed control plane, your workloads']) {
      const row = view.locator('.monaco-list-row', { hasText: model }).first();
      if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
    }
    await backlog.locator('.monaco-tl-twistie').click();
    await view.locator('.monaco-list-row', { hasText: '7. CL-' }).waitFor({ timeout: WAIT_MS });
    // Each row: the label (rank, rule, resource), then severity, owner, quick-fix marker and why it is there.
    const rows = (await view.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => /^\d+\. CL-/.test(t));
    const network = 'network exposure: it decides what is reachable, from the internet or the network.';
    const none = 'no direct exposure (not network, identity or a data store).';
    // The highs first, network exposure (the public databases, tied and in file order) before the privileged container;
    // then the mediums, the Pod's missing NetworkPolicy (network) before its privilege escalation.
    assert.deepEqual(rows, [
      `1. CL-AWS-004 ReportsDbhigh · owner: yours · quick-fix — High severity; ${network}`,
      `2. CL-AWS-004 aws_db_instance.reportshigh · owner: yours · quick-fix — High severity; ${network}`,
      `3. CL-AWS-004 aws_db_instance.reportshigh · owner: yours · quick-fix — High severity; ${network}`,
      `4. CL-AWS-004 aws_db_instance.reportshigh · owner: yours · no quick-fix — High severity; ${network}`,
      `5. CL-K8S-001 Pod/shop/debughigh · owner: yours · quick-fix — High severity; ${none}`,
      `6. CL-K8S-053 Pod/shop/debugmedium · owner: yours · no quick-fix — Medium severity; ${network}`,
      `7. CL-K8S-002 Pod/shop/debugmedium · owner: yours · no quick-fix — Medium severity; ${none}`,
    ]);
    await view.locator('.monaco-list-row', { hasText: '1. CL-AWS-004' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'database.json' }).waitFor({ timeout: WAIT_MS });
    await page.locator('.statusbar-item', { hasText: 'Ln 14, Col 31' }).waitFor({ timeout: WAIT_MS });
  });

  it('shows the responsibility report in a panel, and a click on a location in it opens the file there', async () => {
    await runCommand(page, 'Cloudline: Show Responsibility Report');
    await page.locator('.tabs-container .tab.active', { hasText: 'Cloudline Responsibility Report' }).waitFor({ timeout: WAIT_MS });
    // The page is in the webview's inner frame (code-server: iframe.webview, then #active-frame).
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await report.locator('h1', { hasText: 'Cloudline responsibility report' }).waitFor({ timeout: WAIT_MS });
    await report.locator('h2', { hasText: 'Remediation backlog' }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'report-panel.png');
    const link = report.locator('a.loc[data-file="kubernetes/debug-pod.yaml"][data-line="22"]').first();
    assert.equal((await link.innerText()).trim(), 'kubernetes/debug-pod.yaml:22');
    await link.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'debug-pod.yaml' }).waitFor({ timeout: WAIT_MS });
    await page.locator('.statusbar-item', { hasText: 'Ln 22, Col 21' }).waitFor({ timeout: WAIT_MS });
  });

  if (process.env.CLOUDLINE_E2E_INJECT_FAILURE) {
    it('fails on purpose (CLOUDLINE_E2E_INJECT_FAILURE is set)', () => {
      assert.fail('injected failure: the run must exit non-zero');
    });
  }
});

describe('Cloudline UI: the packaged extension in a folder that is not trusted', function () {
  this.timeout(4 * WAIT_MS);
  let server: Running | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    ({ server, browser, page } = await session('untrusted'));
  });
  let failed = false;
  afterEach(async function () {
    if (await onFailure(this, page)) failed = true;
  });
  after(async () => {
    await browser?.close();
    if (failed) server?.saveLogs(join(LOGS, 'ui-untrusted-vscode-logs'));
    await server?.stop();
  });

  it('runs in Restricted Mode and still lints: squiggle, Problems row, status bar item', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: WAIT_MS });
    await quickOpen(page, 'kubernetes/debug-pod.yaml');
    await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'CL-K8S-001' });
    await problem.waitFor({ timeout: WAIT_MS });
    assert.match(await problem.innerText(), /\[Ln 22, Col 21\]/);
    await waitUntil('the status bar item', async () => (await statusItem(page, STATUS_ID).innerText()).trim() === '3 customer-side');
  });
});
