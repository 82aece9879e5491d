// The responsibility report (issue 15): one model, written as Markdown, HTML or JSON by cli/report-*.ts. It holds the
// inventory's summary (resources by service model and cloud, the unclassified types), the audit evidence of each
// framework (report/evidence.ts) with positions in place of spans, and the remediation backlog (report/backlog.ts).
// Its totals count what `scan --format json` counts over the same files: every standing finding (on a resource or on
// a template's own sections) and every suppressed one (test/cli/report.test.ts reconciles them). Pure: no I/O.
import { FRAMEWORKS, type ControlClass, type FrameworkInfo } from '../../../rules/frameworks';
import type { Catalogue } from '../engine/catalogue';
import type { Unread } from '../engine/files';
import type { Finding, LintResult } from '../engine/lint';
import { effectiveSeverity, type LintConfig } from '../engine/options';
import { LAYERS, SEVERITIES, type Layer, type ServiceModel, type Severity } from '../engine/rule';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';
import { buildBacklog, type BacklogRow } from './backlog';
import { controlsCited, frameworkEvidence, type CheckedControl, type ControlStatus, type EvidenceTotals } from './evidence';
import { buildInventory, type Cloud } from './inventory';

/** The version of the JSON shape (docs/report.md); raised on any change that is not an added optional field. */
export const REPORT_VERSION = 1;

export { LAYERS };

export interface ReportFindingRef {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly line: number;
}

export interface ReportAccepted extends ReportFindingRef {
  readonly reason: string;
  /** The file and line where the suppression is written. */
  readonly where: { readonly file: string; readonly line: number };
}

export interface ReportResource {
  readonly file: string;
  /** 1-based line of the resource's name (0 when the resource is not found among the results: never in a scan). */
  readonly line: number;
  readonly id: string;
  readonly type: string;
  readonly status: 'passed' | 'failed' | 'accepted';
  readonly findings: readonly ReportFindingRef[];
  readonly accepted: readonly ReportAccepted[];
}

export interface ReportControl {
  readonly id: string;
  readonly title?: string;
  readonly rules: readonly string[];
  readonly status: ControlStatus;
  readonly counts: CheckedControl['counts'];
  readonly resources: readonly ReportResource[];
}

export interface ReportFramework {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly title: string;
  readonly source: string;
  readonly list?: { readonly source: string; readonly complete: boolean };
  readonly totals: EvidenceTotals;
  readonly checked: readonly ReportControl[];
  readonly unnumbered?: Omit<ReportControl, 'id' | 'title'>;
  readonly others: readonly { readonly id: string; readonly title: string; readonly class: Exclude<ControlClass, 'checked'> }[];
}

export interface Report {
  readonly version: number;
  readonly tool: { readonly name: 'cloudline'; readonly version: string };
  readonly summary: {
    readonly files: number;
    readonly resources: number;
    readonly classified: number;
    readonly unclassified: number;
    /** Standing findings: what `scan --format json` counts in `summary.findings` (threshold info). */
    readonly findings: number;
    /** Suppressed findings: `scan --format json`'s `summary.suppressed`. */
    readonly suppressed: number;
    readonly fixable: number;
    readonly byModel: Readonly<Record<ServiceModel | 'Unclassified', number>>;
    readonly byCloud: Readonly<Record<Cloud, number>>;
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
    readonly findingsByLayer: Readonly<Record<Layer, number>>;
    /** Findings by the service model of their resource (the rule's when the type is unclassified), as the scan's JSON says it. */
    readonly findingsByModel: Readonly<Record<ServiceModel, number>>;
  };
  readonly unclassified: readonly { readonly type: string; readonly cloud: Cloud; readonly customResource: boolean; readonly count: number }[];
  readonly frameworks: readonly ReportFramework[];
  readonly backlog: readonly BacklogRow[];
  readonly unread: readonly { readonly path: string; readonly reason: string }[];
}

export { frameworkByName } from '../../../rules/frameworks';

export interface ReportOptions {
  readonly config?: LintConfig;
  readonly toolVersion: string;
  readonly unread?: readonly Unread[];
  /** The frameworks to give evidence for (default: every framework some running rule cites). */
  readonly frameworks?: readonly FrameworkInfo[];
}

