// "Fix all Cloudline problems in this file": apply every safe fix, re-lint, repeat, then send one minimal edit.
import type { Catalogue } from '../engine/catalogue';
import { applyEdits, type TextEdit } from '../engine/edits';
import { lintFile, lintFiles, type Finding, type LintConfig } from '../engine/lint';
import { parseFile, type ParsedFile } from '../model/parse';

/** Passes before giving up: each pass applies fixes that do not touch each other (as ESLint does). */
const MAX_PASSES = 10;

/** A fix fix-all applied: the finding it fixes, at its offset in the text fix-all was given. */
export interface AppliedFix {
  readonly finding: Finding;
  /** Where the finding starts in the original text (a finding of a later pass, inside text an earlier pass inserted: that insertion's start). */
  readonly offset: number;
}

export interface FixAllOptions {
  /** Other files linted with this one (the CLI's scan: a Terraform module's other files), so cross-file checks see them. */
  readonly context?: readonly ParsedFile[];
  /** Filled with the fixes in the returned text, in the order they were applied. */
  readonly applied?: AppliedFix[];
  /** Only fixes of findings this accepts are applied (default: all). */
  readonly accept?: (finding: Finding) => boolean;
  /**
   * Also apply fixes with a `caution` (one that replaces the resource, or that clients must follow). By default they
   * are left out: fix-all runs unattended (on save, `cloudline fix` in CI), and such a change needs a person; each
   * stays a quick-fix of its own.
   */
  readonly cautions?: boolean;
}

/**
 * The text after applying every non-snippet fix of the file (without a caution, unless `cautions`), or undefined when
 * there is nothing to fix.
 * Fixes that touch the same place are applied in later passes, after a re-lint, so they never collide
 * (two fixes adding the same missing block become one block with both settings).
 */
export function fixAllText(uri: string, text: string, catalogue: Catalogue, config: LintConfig = {}, options: FixAllOptions = {}): string | undefined {
  let current = text;
  let previous = text;
  // Each applied pass: its edits (in the text before it) and the findings it fixed (offsets in that text).
  const passes: { edits: TextEdit[]; fixed: AppliedFix[] }[] = [];
  const lint = (t: string) => {
    const file = parseFile(uri, t);
    return options.context?.length ? lintFiles([file, ...options.context], catalogue, config)[0] : lintFile(file, catalogue, config);
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = lint(current);
    if (result.problems.length) {
      // A pass that broke the text is dropped: fix-all never hands back a file that does not parse.
      if (current !== previous) passes.pop();
      current = previous;
      break;
    }
    const accepted: TextEdit[] = [];
    const fixed: AppliedFix[] = [];
    for (const f of result.findings) {
      const fix = f.fixes[0];
      if (!fix || fix.snippet || (fix.caution && !options.cautions) || (options.accept && !options.accept(f))) continue;
      const clash = fix.edits.some((e) => accepted.some((a) => e.start <= a.end && a.start <= e.end));
      if (!clash) {
        accepted.push(...fix.edits);
        fixed.push({ finding: f, offset: f.span[0] });
      }
    }
    if (accepted.length === 0) break;
    const next = applyEdits(current, accepted);
    if (next === current) break;
    passes.push({ edits: accepted, fixed });
    previous = current;
    current = next;
  }
  if (current !== text && current !== previous && parseFile(uri, current).problems.length) {
    passes.pop();
    current = previous;
  }
  if (options.applied) {
    for (const [i, pass] of passes.entries()) {
      for (const a of pass.fixed) options.applied.push({ finding: a.finding, offset: passes.slice(0, i).reduceRight((o, p) => offsetBefore(o, p.edits), a.offset) });
    }
  }
  return current === text ? undefined : current;
}

/**
 * The offset in the text before `edits` (disjoint) were applied of `offset` in the text after: shifted back by the
 * edits before it; inside an edit's new text, that edit's start.
 */
function offsetBefore(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const start = e.start + delta;
    if (offset < start) break;
    if (offset < start + e.text.length) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
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
