// Scanning paths from a terminal: walk directories, read candidate files, lint them together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Catalogue } from '../engine/catalogue';
import { lintFiles, type LintConfig, type LintResult } from '../engine/lint';
import { parseFile, type ParsedFile } from '../model/parse';

/** Folders never worth walking into. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);

const CANDIDATE = /\.(ya?ml|json|template)$/i;

/** An input the CLI could not use: it exits 2 and names the file. */
export class InputError extends Error {}

/** Every candidate file under `paths` (files given explicitly are taken whatever their name). */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      throw new InputError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    for (const name of names) {
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue; // a dangling link inside a tree is not the user's input
      }
      if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full);
      } else if (st.isFile() && CANDIDATE.test(name)) {
        out.push(full);
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

export interface ScanResult {
  /** Files that are one of our formats, with their findings. */
  readonly results: LintResult[];
  /** How many candidate files were read. */
  readonly scanned: number;
}

/** Reads and lints files; cross-file checks see all of them. */
export function scanFiles(files: readonly string[], catalogue: Catalogue, config: LintConfig, cwd = process.cwd()): ScanResult {
  const parsed: ParsedFile[] = [];
  for (const file of files) {
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
  return { results: lintFiles(parsed, catalogue, config), scanned: files.length };
}
