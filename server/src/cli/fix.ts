// `cloudline fix [paths…]`: applies every safe quick-fix in place, through the editor's fix-all (service/fixall.ts),
// and says what it changed; `--dry-run` prints a unified diff and writes nothing.
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Catalogue } from '../engine/catalogue';
import { decodeText, reasonOf } from '../engine/files';
import { lintFilesAsync, type Finding, type LintConfig, type LintResult } from '../engine/lint';
import { severityRank, type Severity } from '../engine/rule';
import { parseFile, type ParsedFile } from '../model/parse';
import { fixAllText, type AppliedFix } from '../service/fixall';
import { escapeText, problemsOf, visible } from './report';
import { unifiedDiff } from './unified-diff';

export interface FixRun {
  /** The scan's results (files as the scan read them). */
  readonly results: readonly LintResult[];
  /** The lint options of the scan (options file and --rules). */
  readonly config: LintConfig;
  /** Fix, and count as remaining, only findings at or above this severity. */
  readonly severity: Severity;
  readonly dryRun: boolean;
  /** --allow-side-effects: also apply fixes with a caution (replacing the resource, clients that must change…). */
  readonly allowSideEffects?: boolean;
  /** Called just before a file is replaced (tests change the file here to check it is then left alone). */
  readonly beforeWrite?: (path: string) => void;
}

/** One fixed (or, with --dry-run, fixable) file. */
interface FileFix {
  readonly result: LintResult;
  readonly after: string;
  readonly applied: readonly AppliedFix[];
}

/** The text re-encoded as the file was: UTF-16 (LE or BE) when it starts with that byte-order mark, else UTF-8. */
function encodeLike(text: string, like: Buffer): Buffer {
  if (like.length >= 2 && like[0] === 0xff && like[1] === 0xfe) return Buffer.from(text, 'utf16le');
  if (like.length >= 2 && like[0] === 0xfe && like[1] === 0xff) return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}

/** What a file is now: its bytes and the stat that says whether it changed. */
function snapshot(path: string): { bytes: Buffer; size: number; mtimeMs: number; ino: number; mode: number; nlink: number } {
  const st = statSync(path);
  return { bytes: readFileSync(path), size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, mode: st.mode, nlink: st.nlink };
}

