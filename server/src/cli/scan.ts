// Scanning paths from a terminal: walk directories, read candidate files, lint them together.
import { readFileSync } from 'node:fs';
import { InputError } from '../engine/files';
import { join, relative, sep } from 'node:path';
import type { Catalogue } from '../engine/catalogue';
import { lintFiles, type LintConfig, type LintResult } from '../engine/lint';
import { parseFile, type ParsedFile } from '../model/parse';

export { collectFiles, InputError, SKIPPED_DIRS } from '../engine/files';

export interface ScanResult {
  /** Files that are one of our formats, with their findings. */
  readonly results: LintResult[];
  /** How many candidate files were read. */
  readonly scanned: number;
}

/** Reads and lints files; cross-file checks see all of them. */
export function scanFiles(
  files: readonly string[],
  catalogue: Catalogue,
  config: LintConfig,
  cwd = process.cwd(),
  progress?: (done: number, total: number) => void,
): ScanResult {
  const parsed: ParsedFile[] = [];
  for (const [i, file] of files.entries()) {
    progress?.(i, files.length);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const shown = relative(cwd, file).split(sep).join('/') || file;
    const p = parseFile(shown, text);
    if (p.isIac) parsed.push(p);
  }
  progress?.(files.length, files.length);
  return { results: lintFiles(parsed, catalogue, config), scanned: files.length };
}
