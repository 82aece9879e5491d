// Code actions: quick-fixes carried on Cloudline diagnostics, "suppress with a reason", "show rule documentation",
// and `source.fixAll.cloudline` for the whole file.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import { Edits, resourceBounds, safeFix, snippetDefaults } from '../engine/edits';
import type { LintConfig, LintResult } from '../engine/lint';
import { REASON_MARK, suppressionEdit, toSnippet } from '../engine/suppress';
import type { LineIndex } from '../model/lines';
import { SOURCE, toRange, type DiagnosticData } from './diagnostics';
import { fixAllText, minimalEdit } from './fixall';
import { Commands } from '../protocol';

export const SHOW_DOCS_COMMAND = Commands.showRuleDocumentation;
/** Client command that inserts a snippet (the user then types the placeholders): (uri, version, range, snippet). */
export const APPLY_SNIPPET_COMMAND = Commands.applySnippet;
export const FIX_ALL_KIND = 'source.fixAll.cloudline';
/**
 * What a client announces, in `initializationOptions` (or `capabilities.experimental`), when it runs
 * APPLY_SNIPPET_COMMAND: `{ "cloudline": { "applySnippet": true } }`. Other clients get plain edits only.
 */
export const SNIPPET_OPTION = 'applySnippet';

/** True when the initialize parameters say the client runs APPLY_SNIPPET_COMMAND. */
export function clientRunsSnippets(params: { initializationOptions?: unknown; capabilities?: { experimental?: unknown } }): boolean {
  const flag = (o: unknown) => {
    const c = o && typeof o === 'object' ? (o as Record<string, unknown>).cloudline : undefined;
    return !!c && typeof c === 'object' && (c as Record<string, unknown>)[SNIPPET_OPTION] === true;
  };
  return flag(params.initializationOptions) || flag(params.capabilities?.experimental);
}

function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export interface ActionContext {
  readonly uri: string;
  readonly version: number;
  readonly result: LintResult | undefined;
  readonly catalogue: Catalogue;
  readonly config: LintConfig;
  /** The client runs APPLY_SNIPPET_COMMAND (see clientRunsSnippets); otherwise every fix is a plain edit. */
  readonly snippets?: boolean;
}

