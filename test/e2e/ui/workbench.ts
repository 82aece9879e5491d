// Driving the VS Code workbench as a user would (keyboard first), with bounded waits on what is on screen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../codeserver';

/** Every wait on the page is bounded by this (CI machines are slow; a wait returns as soon as its condition holds). */
export const WAIT_MS = Number(process.env.CLOUDLINE_E2E_BOUND_MS ?? 30_000);

/** Where the suite saves its pictures: out/e2e/screenshots, or CLOUDLINE_SCREENSHOTS (`npm run screenshots`: docs/images). */
export function screenshotDir(): string {
  return process.env.CLOUDLINE_SCREENSHOTS ? join(ROOT, process.env.CLOUDLINE_SCREENSHOTS) : join(ROOT, 'out', 'e2e', 'screenshots');
}

/** A picture of the whole window (or of `clip` in it), with transitions finished (no half-faded highlights). */
export async function screenshot(
  page: Page,
  name: string,
  dir = screenshotDir(),
  clip?: { x: number; y: number; width: number; height: number },
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await page.screenshot({ path, animations: 'disabled', clip });
  return path;
}

/** Loads the workbench on `folder` and waits until the Explorer shows it. */
export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT_MS });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WAIT_MS });
}

/** Ctrl+P, the file's name, and Enter once its row is listed. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(name);
  // Enter only once the first row is that file in that folder (`terraform-hcl/main.tf` must not take
  // `terraform/main.tf.json`, nor a row left from the recently opened list while the file search catches up).
  const base = name.split('/').at(-1)!;
  const dir = name.split('/').slice(0, -1).join('/');
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  let seen = '';
  await waitUntil(`Ctrl+P to list ${name} first`, async () => {
    seen = (await first.innerText()).replace(/\s+/g, ' ').trim();
    // The row reads label then folder with no space between ("database.yamlcloudformation file results").
    return dir ? seen.startsWith(`${base}${dir}`) : seen.startsWith(base) && !/^[.\w-]/.test(seen.slice(base.length));
  }).catch((e: Error) => {
    throw new Error(`${e.message} (the first row reads ${JSON.stringify(seen)})`);
  });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name.split('/').at(-1)! }).waitFor({ timeout: WAIT_MS });
}

/** F1, the command's title, and Enter once it is the first row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Puts the cursor at a 1-based line and column with Ctrl+G and waits for the status bar to show it. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: WAIT_MS });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: WAIT_MS });
}

/** The visible text of the active editor's lines (Monaco renders non-breaking spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await activeEditor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

export function statusItem(page: Page, id: string): Locator {
  return page.locator(`.statusbar-item[id="${id}"]`);
}

/** Waits until `probe` holds, polling (for conditions no single locator expresses). */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The text of the active editor's first CodeLens, once it has some: Monaco inserts the lens's line before the lens
 * text is rendered into it, so reading it as soon as it exists can give an empty string (seen on a loaded machine).
 * Call it while the editor has focus: VS Code cancels a pending lens fetch when the editor text loses focus.
 */
export async function lensText(page: Page): Promise<string> {
  const lens = activeEditor(page).locator('.codelens-decoration').first();
  let text = '';
  await waitUntil('a CodeLens with text in the active editor', async () => {
    text = (await lens.innerText({ timeout: 1000 })).replace(/\u00a0/g, ' ').trim();
    return text !== '';
  });
  return text;
}
