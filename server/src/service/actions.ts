// Code actions: quick-fixes carried on Cloudline diagnostics, "suppress with a reason", "show rule documentation",
// and `source.fixAll.cloudline` for the whole file.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import { Edits } from '../engine/edits';
import type { LintConfig, LintResult } from '../engine/lint';
import { suppressionEdit, toSnippet } from '../engine/suppress';
import { SOURCE, toRange, type DiagnosticData } from './diagnostics';
import { fixAllText, minimalEdit } from './fixall';

export const SHOW_DOCS_COMMAND = 'cloudline.showRuleDocumentation';
/** Client command that inserts a snippet (the user then types the placeholders): (uri, version, range, snippet). */
export const APPLY_SNIPPET_COMMAND = 'cloudline.applySnippet';
export const FIX_ALL_KIND = 'source.fixAll.cloudline';

function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export interface ActionContext {
  readonly uri: string;
  readonly version: number;
  readonly result: LintResult | undefined;
  readonly catalogue: Catalogue;
  readonly config: LintConfig;
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
        out.push(
          fix.snippet && fix.edits.length === 1
            ? { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: snippetCommand(fix.title, uri, version, fix.edits[0]) }
            : { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: fix.edits } } },
        );
      }
      const suppress = result && suppressAction(result, data, d);
      if (suppress) out.push({ ...suppress, diagnostics: [d] });
      out.push({
        title: `Show documentation for ${data.ruleId} (${data.slug})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Show rule documentation', command: SHOW_DOCS_COMMAND, arguments: [data.slug] },
      });
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

/** "Suppress … with a reason": written the way the file's format allows, the reason left for the user to type. */
function suppressAction(result: LintResult, data: DiagnosticData, d: Diagnostic): CodeAction | undefined {
  const lines = result.file.lines;
  const start = lines.offsetAt(d.range.start);
  const finding = result.findings.find((f) => f.rule.id === data.ruleId && f.span[0] === start);
  const resource = finding && result.resources.find((r) => r.id === finding.resource.id);
  if (!finding || !resource || finding.rule.id === 'CL-GEN-001') return undefined;
  const edit = suppressionEdit(resource, finding.rule.id, finding.span[0], new Edits(lines));
  if (!edit) return undefined;
  const title = `Suppress ${finding.rule.id} on ${resource.id} with a reason…`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    command: snippetCommand(title, result.file.uri, data.version, { range: toRange(lines, [edit.start, edit.end]), newText: toSnippet(edit.text) }),
  };
}
