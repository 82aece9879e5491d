// What the report's webview may ask of the extension, checked: the page is untrusted input (it shows text from the
// workspace's files), so a message opens a file only when it names one of the files the report itself names (the
// server's map of names to URIs), that file is a `file:` URI inside a workspace folder, and its position is a plain
// 1-based line and column. No `vscode` import: unit-tested as it is (test/unit/report-link.test.ts).

/** Where to go: a file URI and a 0-based position. */
export interface LinkTarget {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

const MAX_POSITION = 10_000_000;

function position(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_POSITION ? value : undefined;
}

/** Whether a `file:` URI is inside (or is) one of the folder URIs, with no `.`/`..` segment or encoded separator. */
export function insideFolders(uri: string, folders: readonly string[]): boolean {
  if (!uri.startsWith('file:///') && !uri.startsWith('file://')) return false;
  if (/%2f|%5c|\\/i.test(uri)) return false;
  const segments = uri.slice('file://'.length).split('/');
  if (segments.some((s) => s === '.' || s === '..' || /^%2e%2e$|^\.%2e$|^%2e\.$|^%2e$/i.test(s))) return false;
  return folders.some((f) => {
    const folder = f.endsWith('/') ? f : f + '/';
    return uri.startsWith(folder) && uri.length > folder.length;
  });
}

/**
 * The target of a webview message `{ type: 'open', file, line, column }`, or undefined when the message is anything
 * else: not that shape, a file the report does not name, a URI outside the workspace folders, a position that is not
 * a positive integer.
 */
export function reportLinkTarget(message: unknown, files: Readonly<Record<string, string>>, folders: readonly string[]): LinkTarget | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type !== 'open' || typeof m.file !== 'string' || !Object.prototype.hasOwnProperty.call(files, m.file)) return undefined;
  const uri = files[m.file];
  const line = position(m.line);
  const column = position(m.column) ?? 1;
  if (typeof uri !== 'string' || line === undefined || !insideFolders(uri, folders)) return undefined;
  return { uri, line: line - 1, character: column - 1 };
}
