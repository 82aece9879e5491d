// "Fix all Cloudline problems in this file": apply every safe fix, re-lint, repeat, then send one minimal edit.
import type { Catalogue } from '../engine/catalogue';
import { applyEdits, type TextEdit } from '../engine/edits';
import { lintFile, type LintConfig } from '../engine/lint';
import { parseFile } from '../model/parse';

/** Passes before giving up: each pass applies fixes that do not touch each other (as ESLint does). */
const MAX_PASSES = 10;

/**
 * The text after applying every non-snippet fix of the file, or undefined when there is nothing to fix.
 * Fixes that touch the same place are applied in later passes, after a re-lint, so they never collide
 * (two fixes adding the same missing block become one block with both settings).
 */
export function fixAllText(uri: string, text: string, catalogue: Catalogue, config: LintConfig = {}): string | undefined {
  let current = text;
  let previous = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = lintFile(parseFile(uri, current), catalogue, config);
    if (result.problems.length) {
      // A pass that broke the text is dropped: fix-all never hands back a file that does not parse.
      current = previous;
      break;
    }
    const accepted: TextEdit[] = [];
    for (const f of result.findings) {
      const fix = f.fixes[0];
      if (!fix || fix.snippet) continue;
      const clash = fix.edits.some((e) => accepted.some((a) => e.start <= a.end && a.start <= e.end));
      if (!clash) accepted.push(...fix.edits);
    }
    if (accepted.length === 0) break;
    const next = applyEdits(current, accepted);
    if (next === current) break;
    previous = current;
    current = next;
  }
  if (current !== text && current !== previous && parseFile(uri, current).problems.length) current = previous;
  return current === text ? undefined : current;
}

/** One edit that turns `before` into `after`: the changed middle, between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