/** Code actions for the Cloudline diagnostics in `diagnostics` (those of a stale version are skipped). */
export function codeActions(ctx: ActionContext, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const out: CodeAction[] = [];
  const { uri, version, result } = ctx;
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (d.source !== SOURCE || !d.data) continue;
      const data = d.data as DiagnosticData;
      if (data.version !== version) continue;
      for (const fix of data.fixes) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true };
        // A snippet is one insertion for the client's command: several edits become one, the text between them kept.
        const snippet = fix.snippet && ctx.snippets ? oneSnippet(fix.edits, result?.file.lines) : undefined;
        if (snippet) action.command = snippetCommand(fix.title, uri, version, snippet);
        else action.edit = { changes: { [uri]: fix.snippet ? fix.edits.map((e) => ({ range: e.range, newText: snippetDefaults(e.newText) })) : fix.edits } };
        out.push(action);
      }
      const suppress = result && suppressAction(result, data, d, !!ctx.snippets);
      if (suppress) out.push({ ...suppress, diagnostics: [d] });
      // A custom rule has no bundled page: its diagnostic links to its rule file instead.
      if (!data.custom) {
        out.push({
          title: `Show documentation for ${data.ruleId} (${data.slug})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: 'Show rule documentation', command: SHOW_DOCS_COMMAND, arguments: [data.slug] },
        });
      }
    }
  }
  if (result && only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.'))) {
    const fixed = fixAllText(uri, result.file.text, ctx.catalogue, ctx.config);
    if (fixed !== undefined) {
      const e = minimalEdit(result.file.text, fixed);
      out.push({
        title: 'Fix all Cloudline problems in this file',
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: [{ range: toRange(result.file.lines, [e.start, e.end]), newText: e.text }] } },
      });
    }
  }
  return out;
}

function snippetCommand(title: string, uri: string, version: number, edit: TextEdit) {
  return { title, command: APPLY_SNIPPET_COMMAND, arguments: [uri, version, edit.range, edit.newText] };
}

/** Escapes text for a snippet: `$`, `}` and `\` stand for themselves. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * The snippet edits of a fix as one edit (the client command inserts one snippet): from the first edit's start to the
 * last one's end, the text between them written back as it is (escaped). Undefined without the file's lines.
 */
function oneSnippet(edits: readonly TextEdit[], lines: LineIndex | undefined): TextEdit | undefined {
  if (edits.length === 1) return edits[0];
  if (!lines || edits.length === 0) return undefined;
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let text = spans[0].text;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) return undefined;
    text += escapeSnippet(lines.text.slice(spans[i - 1].end, spans[i].start)) + spans[i].text;
  }
  return { range: { start: lines.positionAt(spans[0].start), end: lines.positionAt(spans[spans.length - 1].end) }, newText: text };
}

/**
 * The suppression with the reason left out, for a client without the snippet command: it is a valid suppression at
 * once, and the missing reason is reported (CL-GEN-001) right where the user types it.
 */
export function withoutReason(text: string): string {
  return text.split(`"${REASON_MARK}"`).join('""').split(` ${REASON_MARK}`).join('').split(REASON_MARK).join('');
}

/** The resource a finding is about: the one of its ID and type whose text holds it (IDs may repeat in a broken file). */
function ownerOf(result: LintResult, finding: LintResult['findings'][number]) {
  const candidates = result.resources.filter((r) => r.id === finding.resource.id && r.type === finding.resource.type);
  return candidates.find((r) => resourceBounds(r)[0] <= finding.span[0] && finding.span[1] <= resourceBounds(r)[1]) ?? candidates[0];
}

/** "Suppress … with a reason": written the way the file's format allows, the reason left for the user to type. */
function suppressAction(result: LintResult, data: DiagnosticData, d: Diagnostic, snippets: boolean): CodeAction | undefined {
  const lines = result.file.lines;
  const start = lines.offsetAt(d.range.start);
  const finding = result.findings.find((f) => f.rule.id === data.ruleId && f.span[0] === start && f.resource.id === data.resourceId);
  const resource = finding && ownerOf(result, finding);
  if (!finding || !resource || finding.rule.id === 'CL-GEN-001') return undefined;
  // A YAML comment applies to its line: when another resource's finding of the rule starts there too (text an alias
  // shares), the comment goes above the resource's logical ID instead, where it applies to this resource only.
  const line = lines.positionAt(finding.span[0]).line;
  const sharesLine = result.findings.some((f) => f.rule.id === finding.rule.id && f.resource.id !== resource.id && lines.positionAt(f.span[0]).line === line);
  const at = sharesLine && resource.format === 'cloudformation' && !resource.template ? resource.anchor.span[0] : finding.span[0];
  if (sharesLine && at === finding.span[0] && result.file.lang === 'yaml' && resource.format === 'cloudformation') return undefined;
  const raw = suppressionEdit(resource, finding.rule.id, at, new Edits(lines));
  const fix = raw && safeFix(result.file.text, resource.doc.doc, { title: '', edits: [raw] }, resourceBounds(resource));
  if (!fix || fix.edits.length !== 1) return undefined;
  const edit = fix.edits[0];
  const title = `Suppress ${finding.rule.id} on ${resource.id} with a reason…`;
  const range = toRange(lines, [edit.start, edit.end]);
  if (!snippets) return { title, kind: CodeActionKind.QuickFix, edit: { changes: { [result.file.uri]: [{ range, newText: withoutReason(edit.text) }] } } };
  return { title, kind: CodeActionKind.QuickFix, command: snippetCommand(title, result.file.uri, data.version, { range, newText: toSnippet(edit.text) }) };
}
