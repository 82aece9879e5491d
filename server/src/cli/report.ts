// CLI reports: text for people, JSON with a documented shape for scripts, SARIF 2.1.0 for code-scanning tools.
import type { Catalogue } from '../engine/catalogue';
import type { Unread } from '../engine/files';
import { notCheckedLine, notCheckedPhrase, type NotChecked } from '../engine/unchecked';
import type { Finding, LintResult } from '../engine/lint';
import type { Suppression } from '../engine/suppress';
import { severityRank, type Rule, type Severity } from '../engine/rule';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';
import { fingerprintResults, FINGERPRINT_KEY, type BaselineComparison, type BaselineEntry, type BaselineSummary } from '../engine/baseline';

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
      // Which suppression applied: Cloudline's own, or another tool's (with the check it names, when it names one).
      suppressedBy: suppression.tool ?? 'cloudline',
      ...(suppression.tool && suppression.check !== undefined ? { otherToolCheck: suppression.check } : {}),
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

/**
 * Text that came from a file (names, messages) made safe for a terminal or a CI log: control characters (C0 but
 * tab, DEL, C1, line and paragraph separators, bidirectional overrides) are written as escapes (`\x1b`, `\n`).
 */
export function escapeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A line of our text output never starts with `::`: GitHub Actions would read it as a workflow command. */
function safeLine(line: string): string {
  return line.startsWith('::') ? ' ' + line : line;
}

/**
 * Text: findings grouped by file, one `file:line:col` line each, then unread paths and a summary line, in parts (one
 * per file) so a large report is written as it is produced. Linear in the number of files and findings.
 */
