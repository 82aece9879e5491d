// `cloudline report --format md|json`: the responsibility report (report/report.ts) as Markdown, or as JSON (the shape
// of docs/report.md, schema docs/schemas/report.schema.json). Names from the files are code spans, prose from the files
// (suppression reasons, messages) is escaped, so file content cannot add links or markup.
import type { Report, ReportControl, ReportFramework } from '../report/report';
import { LAYERS } from '../report/report';
import { MODELS } from '../report/inventory';
import { SEVERITIES } from '../engine/rule';
import { cell, code, ours, percent, plural } from './inventory';

/** The report as JSON (2-space indented, one trailing newline). */
export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export const STATUS_TEXT: Record<string, string> = { passed: 'passed', failed: 'failed', accepted: 'accepted', 'no-resources': 'no resources' };
export const CLASS_TEXT: Record<string, string> = {
  'not-checkable': 'not checkable from IaC (a process control)',
  provider: "the provider's side",
  'not-covered': 'not yet covered by a rule',
};

/** One line that states a framework's totals. */
export function frameworkTotals(f: ReportFramework): string {
  const c = f.totals.controls;
  const k = f.totals.classes;
  return (
    `${plural(f.checked.length, 'control')} checked: ${c.passed} passed, ${c.failed} failed, ${c.accepted} accepted, ${c['no-resources']} with no resources; ` +
    `${plural(f.totals.findings, 'finding')} standing, ${f.totals.accepted} accepted.` +
    (f.list ? ` Of the list's other controls: ${k['not-checkable']} not checkable from IaC, ${k.provider} provider side, ${k['not-covered']} not yet covered.` : ' No bundled control list.')
  );
}

function controlRow(c: ReportControl): string {
  const accepted = c.resources.flatMap((r) => r.accepted.map((a) => `${code(r.id)} ${a.ruleId}: “${cell(a.reason || 'no reason given')}” (${code(`${a.where.file}:${a.where.line}`)})`));
  const failed = c.resources.filter((r) => r.status === 'failed').map((r) => `${code(r.id)} (${code(`${r.file}:${r.line}`)})`);
  return `| ${ours(c.id)} | ${ours(c.title ?? '')} | ${STATUS_TEXT[c.status]} | ${c.counts.passed} | ${c.counts.failed} | ${c.counts.accepted} | ${c.rules.join(', ')} | ${failed.join('; ') || '—'} | ${accepted.join('; ') || '—'} |`;
}

/** The report as Markdown: summary, evidence per framework, backlog. */
export function reportMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = ['# Cloudline responsibility report', ''];
  out.push(
    `${plural(s.resources, 'resource')} in ${plural(s.files, 'IaC file')} (${percent(s.classified, s.resources)} classified by service model). ` +
      `${plural(s.findings, 'finding')} standing (${s.fixable} with a quick-fix), ${s.suppressed} suppressed, each on record with its suppression.`,
    '',
    '## Inventory',
    '',
    '| Model | Resources |',
    '|---|---:|',
    ...MODELS.map((m) => `| ${m} | ${s.byModel[m]} |`),
    `| Unclassified | ${s.byModel.Unclassified} |`,
    '',
    '| Cloud | Resources |',
    '|---|---:|',
    ...Object.entries(s.byCloud).map(([c, n]) => `| ${c} | ${n} |`),
    '',
  );
  if (report.unclassified.length) {
    out.push('Unclassified types (no responsibility data yet; what the file configures is yours):', '', '| Type | Cloud | Resources |', '|---|---|---:|');
    for (const u of report.unclassified) out.push(`| ${code(u.type)} | ${u.cloud}${u.customResource ? ' (custom resource)' : ''} | ${u.count} |`);
    out.push('');
  }
  out.push('Standing findings by responsibility layer and by service model:', '', '| Layer | Findings |', '|---|---:|');
  for (const l of LAYERS) out.push(`| ${l} | ${s.findingsByLayer[l]} |`);
  out.push('', '| Model | Findings |', '|---|---:|', ...MODELS.map((m) => `| ${m} | ${s.findingsByModel[m]} |`), '');
  out.push('| Severity | Findings |', '|---|---:|', ...[...SEVERITIES].reverse().map((v) => `| ${v} | ${s.findingsBySeverity[v]} |`), '');

  out.push('## Audit evidence', '');
  for (const f of report.frameworks) {
    out.push(`### ${ours(f.title)}`, '', `ID \`${f.id}\`; source: ${f.list?.source ?? f.source}.`, '', frameworkTotals(f), '');
    if (f.checked.length) {
      out.push('| Control | Title | Status | Passed | Failed | Accepted | Rules | Failed resources | Accepted (reason, where written) |', '|---|---|---|---:|---:|---:|---|---|---|');
      for (const c of f.checked) out.push(controlRow(c));
      out.push('');
    }
    if (f.unnumbered) {
      const u = f.unnumbered;
      out.push(`Rules citing the framework without a control number (${u.rules.join(', ')}): ${STATUS_TEXT[u.status]}, ${u.counts.passed} passed, ${u.counts.failed} failed, ${u.counts.accepted} accepted.`, '');
    }
    if (f.others.length) {
      out.push('<details><summary>Controls Cloudline does not check</summary>', '', '| Control | Title | Why |', '|---|---|---|');
      for (const o of f.others) out.push(`| ${ours(o.id)} | ${ours(o.title)} | ${CLASS_TEXT[o.class]} |`);
      out.push('', '</details>', '');
    }
  }

  out.push('## Remediation backlog', '');
  if (!report.backlog.length) out.push('No standing findings.', '');
  else {
    out.push('In order of risk: severity, then exposure (network, identity and access, data stores), then blast radius.', '');
    out.push('| # | Severity | Rule | Resource | File | Owner | Quick-fix | Why here |', '|---:|---|---|---|---|---|---|---|');
    for (const r of report.backlog) {
      out.push(
        `| ${r.rank} | ${r.severity} | ${r.ruleId} ${ours(r.title)} | ${code(r.resource.id)} | ${code(`${r.file}:${r.line}`)} | ${r.owner}: ${ours(r.ownerText)} | ${r.fixable ? 'yes' : 'no'} | ${cell(r.why)} |`,
      );
    }
    out.push('');
  }
  if (report.unread.length) out.push('## Not read', '', '| Path | Reason |', '|---|---|', ...report.unread.map((u) => `| ${code(u.path)} | ${cell(u.reason)} |`), '');
  return out.join('\n');
}