/** Replaces the file with `data` atomically: a temporary file beside it with the same mode, renamed over it. */
function replaceFile(path: string, data: Buffer, mode: number): void {
  // A name no one else uses: created exclusively ('wx'), another tried if taken. (No `crypto`: the CLI bundle imports
  // no module beyond files and paths, see test/robustness/safety.test.ts.)
  let tmp = '';
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = join(dirname(path), `.${basename(path)}.cloudline-${process.pid}-${Date.now().toString(36)}-${attempt}.tmp`);
    try {
      fd = openSync(tmp, 'wx', mode & 0o7777);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw e;
    }
  }
  try {
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The umask may have narrowed the mode at creation.
    chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/**
 * Why a file cannot be rewritten as it was read, or undefined: its text is not what the scan read (changed since), or
 * its bytes do not decode and encode back the same (not UTF-8 or UTF-16), or it has other hard links (replacing it
 * would split them).
 */
function unfit(result: LintResult, snap: ReturnType<typeof snapshot>): string | undefined {
  if (decodeText(snap.bytes) !== result.file.text) return 'it changed since it was read';
  if (!encodeLike(result.file.text, snap.bytes).equals(snap.bytes)) return 'its bytes are not valid UTF-8 or UTF-16 text, so it could not be written back unchanged around the fix';
  if (snap.nlink > 1) return `it has ${snap.nlink} hard links (replacing it would split them)`;
  return undefined;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/**
 * Fixes the scanned files (or, with dryRun, writes their diff to `out`) and reports what changed; returns the exit
 * code: 0 when no finding at or above the severity and no syntax error remains in the files as they now are, else 1.
 */
export async function runFix(run: FixRun, catalogue: Catalogue, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  // Fix only findings at or above --severity (as well as the options file's minimumSeverity).
  const configured = run.config.minimumSeverity ?? 'info';
  const config: LintConfig = { ...run.config, minimumSeverity: severityRank(run.severity) > severityRank(configured) ? run.severity : configured };
  const min = severityRank(config.minimumSeverity!);
  // The list goes to stdout when fixing; with --dry-run stdout carries the diff only (for `git apply`), the list stderr.
  const say = run.dryRun ? err : out;
  const fixes: FileFix[] = [];
  const skipped = new Set<LintResult>();
  const snapshots = new Map<LintResult, { path: string; snap: ReturnType<typeof snapshot> }>();
  // Fixes that do more than change the setting (a caution: the resource is replaced, clients must change) are left to
  // a person unless --allow-side-effects: listed, never applied silently.
  const cautioned: { result: LintResult; finding: Finding }[] = [];
  for (const result of run.results) {
    const candidates = result.findings.filter((f) => severityRank(f.severity) >= min && f.fixes[0] && !f.fixes[0].snippet);
    const fixable = run.allowSideEffects ? candidates : candidates.filter((f) => !f.fixes[0].caution);
    if (!run.allowSideEffects && !result.problems.length) for (const f of candidates) if (f.fixes[0].caution) cautioned.push({ result, finding: f });
    if (fixable.length === 0 || result.problems.length) continue;
    const shown = escapeText(result.file.uri);
    let path: string;
    let snap: ReturnType<typeof snapshot>;
    try {
      // A link is followed: the file it leads to is rewritten, the link stays a link.
      path = realpathSync(resolve(result.file.uri));
      snap = snapshot(path);
    } catch (e) {
      err(`cloudline: ${shown}: not fixed: ${reasonOf(e)}\n`);
      skipped.add(result);
      continue;
    }
    const why = unfit(result, snap);
    if (why) {
      err(`cloudline: ${shown}: not fixed: ${why}\n`);
      skipped.add(result);
      continue;
    }
    // Only fixes of findings the whole scan reported (its checks saw every file). A Terraform file is re-linted with
    // the other Terraform files of its directory (its module) around it; other files alone, as the editor's fix-all.
    const keys = new Set(fixable.map((f) => `${f.rule.id}\u0000${f.resource.id}`));
    const dir = dirname(result.file.uri);
    const terraform = (r: LintResult) => r.file.docs.some((d) => d.format === 'terraform');
    const context = terraform(result) ? run.results.filter((r) => r !== result && terraform(r) && dirname(r.file.uri) === dir).map((r) => r.file) : [];
    const applied: AppliedFix[] = [];
    const after = fixAllText(result.file.uri, result.file.text, catalogue, config, { context, applied, cautions: run.allowSideEffects, accept: (f) => keys.has(`${f.rule.id}\u0000${f.resource.id}`) });
    if (after === undefined || applied.length === 0) continue;
    fixes.push({ result, after, applied });
    snapshots.set(result, { path, snap });
  }

  const written = new Set<LintResult>();
  let count = 0;
  for (const fix of fixes) {
    const { result, after, applied } = fix;
    const shown = escapeText(result.file.uri);
    if (run.dryRun) out(unifiedDiff(shown, result.file.text, after));
    else {
      const { path, snap } = snapshots.get(result)!;
      try {
        run.beforeWrite?.(path);
        // Only a file whose content did not change since it was read is replaced.
        const now = snapshot(path);
        if (now.size !== snap.size || now.mtimeMs !== snap.mtimeMs || now.ino !== snap.ino || !now.bytes.equals(snap.bytes)) {
          err(`cloudline: ${shown}: not fixed: it changed since it was read\n`);
          skipped.add(result);
          continue;
        }
        replaceFile(path, encodeLike(after, snap.bytes), snap.mode);
      } catch (e) {
        err(`cloudline: ${shown}: not fixed: ${reasonOf(e)}\n`);
        skipped.add(result);
        continue;
      }
      written.add(result);
    }
    count += applied.length;
    say(`${shown}: ${run.dryRun ? 'would fix' : 'fixed'} ${plural(applied.length, 'finding')}\n`);
    for (const a of [...applied].sort((x, y) => x.offset - y.offset)) {
      const line = result.file.lines.positionAt(a.offset).line + 1;
      say(`  ${shown}:${line}  ${a.finding.rule.id}  ${escapeText(a.finding.resource.id)}  ${escapeText(a.finding.fixes[0].title)}\n`);
    }
  }

  if (cautioned.length) {
    say(`Left to you (${plural(cautioned.length, 'fix', 'fixes')} with a side effect; --allow-side-effects applies them):\n`);
    for (const { result, finding } of cautioned) {
      const shown = escapeText(result.file.uri);
      const line = result.file.lines.positionAt(finding.span[0]).line + 1;
      say(`  ${shown}:${line}  ${finding.rule.id}  ${escapeText(finding.resource.id)}  ${escapeText(finding.fixes[0].title)}\n`);
    }
  }

  // What remains in the files as they now are (with --dry-run: as they were): the scan's lint, re-run on the fixed texts.
  let remaining: readonly LintResult[] = run.results;
  if (written.size) {
    const fixedText = new Map(fixes.filter((f) => written.has(f.result)).map((f) => [f.result, f.after]));
    const files: ParsedFile[] = run.results.map((r) => (fixedText.has(r) ? parseFile(r.file.uri, fixedText.get(r)!) : r.file));
    remaining = (await lintFilesAsync(files, catalogue, run.config)) ?? run.results;
  }
  const left = visible(remaining, run.severity).length;
  const problems = problemsOf(remaining).length;
  const files = new Set(fixes.filter((f) => run.dryRun || written.has(f.result)).map((f) => f.result)).size;
  const done = count === 0 ? 'Nothing to fix' : `${run.dryRun ? 'Would fix' : 'Fixed'} ${plural(count, 'finding')} in ${plural(files, 'file')}`;
  const rest = [left ? `${plural(left, 'finding')} at or above ${run.severity} ${run.dryRun ? 'in the files as they are' : left === 1 ? 'remains' : 'remain'}` : '', problems ? plural(problems, 'syntax error') : '', skipped.size ? `${plural(skipped.size, 'file')} not fixed (said above)` : '', cautioned.length ? `${plural(cautioned.length, 'fix', 'fixes')} left to you (listed above)` : '']
    .filter(Boolean)
    .join('; ');
  say(`${done}${rest ? `; ${rest}` : ''}.\n`);
  return left > 0 || problems > 0 ? 1 : 0;
}
