// The fix-safety property, shared by test/robustness/fixsafety.test.ts and scripts/fix-safety.ts: every quick-fix the
// language server offers, applied the way an LSP client applies a WorkspaceEdit (LSP ranges turned into offsets on the
// current text, no line-end normalisation), leaves a text that parses, loses the finding, gains no finding, changes no
// byte outside the finding's resource, and keeps the file's line ends. Fix-all is idempotent and parses.
import type { CodeAction, Command, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import type { Catalogue } from '../../server/src/engine/catalogue';
import { snippetDefaults } from '../../server/src/engine/edits';
import { lintFile, type Finding, type LintResult } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import type { Span } from '../../server/src/model/tree';
import { APPLY_SNIPPET_COMMAND, codeActions, FIX_ALL_KIND } from '../../server/src/service/actions';
import { toDiagnostics, type DiagnosticData } from '../../server/src/service/diagnostics';

export type ClientKind = 'plain' | 'snippet';

export type Cause =
  | 'literal-placeholder'
  | 'unsupported-command'
  | 'position-past-eol'
  | 'overlapping-edits'
  | 'parse'
  | 'finding-not-gone'
  | 'new-finding'
  | 'outside-resource'
  | 'other-resource'
  | 'line-ends'
  | 'fixall-parse'
  | 'fixall-idempotent'
  | 'fixall-line-ends';

export interface Failure {
  readonly cause: Cause;
  readonly origin: string;
  readonly detail: string;
}

export interface FileReport {
  /** Quick-fixes checked (suppressions included), per client kind. */
  readonly fixes: number;
  readonly suppressions: number;
  readonly fixAll: number;
  readonly failures: Failure[];
}

export interface CheckOptions {
  /** Which "suppress with a reason" actions to apply: all, the file's first one, or none. Default all. */
  readonly suppressions?: 'all' | 'first' | 'none';
  /** Check fix-all too (default true). It never uses snippets, so one client kind is enough. */
  readonly fixAll?: boolean;
}

export const DOC_URI = (slug: string): string => `file:///cloudline/docs/${slug}.md`;

/** The file's text with every lone `\n` turned into `\r\n` (undefined when it already has a `\r`). */
export function crlfTwin(text: string): string | undefined {
  return text.includes('\r') ? undefined : text.replace(/\n/g, '\r\n');
}

/** Line starts and content ends of a text, the way LSP counts lines (`\r\n`, `\n` and `\r` end a line). */
function lineTable(text: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      ends.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

/**
 * Applies LSP text edits as a client that does not normalise anything does (Neovim's `apply_text_edits`): a position is
 * the line's start plus its character. A position past the end of its line's content (into or past the line break) is
 * reported, and applied where it points.
 */
export function applyLspEdits(text: string, edits: readonly TextEdit[]): { text: string; problems: string[] } {
  const { starts, ends } = lineTable(text);
  const problems: string[] = [];
  const offset = (p: Position): number => {
    if (p.line >= starts.length) {
      problems.push(`position ${p.line}:${p.character} past the last line`);
      return text.length;
    }
    const at = starts[p.line] + p.character;
    if (at > ends[p.line]) problems.push(`position ${p.line}:${p.character} is past the end of its line (${ends[p.line] - starts[p.line]} characters)`);
    return Math.min(at, text.length);
  };
  const resolved = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }));
  resolved.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < resolved.length; i++) {
    if (resolved[i].start < resolved[i - 1].end) problems.push(`edits overlap at offset ${resolved[i].start}`);
  }
  let out = text;
  for (let i = resolved.length - 1; i >= 0; i--) {
    const e = resolved[i];
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return { text: out, problems };
}

/** Counts of each kind of line break. */
export function lineEnds(text: string): { crlf: number; lf: number; cr: number; crcr: number } {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let crcr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 13) crcr++;
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  return { crlf, lf, cr, crcr };
}

/** A sentence naming how `after` breaks the line ends of `before`, or undefined when it keeps them. */
export function lineEndProblem(before: string, after: string): string | undefined {
  const b = lineEnds(before);
  const a = lineEnds(after);
  if (a.crcr > b.crcr) return `"\\r\\r" appears (${b.crcr} → ${a.crcr})`;
  const total = b.crlf + b.lf + b.cr;
  if (total === 0) return undefined;
  const main = b.crlf >= b.lf && b.crlf >= b.cr ? 'crlf' : b.lf >= b.cr ? 'lf' : 'cr';
  for (const k of ['crlf', 'lf', 'cr'] as const) {
    if (k !== main && a[k] > b[k]) return `${k.toUpperCase()} line breaks added to a ${main.toUpperCase()} file (${b[k]} → ${a[k]})`;
  }
  return undefined;
}

