// CLI reports: text for people, JSON with a documented shape for scripts, SARIF 2.1.0 for code-scanning tools.
import type { Catalogue } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import { severityRank, type Rule, type Severity } from '../engine/rule';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';

export const TOOL_VERSION = '0.1.0';
export const INFORMATION_URI = 'https://example.invalid/cloudline';

/** 1-based line and column (UTF-16 code units), end exclusive. */
export interface Range1 {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export function range1(lines: LineIndex, span: Span): Range1 {
  const s = lines.positionAt(span[0]);
  const e = lines.positionAt(span[1]);
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}

/** A syntax problem or a check that threw, as the CLI reports it. */
export interface ProblemOut {
  readonly file: string;
  readonly range: Range1;
  readonly message: string;
}

export function problemsOf(results: readonly LintResult[]): ProblemOut[] {
  return results.flatMap((r) => r.problems.map((p) => ({ file: r.file.uri, range: range1(r.file.lines, p.span), message: p.message })));
}

/** Suppressed findings with their reasons, for the record. */
export function suppressedOf(results: readonly LintResult[]) {
  return results.flatMap((r) =>
    r.suppressed.map(({ finding, suppression }) => ({
      ruleId: finding.rule.id,
      severity: finding.severity,
      file: r.file.uri,
      range: range1(r.file.lines, finding.span),
      resource: finding.resource.id,
      reason: suppression.reason,
      suppressionAt: range1(r.file.lines, suppression.span),
    })),
  );
}

/** Findings at or above `threshold`. */
export function visible(results: readonly LintResult[], threshold: Severity): { result: LintResult; finding: Finding }[] {
  const min = severityRank(threshold);
  return results.flatMap((result) => result.findings.filter((f) => severityRank(f.severity) >= min).map((finding) => ({ result, finding })));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Text: findings grouped by file, one `file:line:col` line each, then a summary line. */
export function textReport(results: readonly LintResult[], threshold: Severity, scanned: number, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
  const out: string[] = [];
  const shown = visible(results, threshold);
  const problems = problemsOf(results);
  const notices = results.flatMap((r) => r.notices.map((n) => ({ file: r.file.uri, range: range1(r.file.lines, n.span), message: n.message })));
  const files = new Set([...shown.map((s) => s.result.file.uri), ...problems.map((p) => p.file), ...notices.map((n) => n.file)]);
  for (const file of [...files].sort()) {
    out.push(paint('1;4', file));
    for (const p of problems.filter((x) => x.file === file)) {
      out.push(`  ${file}:${p.range.start.line}:${p.range.start.column}  ${paint('31', 'error')}  syntax  ${p.message}`);
    }
    for (const n of notices.filter((x) => x.file === file)) {
      out.push(`  ${file}:${n.range.start.line}:${n.range.start.column}  ${paint('2', 'note')}  not-linted  ${n.message}`);
    }
    for (const { result, finding } of shown.filter((s) => s.result.file.uri === file)) {
      const r = range1(result.file.lines, finding.span);
      out.push(
        `  ${file}:${r.start.line}:${r.start.column}  ${paint(sevColor[finding.severity], finding.severity)}  ${finding.rule.id}  ${finding.message}` +
          `  ${paint('2', `[fix owner: ${finding.rule.responsibility.owner}${finding.fixes.length ? ', quick-fix available' : ''}]`)}`,
      );
    }
    out.push('');
  }
  const bySeverity = (['critical', 'high', 'medium', 'low', 'info'] as Severity[])
    .map((s) => [s, shown.filter((x) => x.finding.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const summary =
    shown.length === 0 && problems.length === 0
      ? `No customer-side findings at or above ${threshold} in ${plural(results.length, 'IaC file')} (${plural(scanned, 'file')} scanned).`
      : `${plural(shown.length, 'finding')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}` +
        `${problems.length ? `, ${plural(problems.length, 'syntax error')}` : ''} in ${plural(results.length, 'IaC file')} (${plural(scanned, 'file')} scanned).`;
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  out.push(suppressed ? `${summary} ${plural(suppressed, 'finding')} suppressed with a reason on record.` : summary);
  return out.join('\n') + '\n';
}

/** The JSON report's shape is documented in the README ("JSON output"). */
export function jsonReport(results: readonly LintResult[], threshold: Severity, scanned: number, catalogue: Catalogue): string {
  const findings = visible(results, threshold).map(({ result, finding }) => {
    const service = catalogue.service(finding.resource.format, finding.resource.type);
    const k8s = result.resources.find((r) => r.id === finding.resource.id && r.k8s)?.k8s;
    return {
      ruleId: finding.rule.id,
      slug: finding.rule.slug,
      title: finding.rule.title,
      severity: finding.severity,
      file: result.file.uri,
      range: range1(result.file.lines, finding.span),
      resource: {
        id: finding.resource.id,
        type: finding.resource.type,
        format: finding.resource.format,
        ...(k8s ? { kind: k8s.kind, namespace: k8s.namespace ?? null, name: k8s.name ?? null } : {}),
      },
      message: finding.message,
      responsibility: {
        owner: finding.rule.responsibility.owner,
        service: service?.service ?? null,
        model: service?.model ?? finding.rule.responsibility.model,
        layer: finding.rule.responsibility.layer,
        provider: finding.rule.responsibility.provider,
        customer: finding.rule.responsibility.customer,
      },
      frameworks: finding.rule.frameworks,
      fixable: finding.fixes.length > 0,
    };
  });
  return (
    JSON.stringify(
      {
        tool: 'cloudline',
        version: TOOL_VERSION,
        threshold,
        summary: { files: results.length, scanned, findings: findings.length, suppressed: suppressedOf(results).length, syntaxErrors: problemsOf(results).length },
        findings,
        suppressed: suppressedOf(results),
        syntaxErrors: problemsOf(results),
        notLinted: results.flatMap((r) => r.notices.map((n) => ({ file: r.file.uri, range: range1(r.file.lines, n.span), message: n.message }))),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

export function sarifRule(rule: Rule) {
  return {
    id: rule.id,
    name: rule.slug,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: rule.docs[0],
    help: {
      text: `${rule.description} ${rule.remediation}`,
      markdown: `${rule.description}\n\n**Whose side of the line:** ${rule.responsibility.owner} (${rule.responsibility.model}). ${rule.responsibility.provider}; ${rule.responsibility.customer}.\n\n**Fix:** ${rule.remediation}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.responsibility.layer, `owner:${rule.responsibility.owner}`, `model:${rule.responsibility.model}`],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      responsibility: rule.responsibility,
      frameworks: rule.frameworks,
      equivalents: rule.equivalents,
    },
  };
}

/** SARIF 2.1.0: one run, the catalogue's rules that fired, one result per finding, syntax errors as notifications. */
export function sarifReport(results: readonly LintResult[], threshold: Severity, catalogue: Catalogue): string {
  const min = severityRank(threshold);
  const shown: { result: LintResult; finding: Finding; justification?: string }[] = [
    ...visible(results, threshold),
    ...results.flatMap((result) =>
      result.suppressed.filter((x) => severityRank(x.finding.severity) >= min).map((x) => ({ result, finding: x.finding, justification: x.suppression.reason })),
    ),
  ];
  const rules = [...new Set(shown.map((s) => s.finding.rule))].sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((r, i) => [r, i]));
  const linesOf = new Map(results.map((r) => [r.file.uri, r.file.lines]));
  void catalogue;
  const region = (lines: LineIndex, span: Span) => {
    const r = range1(lines, span);
    return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Cloudline', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules: rules.map(sarifRule) } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(process.cwd())}/` } },
        results: shown.map(({ result, finding, justification }) => ({
          ruleId: finding.rule.id,
          ruleIndex: index.get(finding.rule)!,
          level: SARIF_LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: encodeURI(result.file.uri), uriBaseId: '%SRCROOT%' }, region: region(result.file.lines, finding.span) },
              logicalLocations: [{ name: finding.resource.id, kind: 'resource', fullyQualifiedName: `${finding.resource.type}:${finding.resource.id}` }],
            },
          ],
          relatedLocations: finding.related.map((rel, i) => ({
            id: i + 1,
            message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: encodeURI(rel.uri), uriBaseId: '%SRCROOT%' }, region: region(linesOf.get(rel.uri) ?? result.file.lines, rel.span) },
          })),
          partialFingerprints: { 'cloudline/v1': `${finding.rule.id}:${finding.resource.type}:${finding.resource.id}` },
          ...(justification !== undefined ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification }] } : {}),
          properties: { severity: finding.severity, owner: finding.rule.responsibility.owner },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: problemsOf(results).map((p) => ({
              level: 'error',
              message: { text: `Syntax error: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(p.file), uriBaseId: '%SRCROOT%' }, region: { startLine: p.range.start.line, startColumn: p.range.start.column } } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function pathToUri(p: string): string {
  return 'file://' + encodeURI(p.split('\\').join('/')).replace(/^(?!\/)/, '/');
}