function line(lines: LineIndex, span: Span): number {
  return lines.positionAt(span[0]).line + 1;
}

export function buildReport(results: readonly LintResult[], catalogue: Catalogue, options: ReportOptions): Report {
  const config = options.config ?? {};
  const inventory = buildInventory(results, catalogue, { config, toolVersion: options.toolVersion, unread: options.unread });
  const ruleEnabled = (rule: Parameters<typeof effectiveSeverity>[0]) => effectiveSeverity(rule, config) !== undefined;

  // Positions: each file's lines, each resource's name line.
  const linesOf = new Map<string, LineIndex>();
  const resourceLine = new Map<string, number>();
  for (const r of results) {
    linesOf.set(r.file.uri, r.file.lines);
    for (const res of r.resources) {
      const k = `${r.file.uri}\u0000${res.type}\u0000${res.id}`;
      if (!resourceLine.has(k)) resourceLine.set(k, line(r.file.lines, res.anchor.span));
    }
  }
  const ref = (uri: string, f: Finding): ReportFindingRef => ({ ruleId: f.rule.id, severity: f.severity, line: linesOf.has(uri) ? line(linesOf.get(uri)!, f.span) : 0 });
  const control = (c: Omit<CheckedControl, 'id' | 'title'>): Omit<ReportControl, 'id' | 'title'> => ({
    rules: c.rules,
    status: c.status,
    counts: c.counts,
    resources: c.resources.map((r) => ({
      file: r.uri,
      line: resourceLine.get(`${r.uri}\u0000${r.type}\u0000${r.id}`) ?? 0,
      id: r.id,
      type: r.type,
      status: r.status,
      findings: r.findings.map((f) => ref(r.uri, f)),
      accepted: r.accepted.map((a) => ({
        ...ref(r.uri, a.finding),
        reason: a.reason,
        where: { file: a.where.uri, line: linesOf.has(a.where.uri) ? line(linesOf.get(a.where.uri)!, a.where.span) : 0 },
      })),
    })),
  });
  const wanted = options.frameworks ?? FRAMEWORKS.filter((f) => catalogue.rules.some((r) => ruleEnabled(r) && controlsCited(r, f)));
  const frameworks: ReportFramework[] = wanted.map((info) => {
    const e = frameworkEvidence(results, catalogue, info, { ruleEnabled });
    return {
      id: info.id,
      name: info.name,
      version: info.version,
      title: info.title,
      source: info.source,
      ...(e.list ? { list: e.list } : {}),
      totals: e.totals,
      checked: e.checked.map((c) => ({ id: c.id, ...(c.title !== undefined ? { title: c.title } : {}), ...control(c) })),
      ...(e.unnumbered ? { unnumbered: control(e.unnumbered) } : {}),
      others: e.others.map((o) => ({ id: o.id, title: o.title, class: o.class })),
    };
  });

  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const findingsByLayer = Object.fromEntries(LAYERS.map((l) => [l, 0])) as Record<Layer, number>;
  const findingsByModel: Record<ServiceModel, number> = { IaaS: 0, PaaS: 0, SaaS: 0, Hybrid: 0 };
  let findings = 0;
  let suppressed = 0;
  let fixable = 0;
  for (const r of results) {
    suppressed += r.suppressed.length;
    for (const f of r.findings) {
      findings++;
      if (f.fixes.length) fixable++;
      findingsBySeverity[f.severity]++;
      findingsByLayer[f.rule.responsibility.layer]++;
      findingsByModel[catalogue.service(f.resource.format, f.resource.type)?.model ?? f.rule.responsibility.model]++;
    }
  }
  const s = inventory.summary;
  return {
    version: REPORT_VERSION,
    tool: { name: 'cloudline', version: options.toolVersion },
    summary: {
      files: s.files,
      resources: s.resources,
      classified: s.classified,
      unclassified: s.unclassified,
      findings,
      suppressed,
      fixable,
      byModel: s.byModel,
      byCloud: s.byCloud,
      findingsBySeverity,
      findingsByLayer,
      findingsByModel,
    },
    unclassified: inventory.unclassified.map((g) => ({ type: g.type, cloud: g.cloud, customResource: g.customResource, count: g.count })),
    frameworks,
    backlog: buildBacklog(results, catalogue).map((e) => e.row),
    unread: inventory.unread,
  };
}