/** What a finding is, independent of where it is and of its wording (a fix may change why another finding holds). */
function key(f: Finding): string {
  return `${f.rule.id}|${f.resource.id}`;
}

/**
 * Findings a fix may rightly bring out, because the fixed setting exempted the resource from another rule:
 * a pod on the host network is outside every NetworkPolicy, so CL-K8S-053 skips it until hostNetwork is false.
 */
const UNMASKS: Readonly<Record<string, readonly string[]>> = { 'CL-K8S-009': ['CL-K8S-053'] };

/**
 * Findings of other resources a fix may rightly resolve, because they depend on the fixed setting: an object without a
 * key of its own takes its bucket's default encryption, so CL-AWS-051's fix (SSE-KMS with a key of yours as the bucket
 * default) also ends CL-AWS-264's finding on the bucket's objects.
 */
const RESOLVES: Readonly<Record<string, readonly string[]>> = { 'CL-AWS-051': ['CL-AWS-264'] };

function counts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

/** Where the finding's resource is written: its document (Kubernetes) or its node, from the line of its ID. */
export function resourceSpan(result: LintResult, finding: Finding): Span | undefined {
  const lines = result.file.lines;
  // Written out here rather than taken from the engine (resourceBounds), so the property does not trust the code it checks.
  const bounds = (x: LintResult['resources'][number]): Span => {
    if (x.format === 'kubernetes') return x.doc.doc.span;
    const from = Math.min(x.node.span[0], x.anchor.span[0]);
    return [lines.lineStart(lines.positionAt(from).line), x.node.span[1]];
  };
  const candidates = result.resources.filter((x) => x.id === finding.resource.id && x.type === finding.resource.type);
  const r = candidates.find((x) => bounds(x)[0] <= finding.span[0] && finding.span[1] <= bounds(x)[1]) ?? candidates[0];
  return r ? bounds(r) : undefined;
}

function lspOffset(lines: LintResult['file']['lines'], p: Position): number {
  return lines.offsetAt(p);
}

function editsOf(action: CodeAction, uri: string, client: ClientKind): { edits: TextEdit[]; failure?: { cause: Cause; detail: string } } {
  if (action.edit) {
    const edits = action.edit.changes?.[uri] ?? [];
    const literal = edits.find((e) => /\$\{\d+(:|\})/.test(e.newText));
    if (literal && client === 'plain') return { edits, failure: { cause: 'literal-placeholder', detail: `an edit writes ${JSON.stringify(literal.newText.slice(0, 80))}` } };
    return { edits };
  }
  const command = action.command as Command | undefined;
  if (command?.command === APPLY_SNIPPET_COMMAND) {
    if (client === 'plain') return { edits: [], failure: { cause: 'unsupported-command', detail: `${APPLY_SNIPPET_COMMAND} sent to a client that did not announce it` } };
    // The VS Code client: (uri, version, range, snippet) inserted with the placeholders' defaults accepted.
    const [, , range, snippet] = command.arguments as [string, number, Range, string];
    return { edits: [{ range, newText: snippetDefaults(snippet) }] };
  }
  return { edits: [] };
}

/**
 * Checks every quick-fix and the fix-all of one text for one kind of client. `relint` caches lint results by text
 * (the two client kinds mostly produce the same texts).
 */
