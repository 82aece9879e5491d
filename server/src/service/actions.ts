// Code actions: the quick-fixes carried on Cloudline diagnostics, and "show rule documentation".
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { SOURCE, type DiagnosticData } from './diagnostics';

export const SHOW_DOCS_COMMAND = 'cloudline.showRuleDocumentation';

/** Quick-fixes for the Cloudline diagnostics in `diagnostics` (those of a stale version are skipped). */
export function codeActions(uri: string, version: number, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !d.data) continue;
    const data = d.data as DiagnosticData;
    if (data.version !== version) continue;
    if (wants(CodeActionKind.QuickFix)) {
      for (const fix of data.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [uri]: fix.edits } },
        });
      }
      out.push({
        title: `Show documentation for ${data.ruleId} (${data.slug})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Show rule documentation', command: SHOW_DOCS_COMMAND, arguments: [data.slug] },
      });
    }
  }
  return out;
}