export function* textReportParts(
  results: readonly LintResult[],
  threshold: Severity,
  scanned: number,
  color: boolean,
  unread: readonly Unread[] = [],
  notChecked: readonly NotChecked[] = [],
): Generator<string> {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '2' };
  const min = severityRank(threshold);
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let shownCount = 0;
  let problemCount = 0;
  let suppressed = 0;
  const order = results.map((r, i) => [r.file.uri, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  for (const [, i] of order) {
    const result = results[i];
    suppressed += result.suppressed.length;
    const shown = result.findings.filter((f) => severityRank(f.severity) >= min);
    problemCount += result.problems.length;
    if (!shown.length && !result.problems.length && !result.notices.length) continue;
    const file = escapeText(result.file.uri);
    const lines = result.file.lines;
    const out: string[] = [safeLine(paint('1;4', file))];
    for (const p of result.problems) {
      const r = range1(lines, p.span);
      out.push(`  ${file}:${r.start.line}:${r.start.column}  ${paint('31', 'error')}  syntax  ${escapeText(p.message)}`);
    }
    for (const n of result.notices) {
      const r = range1(lines, n.span);
      out.push(`  ${file}:${r.start.line}:${r.start.column}  ${paint('2', 'note')}  not-linted  ${escapeText(n.message)}`);
    }
    for (const finding of shown) {
      shownCount++;
      counts[finding.severity]++;
      const r = range1(lines, finding.span);
      out.push(
        `  ${file}:${r.start.line}:${r.start.column}  ${paint(sevColor[finding.severity], finding.severity)}  ${finding.rule.id}  ${escapeText(finding.message)}` +
          `  ${paint('2', `[fix owner: ${finding.rule.responsibility.owner}${finding.fixes.length ? ', quick-fix available' : ''}]`)}`,
      );
    }
    yield out.join('\n') + '\n\n';
  }
  if (unread.length) {
    yield unread.map((u) => safeLine(`${escapeText(u.path)}  ${paint('33', 'not read')}  ${escapeText(u.reason)}`)).join('\n') + '\n\n';
  }
  const bySeverity = (['critical', 'high', 'medium', 'low', 'info'] as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const files = `${plural(results.length, 'IaC file')} (${plural(scanned, 'file')} scanned${unread.length ? `, ${unread.length} not read` : ''})`;
  const summary =
    shownCount === 0 && problemCount === 0
      ? `No customer-side findings at or above ${threshold} in ${files}.`
      : `${plural(shownCount, 'finding')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}` +
        `${problemCount ? `, ${plural(problemCount, 'syntax error')}` : ''} in ${files}.`;
  yield (suppressed ? `${summary} ${plural(suppressed, 'finding')} suppressed, each on record with its suppression.` : summary) + '\n';
  const line = notCheckedLine(notChecked);
  if (line) yield safeLine(escapeText(line)) + '\n';
}

/** The whole text report as one string (see `textReportParts`). */
export function textReport(results: readonly LintResult[], threshold: Severity, scanned: number, color: boolean, unread: readonly Unread[] = [], notChecked: readonly NotChecked[] = []): string {
  return [...textReportParts(results, threshold, scanned, color, unread, notChecked)].join('');
}

/**
 * A value as `JSON.stringify(value, null, 2)` writes it nested `depth` levels deep in a larger document: the value
 * stringified inside `depth` arrays, which indent it, with their brackets cut off (no second pass over the text to
 * indent every line, which cost as much as the stringify on a large report).
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level adds `[` and a line break before the value, and a line break and `]` after it, indented by its level.
  const cut = depth * depth + depth;
  return text.slice(cut, text.length - cut);
}

/** An array of a JSON report, an item a part (the same text `JSON.stringify(..., null, 2)` writes). */
function* jsonArray(key: string, items: Iterable<unknown>, last: boolean, written = false): Generator<string> {
  let first = true;
  for (const item of items) {
    // `written`: the items come as their text already (nested 2 deep), not as values.
    yield (first ? `  ${JSON.stringify(key)}: [\n` : ',\n') + (written ? (item as string) : nested(item, 2));
    first = false;
  }
  yield (first ? `  ${JSON.stringify(key)}: []` : '\n  ]') + (last ? '\n' : ',\n');
}

/**
 * The JSON report, in parts (a finding at a time) so a large report is written as it is produced. Its shape is
 * documented in the README ("JSON output"); `unread` lists the paths that could not be read: `{ path, reason }`.
 */
export function* jsonReportParts(
  results: readonly LintResult[],
  threshold: Severity,
  scanned: number,
  catalogue: Catalogue,
  unread: readonly Unread[] = [],
  notChecked: readonly NotChecked[] = [],
  baseline?: BaselineSummary,
): Generator<string> {
  const min = severityRank(threshold);
  let shownCount = 0;
  for (const r of results) for (const f of r.findings) if (severityRank(f.severity) >= min) shownCount++;
  const suppressed = suppressedOf(results);
  const problems = problemsOf(results);
  const head = {
    tool: 'cloudline',
    version: TOOL_VERSION,
    threshold,
    summary: { files: results.length, scanned, findings: shownCount, suppressed: suppressed.length, syntaxErrors: problems.length, unread: unread.length, notChecked: notChecked.reduce((n, x) => n + x.count, 0), ...(baseline ? { baseline: baselineProperties(baseline) } : {}) },
  };
  yield JSON.stringify(head, null, 2).replace(/\n}$/, ',\n');
  // Each finding is written as `JSON.stringify(record, null, 2)` would write it inside the array, but by hand: the
  // rule's part (responsibility and frameworks, with the service's name and model) is stringified once per rule and
  // service, not once per finding (on a large scan the same few hundred rules repeat thousands of times).
  const tails = new Map<Rule, Map<string, string>>();
  const tailOf = (finding: Finding): string => {
    let byService = tails.get(finding.rule);
    if (!byService) tails.set(finding.rule, (byService = new Map()));
    const key = `${finding.resource.format}\u0000${finding.resource.type}`;
    let tail = byService.get(key);
    if (tail === undefined) {
      const service = catalogue.service(finding.resource.format, finding.resource.type);
      const rule = finding.rule;
      const inner = nested(
        {
          responsibility: {
            owner: rule.responsibility.owner,
            service: service?.service ?? null,
            model: service?.model ?? rule.responsibility.model,
            layer: rule.responsibility.layer,
            provider: rule.responsibility.provider,
            customer: rule.responsibility.customer,
          },
          frameworks: rule.frameworks,
        },
        2,
      );
      // The object's members without its braces: `      "responsibility": …,\n      "frameworks": …`.
      tail = inner.slice(inner.indexOf('\n') + 1, inner.lastIndexOf('\n'));
      byService.set(key, tail);
    }
    return tail;
  };
  const q = JSON.stringify;
  const position = (p: Range1['start'], pad: string) => `{\n${pad}  "line": ${p.line},\n${pad}  "column": ${p.column}\n${pad}}`;
  function* findings(): Generator<string> {
    for (const result of results) {
      const k8sOf = new Map<string, NonNullable<LintResult['resources'][number]['k8s']>>();
      for (const r of result.resources) if (r.k8s && !k8sOf.has(r.id)) k8sOf.set(r.id, r.k8s);
      const file = q(result.file.uri);
      for (const finding of result.findings) {
        if (severityRank(finding.severity) < min) continue;
        const k8s = k8sOf.get(finding.resource.id);
        const range = range1(result.file.lines, finding.span);
        const rule = finding.rule;
        yield (
          '    {\n' +
          `      "ruleId": ${q(rule.id)},\n` +
          `      "slug": ${q(rule.slug)},\n` +
          `      "title": ${q(rule.title)},\n` +
          `      "severity": ${q(finding.severity)},\n` +
          `      "file": ${file},\n` +
          `      "range": {\n        "start": ${position(range.start, '        ')},\n        "end": ${position(range.end, '        ')}\n      },\n` +
          `      "resource": {\n        "id": ${q(finding.resource.id)},\n        "type": ${q(finding.resource.type)},\n        "format": ${q(finding.resource.format)}` +
          (k8s ? `,\n        "kind": ${q(k8s.kind)},\n        "namespace": ${q(k8s.namespace ?? null)},\n        "name": ${q(k8s.name ?? null)}` : '') +
          '\n      },\n' +
          `      "message": ${q(finding.message)},\n` +
          tailOf(finding) +
          `,\n      "fixable": ${finding.fixes.length > 0}\n    }`
        );
      }
    }
  }
  yield* jsonArray('findings', findings(), false, true);
  yield* jsonArray('suppressed', suppressed, false);
  yield* jsonArray('syntaxErrors', problems, false);
  yield* jsonArray('notLinted', results.flatMap((r) => r.notices.map((n) => ({ file: r.file.uri, range: range1(r.file.lines, n.span), message: n.message }))), false);
  yield* jsonArray('unread', unread.map((u) => ({ path: u.path, reason: u.reason })), false);
  yield* jsonArray('notChecked', notChecked.map((n) => ({ kind: n.kind, what: n.what, reason: n.reason, count: n.count, ...(n.templates !== undefined ? { templates: n.templates } : {}), files: n.files })), true);
  yield '}\n';
}

/** The whole JSON report as one string (see `jsonReportParts`). */
export function jsonReport(results: readonly LintResult[], threshold: Severity, scanned: number, catalogue: Catalogue, unread: readonly Unread[] = [], notChecked: readonly NotChecked[] = []): string {
  return [...jsonReportParts(results, threshold, scanned, catalogue, unread, notChecked)].join('');
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
      // A custom rule may give no remediation: no empty "Fix:" then.
      text: rule.remediation ? `${rule.description} ${rule.remediation}` : rule.description,
      markdown: `${rule.description}\n\n**Whose side of the line:** ${rule.responsibility.owner} (${rule.responsibility.model}). ${rule.responsibility.provider}; ${rule.responsibility.customer}.${rule.remediation ? `\n\n**Fix:** ${rule.remediation}` : ''}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.responsibility.layer, `owner:${rule.responsibility.owner}`, `model:${rule.responsibility.model}`, ...(rule.custom ? ['custom'] : [])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      responsibility: rule.responsibility,
      frameworks: rule.frameworks,
      equivalents: rule.equivalents,
      ...(rule.custom ? { custom: { file: rule.custom.file } } : {}),
    },
  };
}

/** A file name as a SARIF URI reference: each path segment percent-encoded (`#`, `?`, `%`, spaces, `:` …). */
export function uriReference(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** SARIF 2.1.0: one run, the catalogue's rules that fired, one result per finding, syntax errors and unread paths as notifications. */
export function sarifReport(
  results: readonly LintResult[],
  threshold: Severity,
  catalogue: Catalogue,
  unread: readonly Unread[] = [],
  notChecked: readonly NotChecked[] = [],
  baseline?: { readonly comparison: BaselineComparison },
): string {
  return [...sarifReportParts(results, threshold, catalogue, unread, notChecked, baseline)].join('');
}

/** The SARIF report in parts (a result at a time), so a large report is written as it is produced. */
export function* sarifReportParts(
  results: readonly LintResult[],
  threshold: Severity,
  catalogue: Catalogue,
  unread: readonly Unread[] = [],
  notChecked: readonly NotChecked[] = [],
  baseline?: { readonly comparison: BaselineComparison },
  /** The findings' fingerprints relative to the current directory, when the scan computed them (engine/slim.ts). */
  computed?: ReadonlyMap<Finding, BaselineEntry>,
): Generator<string> {
  const min = severityRank(threshold);
  const shown: { result: LintResult; finding: Finding; justification?: string; suppression?: Suppression }[] = [
    ...visible(results, threshold),
    ...results.flatMap((result) =>
      result.suppressed
        .filter((x) => severityRank(x.finding.severity) >= min)
        .map((x) => ({ result, finding: x.finding, justification: x.suppression.reason, suppression: x.suppression })),
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
  // Fingerprints (engine/baseline.ts): file, rule, resource and the offending value's path within it. Relative to the
  // baseline's folder when comparing with one (so they equal its entries), else to %SRCROOT%.
  const prints = baseline?.comparison.prints ?? computed ?? fingerprintResults(results, process.cwd());
  const unchanged = baseline?.comparison.unchanged;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Cloudline', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules: rules.map(sarifRule) } },
        columnKind: 'utf16CodeUnits',
        ...(baseline ? { properties: { baseline: baselineProperties(baseline.comparison.summary) } } : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(process.cwd())}/` } },
        results: [RESULTS] as unknown[],
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...problemsOf(results).map((p) => ({
                level: 'error',
                message: { text: `Syntax error: ${p.message}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriReference(p.file), uriBaseId: '%SRCROOT%' }, region: { startLine: p.range.start.line, startColumn: p.range.start.column } } }],
              })),
              ...unread.map((u) => ({
                level: 'warning',
                message: { text: `Not read: ${u.reason}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriReference(u.path), uriBaseId: '%SRCROOT%' } } }],
              })),
              // What was not checked (engine/unchecked.ts): one note per group, with its files (at most 100).
              ...notChecked.map((n) => ({
                level: 'note',
                message: { text: `Not checked: ${notCheckedPhrase(n)}` },
                locations: n.files.slice(0, 100).map((f) => ({ physicalLocation: { artifactLocation: { uri: uriReference(f), uriBaseId: '%SRCROOT%' } } })),
                properties: { notChecked: { kind: n.kind, what: n.what, reason: n.reason, count: n.count, ...(n.templates !== undefined ? { templates: n.templates } : {}) } },
              })),
            ],
          },
        ],
      },
    ],
  };
  // A suppression as SARIF records it: in the source, with its reason, where it is written and whose it is.
  const suppressionOf = (result: LintResult, justification: string, x: Suppression | undefined) => ({
    kind: 'inSource',
    status: 'accepted',
    justification,
    ...(x
      ? {
          location: { physicalLocation: { artifactLocation: { uri: uriReference(result.file.uri), uriBaseId: '%SRCROOT%' }, region: region(result.file.lines, x.span) } },
          properties: { tool: x.tool ?? 'cloudline', ...(x.tool && x.check !== undefined ? { check: x.check } : {}) },
        }
      : {}),
  });
  // Each result is written as `JSON.stringify(result, null, 2)` would write it at its depth (4: in runs[0].results), by
  // hand: on a large scan, stringifying each result (wrapped in arrays for the indentation) cost more than the rest of
  // the report. The rarer members (related locations, suppressions) are stringified, at their depth (5).
  const q = JSON.stringify;
  const member = (value: unknown) => nested(value, 5).trimStart();
  const resultText = ({ result, finding, justification, suppression }: (typeof shown)[number]) => {
    const r = range1(result.file.lines, finding.span);
    const related = finding.related.map((rel, i) => ({
      id: i + 1,
      message: { text: rel.message },
      physicalLocation: {
        artifactLocation: { uri: uriReference(rel.uri), uriBaseId: '%SRCROOT%' },
        region: region(rel.uri === result.file.uri ? result.file.lines : linesOf.get(rel.uri) ?? rel.lines ?? result.file.lines, rel.span),
      },
    }));
    // Compared with a baseline: a finding it holds is "unchanged" and suppressed externally (by the baseline file).
    const suppressions =
      justification !== undefined
        ? [suppressionOf(result, justification, suppression)]
        : unchanged?.has(finding)
          ? [{ kind: 'external', status: 'accepted', justification: `In the baseline ${baseline!.comparison.summary.file}.` }]
          : undefined;
    return (
      '        {\n' +
      `          "ruleId": ${q(finding.rule.id)},\n` +
      `          "ruleIndex": ${index.get(finding.rule)!},\n` +
      `          "level": ${q(SARIF_LEVEL[finding.severity])},\n` +
      `          "message": {\n            "text": ${q(finding.message)}\n          },\n` +
      '          "locations": [\n            {\n              "physicalLocation": {\n                "artifactLocation": {\n' +
      `                  "uri": ${q(uriReference(result.file.uri))},\n                  "uriBaseId": "%SRCROOT%"\n                },\n` +
      `                "region": {\n                  "startLine": ${r.start.line},\n                  "startColumn": ${r.start.column},\n` +
      `                  "endLine": ${r.end.line},\n                  "endColumn": ${r.end.column}\n                }\n              },\n` +
      `              "logicalLocations": [\n                {\n                  "name": ${q(finding.resource.id)},\n                  "kind": "resource",\n` +
      `                  "fullyQualifiedName": ${q(`${finding.resource.type}:${finding.resource.id}`)}\n                }\n              ]\n            }\n          ],\n` +
      `          "relatedLocations": ${related.length ? member(related) : '[]'},\n` +
      `          "partialFingerprints": {\n            ${q(FINGERPRINT_KEY)}: ${q(prints.get(finding)!.fingerprint)}\n          },\n` +
      (baseline ? `          "baselineState": ${q(unchanged!.has(finding) ? 'unchanged' : 'new')},\n` : '') +
      (suppressions ? `          "suppressions": ${member(suppressions)},\n` : '') +
      `          "properties": {\n            "severity": ${q(finding.severity)},\n            "owner": ${q(finding.rule.responsibility.owner)}\n          }\n        }`
    );
  };
  if (!shown.length) {
    sarif.runs[0].results = [];
    yield JSON.stringify(sarif, null, 2) + '\n';
    return;
  }
  // The skeleton around the results, then each result as JSON.stringify would indent it at its depth.
  const text = JSON.stringify(sarif, null, 2);
  const marker = JSON.stringify(RESULTS);
  const at = text.indexOf(marker);
  yield text.slice(0, text.lastIndexOf('\n', at) + 1);
  for (const [i, s] of shown.entries()) yield (i ? ',\n' : '') + resultText(s);
  yield text.slice(at + marker.length) + '\n';
}

/** A baseline comparison's counts, as the JSON summary and the SARIF run's properties say them. */
export function baselineProperties(s: BaselineSummary) {
  return { file: s.file, findings: s.findings, unchanged: s.unchanged, fixed: s.fixed, notScanned: s.notScanned, new: s.new };
}

/** Stands for the results in the SARIF skeleton (no file text can produce it: it holds a NUL). */
const RESULTS = '\u0000cloudline-results\u0000';

/** An absolute path as a `file:` URI, each segment percent-encoded (a Windows drive letter keeps its colon). */
function pathToUri(p: string): string {
  const path = p.split('\\').join('/');
  const drive = /^[A-Za-z]:/.test(path) ? path.slice(0, 2) : '';
  return 'file://' + ('/' + drive + uriReference(path.slice(drive.length))).replace(/^\/\//, '/');
}
