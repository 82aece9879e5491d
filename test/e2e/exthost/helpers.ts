// Helpers for the extension-host suite: bounded polling (never a fixed sleep), documents of the workspace copy, and
// Cloudline diagnostics in a comparable shape.
import { format } from 'node:util';
import * as vscode from 'vscode';
import { TAG } from './tag';

/** The code-server driver shows only tagged console lines; elsewhere (desktop VS Code) lines print as they are. */
export const PREFIX = process.env.CLOUDLINE_E2E_TAGGED ? TAG : '';
export function log(...args: unknown[]): void {
  console.log(`${PREFIX}${format(...args)}`);
}

/** Workspace Trust as the driver set it up: `disabled` (trust off) or `untrusted` (Restricted Mode). */
export const TRUST = process.env.CLOUDLINE_E2E_TRUST === 'untrusted' ? 'untrusted' : 'disabled';

/** How long any single wait may take: generous, because CI machines are slow; waits return as soon as they can. */
export const BOUND_MS = Number(process.env.CLOUDLINE_E2E_BOUND_MS ?? 30_000);

/**
 * Polls `probe` every 100 ms until it returns something other than `undefined`/`false`, or fails after `timeoutMs`
 * with `what` and the last error the probe threw (so a failing assertion inside the probe explains itself).
 */
export async function until<T>(what: string | (() => string), probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = BOUND_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `\n${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function show(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Throws away unsaved changes to `doc` (the workspace copy on disk stays as the fixture). */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await until(`${vscode.workspace.asRelativePath(doc.uri)} to be reverted`, () => !doc.isDirty);
}

export function cloudline(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cloudline');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export interface Expected {
  readonly code: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based as in the API. */
  readonly range: readonly [number, number, number, number];
  readonly severity: 'Error' | 'Warning' | 'Information' | 'Hint';
  readonly message: string;
}

/** A diagnostic as an `Expected`, for deep equality. */
export function shape(d: vscode.Diagnostic): Expected {
  return {
    code: codeOf(d) ?? '',
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    severity: vscode.DiagnosticSeverity[d.severity] as Expected['severity'],
    message: d.message,
  };
}

export function shapes(uri: vscode.Uri): Expected[] {
  return cloudline(uri)
    .map(shape)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

export function codes(uri: vscode.Uri): string[] {
  return cloudline(uri).map((d) => codeOf(d) ?? '').sort();
}

export function rangeOf(r: Expected['range']): vscode.Range {
  return new vscode.Range(r[0], r[1], r[2], r[3]);
}

/** Plain text of a hover's contents. */
export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** The hovers at a position whose text contains `marker` (other extensions' hovers are ignored). */
export async function hoverWith(uri: vscode.Uri, position: vscode.Position, marker: string): Promise<vscode.Hover> {
  return until(`a hover containing "${marker}" at ${position.line}:${position.character}`, async () => {
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
    return hovers.find((h) => hoverText(h).includes(marker));
  });
}

/** The code actions at `range` (optionally of a kind), polled until one satisfies `pick`. */
export async function actionWhere(
  uri: vscode.Uri,
  range: vscode.Range,
  pick: (a: vscode.CodeAction) => boolean,
  kind?: string,
): Promise<vscode.CodeAction> {
  let seen: string[] = [];
  return until(() => `a matching code action at ${range.start.line}:${range.start.character} (offered: ${seen.join(' | ') || 'none'})`, async () => {
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    // A bare Command has a string `command`; a CodeAction has a title and an optional Command object.
    const codeActions = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
    seen = codeActions.map((a) => a.title);
    return codeActions.find(pick);
  });
}
