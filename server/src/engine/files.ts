// Finding candidate IaC files on disk: used by the CLI and by the editor's workspace scan.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never worth walking into. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);

const CANDIDATE = /\.(ya?ml|json|template|tf|tfvars)$/i;

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