export function checkText(
  name: string,
  text: string,
  origin: string,
  catalogue: Catalogue,
  client: ClientKind,
  cache: Map<string, LintResult> = new Map(),
  options: CheckOptions = {},
): FileReport {
  const failures: Failure[] = [];
  const relint = (t: string): LintResult => {
    let r = cache.get(t);
    if (!r) {
      r = lintFile(parseFile(name, t), catalogue);
      cache.set(t, r);
    }
    return r;
  };
  const result = relint(text);
  let fixes = 0;
  let suppressions = 0;
  let fixAll = 0;
  if (!result.file.isIac) return { fixes, suppressions, fixAll, failures };
  const uri = name;
  const version = 7;
  const diagnostics: Diagnostic[] = toDiagnostics(result, version, DOC_URI);
  const ctx = { uri, version, result, catalogue, config: {}, snippets: client === 'snippet' };
  const fail = (cause: Cause, detail: string) => failures.push({ cause, origin: `${origin} [${client}]`, detail });
  const beforeProblems = result.problems.length;
  const beforeErrors = result.problems.some((p) => p.severity === 'error');
  const before = counts(result.findings);
  const lines = result.file.lines;

  for (const action of codeActions(ctx, diagnostics)) {
    const d = action.diagnostics?.[0];
    const data = d?.data as DiagnosticData | undefined;
    if (!d || !data || (!action.edit && action.command?.command !== APPLY_SNIPPET_COMMAND)) continue;
    const suppress = action.title.startsWith('Suppress ');
    const start = lspOffset(lines, d.range.start);
    const finding = result.findings.find((f) => f.rule.id === data.ruleId && f.span[0] === start && f.resource.id === data.resourceId);
    const label = `${data.ruleId} "${action.title}"`;
    if (!finding) {
      fail('finding-not-gone', `${label}: no finding for the diagnostic`);
      continue;
    }
    if (suppress) {
      if (options.suppressions === 'none' || (options.suppressions === 'first' && suppressions > 0)) continue;
      suppressions++;
    } else fixes++;
    const { edits, failure } = editsOf(action, uri, client);
    if (failure) {
      fail(failure.cause, `${label}: ${failure.detail}`);
      continue;
    }
    const applied = applyLspEdits(text, edits);
    for (const p of applied.problems) fail(p.includes('overlap') ? 'overlapping-edits' : 'position-past-eol', `${label}: ${p}`);
    const after = applied.text;
    // Bytes outside the resource: compare what precedes and follows the resource's span.
    const span = resourceSpan(result, finding);
    if (span) {
      const headSame = after.startsWith(text.slice(0, span[0]));
      const tail = text.slice(span[1]);
      const tailSame = after.endsWith(tail) && after.length - tail.length >= span[0];
      if (!headSame || !tailSame) {
        const changed = edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}`).join(', ');
        fail('outside-resource', `${label}: changes text outside ${finding.resource.id} (edits at ${changed})`);
      }
    }
    const le = lineEndProblem(text, after);
    if (le) fail('line-ends', `${label}: ${le}`);
    const again = relint(after);
    if (again.problems.length > beforeProblems || (!beforeErrors && again.problems.some((p) => p.severity === 'error'))) {
      const p = again.problems.find((x) => !result.problems.some((y) => y.message === x.message)) ?? again.problems[0];
      const at = again.file.lines.positionAt(p.span[0]);
      fail('parse', `${label}: the fixed text does not parse: ${at.line + 1}:${at.character + 1} ${p.message.slice(0, 120)}`);
      continue;
    }
    const afterCounts = counts(again.findings);
    if ((afterCounts.get(key(finding)) ?? 0) >= (before.get(key(finding)) ?? 0)) {
      fail('finding-not-gone', `${label}: the finding is still there`);
    }
    // A change to text an alias shares changes another resource too: none of its findings may go away.
    for (const [k, n] of before) {
      if (k.split('|')[1] === finding.resource.id || (afterCounts.get(k) ?? 0) >= n) continue;
      if (!suppress && RESOLVES[finding.rule.id]?.includes(k.split('|')[0])) continue;
      fail('other-resource', `${label}: a finding of another resource goes away: ${k.split('|').join(' on ')}`);
    }
    for (const [k, n] of afterCounts) {
      if (n <= (before.get(k) ?? 0)) continue;
      // A suppression the user completes: its missing reason is reported where it was written.
      if (suppress && client === 'plain' && k.startsWith('CL-GEN-001|')) continue;
      if (!suppress && UNMASKS[finding.rule.id]?.includes(k.split('|')[0])) continue;
      const example = again.findings.find((f) => key(f) === k);
      fail('new-finding', `${label}: a new finding appears: ${k.split('|').join(' on ')}: ${example?.message.slice(0, 100)}`);
    }
  }

  for (const action of options.fixAll === false ? [] : codeActions(ctx, [], [FIX_ALL_KIND])) {
    fixAll++;
    const edits = action.edit?.changes?.[uri] ?? [];
    const once = applyLspEdits(text, edits);
    for (const p of once.problems) fail('position-past-eol', `fix-all: ${p}`);
    const r1 = relint(once.text);
    if (r1.problems.length > beforeProblems || (!beforeErrors && r1.problems.some((p) => p.severity === 'error'))) {
      const p = r1.problems[r1.problems.length - 1];
      const at = r1.file.lines.positionAt(p.span[0]);
      fail('fixall-parse', `fix-all: the fixed text does not parse: ${at.line + 1}:${at.character + 1} ${p.message.slice(0, 120)}`);
      continue;
    }
    const le = lineEndProblem(text, once.text);
    if (le) fail('fixall-line-ends', `fix-all: ${le}`);
    const diags = toDiagnostics(r1, version + 1, DOC_URI);
    const second = codeActions({ ...ctx, version: version + 1, result: r1 }, diags, [FIX_ALL_KIND]).filter((a) => a.kind === FIX_ALL_KIND);
    if (second.length > 0) {
      const twice = applyLspEdits(once.text, second[0].edit?.changes?.[uri] ?? []).text;
      if (twice !== once.text) fail('fixall-idempotent', 'fix-all: applying it a second time changes the text again');
    }
  }
  return { fixes, suppressions, fixAll, failures };
}

/**
 * YAML variants of a CloudFormation YAML text that share a resource's Properties with a copy of the resource, the two
 * ways YAML allows: an alias (`Properties: *shared`) and a merge key written last (`<<: *shared`). A fix on either
 * resource must not edit the shared text (it is the other resource's too), nor land inside the anchor's text.
 */
export function aliasVariants(name: string, text: string): { text: string; what: string }[] {
  if (!/\.ya?ml$/i.test(name)) return [];
  const file = parseFile(name, text);
  if (file.problems.length) return [];
  const out: { text: string; what: string }[] = [];
  for (const d of file.docs) {
    if (d.format !== 'cloudformation' || d.doc.root?.kind !== 'map') continue;
    const resources = d.doc.root.pairs.find((p) => p.key.value === 'Resources')?.value;
    if (resources?.kind !== 'map' || resources.flow || resources.pairs.length === 0) continue;
    for (const res of resources.pairs) {
      const body = res.value;
      if (body.kind !== 'map' || body.flow) continue;
      const props = body.pairs.find((p) => p.key.value === 'Properties');
      const type = body.pairs.find((p) => p.key.value === 'Type')?.value;
      if (!props || props.value.kind !== 'map' || props.value.flow || props.value.pairs.length === 0 || type?.kind !== 'scalar') continue;
      const colon = text.indexOf(':', props.key.span[1]);
      if (colon < 0 || !/^[ \t]*(#[^\r\n]*)?(\r\n|\n|\r)/.test(text.slice(colon + 1))) continue;
      const lines = file.lines;
      const col = (o: number) => lines.positionAt(o).character;
      const resIndent = ' '.repeat(col(res.key.span[0]));
      const unit = ' '.repeat(Math.max(1, col(props.key.span[0]) - col(res.key.span[0])));
      const eol = lines.eol;
      const last = resources.pairs[resources.pairs.length - 1];
      // A block value's span may end after its line break: start from its last character.
      let end = Math.max(last.span[1] - 1, last.key.span[1]);
      if (text[end] === '\n' && text[end - 1] === '\r') end--;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      const typeText = text.slice(type.span[0], type.span[1]);
      const anchored = (extra: string) => text.slice(0, colon + 1) + ' &clshared' + text.slice(colon + 1, end) + extra + text.slice(end);
      if (end <= colon) continue;
      out.push({
        what: 'alias',
        text: anchored(`${eol}${resIndent}ClAliasCopy:${eol}${resIndent}${unit}Type: ${typeText}${eol}${resIndent}${unit}Properties: *clshared`),
      });
      out.push({
        what: 'merge key last',
        text: anchored(`${eol}${resIndent}ClMergeCopy:${eol}${resIndent}${unit}Type: ${typeText}${eol}${resIndent}${unit}Properties:${eol}${resIndent}${unit}${unit}Tags: []${eol}${resIndent}${unit}${unit}<<: *clshared`),
      });
      return out;
    }
  }
  return out;
}
