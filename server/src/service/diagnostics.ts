// Lint results → LSP diagnostics, with quick-fixes carried on `data` (never matched by message text).
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import { uncheckedNotice } from '../engine/unchecked';
import type { Severity } from '../engine/rule';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';

export const SOURCE = 'cloudline';

/** The code of the information diagnostic on resources Cloudline has no rules for (filterable, never a finding). */
export const NOT_CHECKED_CODE = 'not-checked';

/** What a diagnostic carries for code actions. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly slug: string;
  readonly version: number;
  /** The resource the finding belongs to: two resources can share the flagged text through a YAML alias or merge key. */
  readonly resourceId: string;
  readonly fixes: { readonly title: string; readonly edits: TextEdit[]; readonly snippet?: boolean }[];
  /** A custom rule's: the URI of the file that declares it (it has no bundled page). */
  readonly custom?: string;
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span[0]), end: lines.positionAt(span[1]) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Information,
};

/** What else the diagnostics say besides findings: with a catalogue, the "not checked" notice unless turned off. */
export interface DiagnosticOptions {
  readonly catalogue?: Catalogue;
  /** The `cloudline.reportUnchecked` setting (default true). */
  readonly reportUnchecked?: boolean;
  /** Findings the baseline of `.cloudline.yaml` holds: shown as hints (`cloudline.baselineFindings`, default) or hidden. */
  readonly baselined?: ReadonlySet<Finding>;
  readonly baselineFindings?: 'hint' | 'hide';
}

/**
 * Builds the diagnostics of a lint result; `docUri(slug)` gives the bundled page of a rule. With a catalogue, one
 * information diagnostic (code `not-checked`, no quick-fix) on the type of the first resource whose provider or
 * service has no rules (engine/unchecked.ts), unless `reportUnchecked` is false.
 */
export function toDiagnostics(result: LintResult, version: number, docUri: (slug: string) => string, options: DiagnosticOptions = {}): Diagnostic[] {
  const lines = result.file.lines;
  const out: Diagnostic[] = result.problems.map((p) => ({
    range: toRange(lines, p.span),
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'syntax-error',
    message: p.message,
  }));
  for (const n of result.notices) {
    out.push({ range: toRange(lines, n.span), severity: DiagnosticSeverity.Information, source: SOURCE, code: 'not-linted', message: n.message });
  }
  if (options.catalogue && options.reportUnchecked !== false) {
    const notice = uncheckedNotice(result, options.catalogue);
    if (notice) out.push({ range: toRange(lines, notice.span), severity: DiagnosticSeverity.Information, source: SOURCE, code: NOT_CHECKED_CODE, message: notice.message });
  }
  for (const f of result.findings) {
    if (!options.baselined?.has(f)) out.push(findingDiagnostic(f, lines, result.file.uri, version, docUri));
    else if (options.baselineFindings !== 'hide') {
      // Accepted for now in the baseline: a hint (dimmed, out of the Problems count), its quick-fixes kept.
      const d = findingDiagnostic(f, lines, result.file.uri, version, docUri);
      out.push({ ...d, severity: DiagnosticSeverity.Hint, message: `${d.message} (In the baseline.)` });
    }
  }
  return out;
}

/** Related places in another file are converted with that file's line table, those in this file with this one's. */
function findingDiagnostic(f: Finding, lines: LineIndex, uri: string, version: number, docUri: (slug: string) => string): Diagnostic {
  // A custom rule's page is the rule file itself.
  const custom = f.rule.custom ? pathToFileURL(f.rule.custom.file).toString() : undefined;
  const data: DiagnosticData = {
    ruleId: f.rule.id,
    slug: f.rule.slug,
    version,
    resourceId: f.resource.id,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      snippet: fix.snippet,
      edits: fix.edits.map((e) => ({ range: toRange(lines, [e.start, e.end]), newText: e.text })),
    })),
    ...(custom ? { custom } : {}),
  };
  return {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.rule.id,
    codeDescription: { href: custom ?? docUri(f.rule.slug) },
    message: f.message,
    data,
    relatedInformation: f.related.length
      ? f.related.map((r) => ({ location: { uri: r.uri, range: toRange(r.uri === uri || !r.lines ? lines : r.lines, r.span) }, message: r.message }))
      : undefined,
  };
}
