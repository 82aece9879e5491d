// GitLab's security report for SAST (`gl-sast-report.json`, `artifacts:reports:sast`), schema version 15.0.x of
// gitlab-org/security-products/security-report-schemas, written from its documented fields (docs/gitlab-sast.md).
import { fingerprintResults, relativeName, type BaselineEntry } from '../engine/baseline';
import type { Unread } from '../engine/files';
import type { Finding, LintResult } from '../engine/lint';
import { severityRank, type Severity } from '../engine/rule';
import { notCheckedPhrase, type NotChecked } from '../engine/unchecked';
import { INFORMATION_URI, problemsOf, range1, TOOL_VERSION, visible } from './report';

/** The schema version the report declares (GitLab 16 lists 15.0.0 to 15.0.6 as supported SAST report versions). */
export const GITLAB_SAST_VERSION = '15.0.6';
export const GITLAB_SAST_SCHEMA = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_VERSION}/dist/sast-report-format.json`;
/** The identifier type of a Cloudline rule ID (the vulnerability's primary identifier). */
export const GITLAB_RULE_ID_TYPE = 'cloudline_rule_id';

const SEVERITY: Record<Severity, 'Critical' | 'High' | 'Medium' | 'Low' | 'Info'> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
/** The schema's limits on a vulnerability's name and solution (characters). */
const NAME_MAX = 255;
const SOLUTION_MAX = 7000;

/** A time as the schema writes it: UTC, `yyyy-mm-ddThh:mm:ss`. */
export function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

export interface GitlabSastRun {
  readonly results: readonly LintResult[];
  readonly threshold: Severity;
  readonly unread?: readonly Unread[];
  readonly notChecked?: readonly NotChecked[];
  /** Findings a baseline holds: left out of `vulnerabilities` (counted in a message). */
  readonly baselined?: ReadonlySet<Finding>;
  /** The baseline file, for the message. */
  readonly baselineFile?: string;
  readonly start: Date;
  readonly end: Date;
  /** The folder file names are relative to (the project's root in a GitLab job: the current directory). */
  readonly root: string;
  /** The findings' fingerprints relative to `root`, when the scan computed them (it dropped the trees they are read from). */
  readonly prints?: ReadonlyMap<Finding, BaselineEntry>;
}

/**
 * The report: one vulnerability per finding at or above the threshold that is neither suppressed nor in the baseline
 * (the schema has no suppressed state). Its `id` is the finding's baseline fingerprint, relative to `root`, so GitLab
 * tracks the finding across pipelines and line shifts. Syntax errors and unread paths are `warn` messages of the
 * scan; what was not checked and what was left out (suppressed, baselined) are `info` messages.
 */
export function gitlabSastReport(run: GitlabSastRun): string {
  const prints = run.prints ?? fingerprintResults(run.results, run.root);
  const file = (uri: string) => relativeName(uri, run.root);
  const vulnerabilities = visible(run.results, run.threshold)
    .filter(({ finding }) => !run.baselined?.has(finding))
    .map(({ result, finding }) => {
      const rule = finding.rule;
      const range = range1(result.file.lines, finding.span);
      return {
        id: prints.get(finding)!.fingerprint,
        name: cut(rule.title, NAME_MAX),
        // The message says whose side of the line the setting is on; the rule's description why it matters.
        description: `${finding.message}\n\n${rule.description}`,
        severity: SEVERITY[finding.severity],
        solution: cut(rule.remediation, SOLUTION_MAX),
        location: { file: file(result.file.uri), start_line: range.start.line, end_line: range.end.column === 1 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line },
        identifiers: [{ type: GITLAB_RULE_ID_TYPE, name: `Cloudline ${rule.id}`, value: rule.id, ...(rule.docs[0] ? { url: rule.docs[0] } : {}) }],
        ...(rule.docs.length ? { links: rule.docs.map((url) => ({ url })) } : {}),
        details: {
          resource: { name: 'Resource', type: 'text', value: `${finding.resource.type} ${finding.resource.id}` },
          owner: { name: 'Fix owner', type: 'text', value: rule.responsibility.owner },
          fixable: { name: 'Quick-fix', type: 'text', value: finding.fixes.length ? 'available (cloudline fix, or the editor)' : 'none' },
        },
      };
    });
  const messages: { level: 'info' | 'warn'; value: string }[] = [
    ...problemsOf(run.results).map((p) => ({ level: 'warn' as const, value: `Syntax error in ${file(p.file)}:${p.range.start.line}:${p.range.start.column}: ${p.message}` })),
    ...(run.unread ?? []).map((u) => ({ level: 'warn' as const, value: `Not read: ${file(u.path)} (${u.reason})` })),
    ...(run.notChecked ?? []).map((n) => ({ level: 'info' as const, value: `Not checked: ${notCheckedPhrase(n)}` })),
  ];
  const min = severityRank(run.threshold);
  const suppressed = run.results.reduce((n, r) => n + r.suppressed.filter((s) => severityRank(s.finding.severity) >= min).length, 0);
  const s = (n: number) => (n === 1 ? '' : 's');
  if (suppressed) messages.push({ level: 'info', value: `${suppressed} suppressed finding${s(suppressed)} left out (GitLab's format has no suppressed state; the SARIF and JSON reports list them with their suppressions).` });
  const baselined = run.baselined ? visible(run.results, run.threshold).filter(({ finding }) => run.baselined!.has(finding)).length : 0;
  if (baselined) messages.push({ level: 'info', value: `${baselined} finding${s(baselined)} in the baseline ${run.baselineFile} left out.` });
  const tool = { id: 'cloudline', name: 'Cloudline', url: INFORMATION_URI, vendor: { name: 'Cloudline' }, version: TOOL_VERSION };
  const report = {
    version: GITLAB_SAST_VERSION,
    schema: GITLAB_SAST_SCHEMA,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'sast',
      start_time: gitlabTime(run.start),
      end_time: gitlabTime(run.end),
      status: 'success',
      ...(messages.length ? { messages } : {}),
    },
    vulnerabilities,
  };
  return JSON.stringify(report, null, 2) + '\n';
}
