// `cloudline report --format html`: the responsibility report (report/report.ts) as one self-contained HTML file: no
// network, no script, no external font or image; inline CSS readable on screen and in print; charts drawn as inline
// SVG (findings by responsibility layer and by service model, controls passed/failed/accepted per framework). All
// text from the files (names, paths, reasons, messages) is escaped; links go only to the frameworks' public pages.
// The editor's webview (service/report.ts) gets the same page with a nonce: its style and one small script run under a
// policy that allows nothing else, and each file location is a link the script posts to the extension.
import { SEVERITIES, type Severity } from '../engine/rule';
import { MODELS } from '../report/inventory';
import { LAYERS, type Report, type ReportControl, type ReportFramework } from '../report/report';
import { CLASS_TEXT, STATUS_TEXT, frameworkTotals } from './report-md';
import { percent, plural } from './inventory';

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

/** A link to a public page of ours (a framework's source): only http(s) URLs, else the text alone. */
function link(url: string, text: string): string {
  return /^https?:\/\/[^\s"'<>]+$/.test(url) ? `<a href="${e(url)}">${e(text)}</a>` : e(text);
}

const COLORS = {
  passed: '#2e7d32',
  failed: '#c62828',
  accepted: '#f9a825',
  'no-resources': '#9e9e9e',
  bar: '#1565c0',
};

const SEVERITY_COLOR: Record<Severity, string> = { critical: '#7f0000', high: '#c62828', medium: '#ef6c00', low: '#1565c0', info: '#616161' };

/** A horizontal bar chart: one labelled bar per entry, the count at its end. */
function barChart(title: string, entries: readonly (readonly [string, number])[]): string {
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const row = 22;
  const labelW = 170;
  const barW = 260;
  const h = entries.length * row + 8;
  const bars = entries
    .map(([label, n], i) => {
      const y = i * row + 4;
      const w = Math.round((barW * n) / max);
      return (
        `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${e(label)}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${w}" height="16" fill="${COLORS.bar}"/>` +
        `<text x="${labelW + w + 4}" y="${y + 14}">${n}</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${e(title)}</figcaption><svg role="img" aria-label="${e(title)}" width="${labelW + barW + 40}" height="${h}" viewBox="0 0 ${labelW + barW + 40} ${h}">${bars}</svg></figure>`;
}

/** Controls passed, failed, accepted and with no resources per framework, as stacked bars of the checked controls. */
function controlsChart(frameworks: readonly ReportFramework[]): string {
  const row = 26;
  const labelW = 170;
  const barW = 300;
  const max = Math.max(1, ...frameworks.map((f) => f.checked.length));
  const keys = ['passed', 'failed', 'accepted', 'no-resources'] as const;
  const h = frameworks.length * row + 30;
  const bars = frameworks
    .map((f, i) => {
      const y = i * row + 4;
      let x = labelW;
      const parts = keys
        .map((k) => {
          const n = f.totals.controls[k];
          const w = (barW * n) / max;
          const part = n ? `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="18" fill="${COLORS[k]}"><title>${e(`${f.id}: ${n} ${STATUS_TEXT[k]}`)}</title></rect>` : '';
          x += w;
          return part;
        })
        .join('');
      return `<text x="${labelW - 6}" y="${y + 16}" text-anchor="end">${e(f.id)}</text>${parts}<text x="${(x + 4).toFixed(1)}" y="${y + 16}">${f.totals.controls.passed}/${f.totals.controls.failed}/${f.totals.controls.accepted}/${f.totals.controls['no-resources']}</text>`;
    })
    .join('');
  const legendY = frameworks.length * row + 16;
  const legend = keys
    .map((k, i) => `<rect x="${labelW + i * 95}" y="${legendY - 10}" width="12" height="12" fill="${COLORS[k]}"/><text x="${labelW + i * 95 + 16}" y="${legendY}">${STATUS_TEXT[k]}</text>`)
    .join('');
  const title = 'Checked controls per framework: passed / failed / accepted / no resources';
  return `<figure><figcaption>${e(title)}</figcaption><svg role="img" aria-label="${e(title)}" width="${labelW + barW + 110}" height="${h}" viewBox="0 0 ${labelW + barW + 110} ${h}">${bars}${legend}</svg></figure>`;
}

function status(s: string): string {
  return `<span class="st st-${e(s)}">${e(STATUS_TEXT[s] ?? s)}</span>`;
}

/** How the page is written: the CLI's (no script, locations as text), or the editor's webview's. */
export interface HtmlOptions {
  /**
   * The webview's nonce: the policy allows only the style and the script that carry it, and each location is a link
   * (`data-file`, `data-line`, `data-column`) that the script posts to the extension as `{ type: 'open', … }`.
   */
  readonly nonce?: string;
}

/** A file location: text in the CLI's page, a link the webview's script handles in the editor's. */
type Where = (file: string, line: number, column?: number) => string;

function whereOf(options: HtmlOptions): Where {
  if (options.nonce === undefined) return (file, line) => `<code>${e(`${file}:${line}`)}</code>`;
  return (file, line, column = 1) =>
    `<a href="#" class="loc" data-file="${e(file)}" data-line="${line}" data-column="${column}" title="Open ${e(file)} at line ${line}"><code>${e(`${file}:${line}`)}</code></a>`;
}

/** The webview's one script: a click on a location posts it to the extension (which checks it before it opens anything). */
const WEBVIEW_SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a.loc') : null;
  if (!a) return;
  event.preventDefault();
  vscode.postMessage({ type: 'open', file: a.dataset.file, line: Number(a.dataset.line), column: Number(a.dataset.column) });
});
`;

function controlRow(c: ReportControl, where: Where): string {
  const failed = c.resources.filter((r) => r.status === 'failed').map((r) => `<code>${e(r.id)}</code> ${where(r.file, r.line)} (${e(r.findings.map((f) => f.ruleId).join(', '))})`);
  const accepted = c.resources.flatMap((r) =>
    r.accepted.map((a) => `<code>${e(r.id)}</code> ${e(a.ruleId)}: “${e(a.reason || 'no reason given')}” (written at ${where(a.where.file, a.where.line)})`),
  );
  return (
    `<tr><td>${e(c.id)}</td><td>${e(c.title ?? '')}</td><td>${status(c.status)}</td><td class="n">${c.counts.passed}</td><td class="n">${c.counts.failed}</td>` +
    `<td class="n">${c.counts.accepted}</td><td>${e(c.rules.join(', '))}</td><td>${failed.join('<br>') || '—'}</td><td>${accepted.join('<br>') || '—'}</td></tr>`
  );
}

function frameworkSection(f: ReportFramework, where: Where): string {
  const out: string[] = [`<section class="fw"><h3>${e(f.title)}</h3>`, `<p class="muted">ID <code>${e(f.id)}</code> · source: ${link(f.list?.source ?? f.source, f.list?.source ?? f.source)}</p>`];
  out.push(`<p>${e(frameworkTotals(f))}</p>`);
  if (f.checked.length) {
    out.push(
      '<table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Passed</th><th>Failed</th><th>Accepted</th><th>Rules</th><th>Failed resources</th><th>Accepted (reason, where written)</th></tr></thead><tbody>',
      ...f.checked.map((c) => controlRow(c, where)),
      '</tbody></table>',
    );
  }
  if (f.unnumbered) {
    const u = f.unnumbered;
    out.push(`<p>Rules citing the framework without a control number (${e(u.rules.join(', '))}): ${status(u.status)}, ${u.counts.passed} passed, ${u.counts.failed} failed, ${u.counts.accepted} accepted.</p>`);
  }
  for (const cls of ['not-covered', 'not-checkable', 'provider'] as const) {
    const list = f.others.filter((o) => o.class === cls);
    if (!list.length) continue;
    out.push(`<p class="others"><strong>${e(capital(CLASS_TEXT[cls]))} (${list.length}):</strong> ${list.map((o) => `${e(o.id)} ${e(o.title)}`).join(' · ')}</p>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 16px; margin-bottom: 4px; }
.muted { color: #555; } code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 3px; border-radius: 3px; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; } .card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; } .charts { display: flex; flex-wrap: wrap; gap: 24px; } figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
.st { padding: 0 6px; border-radius: 3px; color: #fff; white-space: nowrap; } .st-passed { background: ${COLORS.passed}; } .st-failed { background: ${COLORS.failed}; }
.st-accepted { background: ${COLORS.accepted}; color: #1a1a1a; } .st-no-resources { background: ${COLORS['no-resources']}; }
.sev { font-weight: 600; } ${SEVERITIES.map((s) => `.sev-${s} { color: ${SEVERITY_COLOR[s]}; }`).join(' ')}
.others { font-size: 12px; color: #444; } .why { color: #333; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; } h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  table { font-size: 10px; } tr, figure, .card { break-inside: avoid; } thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; } a[href]::after { content: " (" attr(href) ")"; font-size: 9px; color: #555; }
  .st, .card, th, rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** In the webview: the page keeps its light look whatever the editor's theme; locations look like links. */
const WEBVIEW_CSS = `
body { background: #fff; } a.loc { color: #0b57d0; text-decoration: none; } a.loc:hover code { text-decoration: underline; }
`;

/** The report as one self-contained HTML page (with `options.nonce`, the editor's webview page). */
export function reportHtml(report: Report, options: HtmlOptions = {}): string {
  const s = report.summary;
  const where = whereOf(options);
  const nonce = options.nonce === undefined ? undefined : e(options.nonce);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing is loaded from anywhere: no script (but the webview's, by its nonce), no connection; styles are inline only.
    nonce === undefined
      ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
      : `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Cloudline responsibility report</title>',
    nonce === undefined ? `<style>${CSS}</style>` : `<style nonce="${nonce}">${CSS}${WEBVIEW_CSS}</style>`,
    '</head><body>',
    '<h1>Cloudline responsibility report</h1>',
    `<p class="muted">Cloudline ${e(report.tool.version)} · report format version ${report.version}</p>`,
    '<div class="cards">',
    `<div class="card"><b>${s.resources}</b>resources in ${plural(s.files, 'IaC file')}</div>`,
    `<div class="card"><b>${percent(s.classified, s.resources)}</b>classified by service model</div>`,
    `<div class="card"><b>${s.findings}</b>standing findings (${s.fixable} with a quick-fix)</div>`,
    `<div class="card"><b>${s.suppressed}</b>accepted (suppressed), on record</div>`,
    '</div>',
    '<h2>Inventory</h2>',
    '<div class="charts">',
    barChart('Resources by service model', [...MODELS.map((m) => [m, s.byModel[m]] as const), ['Unclassified', s.byModel.Unclassified]]),
    barChart('Resources by cloud', Object.entries(s.byCloud)),
    '</div>',
  ];
  if (report.unclassified.length) {
    out.push(
      '<p>Unclassified types (no responsibility data yet; what the file configures is yours):</p>',
      '<table><thead><tr><th>Type</th><th>Cloud</th><th>Resources</th></tr></thead><tbody>',
      ...report.unclassified.map((u) => `<tr><td><code>${e(u.type)}</code></td><td>${e(u.cloud)}${u.customResource ? ' (custom resource)' : ''}</td><td class="n">${u.count}</td></tr>`),
      '</tbody></table>',
    );
  }
  out.push(
    '<h2>Findings</h2>',
    '<div class="charts">',
    barChart('Standing findings by responsibility layer', LAYERS.map((l) => [l, s.findingsByLayer[l]] as const)),
    barChart('Standing findings by service model', MODELS.map((m) => [m, s.findingsByModel[m]] as const)),
    barChart('Standing findings by severity', [...SEVERITIES].reverse().map((v) => [v, s.findingsBySeverity[v]] as const)),
    '</div>',
    '<h2>Audit evidence</h2>',
  );
  if (report.frameworks.length) out.push(controlsChart(report.frameworks), ...report.frameworks.map((f) => frameworkSection(f, where)));
  else out.push('<p>No framework selected.</p>');
  out.push('<h2>Remediation backlog</h2>');
  if (!report.backlog.length) out.push('<p>No standing findings.</p>');
  else {
    out.push(
      '<p>In order of risk: severity, then exposure (network, identity and access, data stores), then blast radius; a network finding linked to another ranks with it.</p>',
      '<table><thead><tr><th>#</th><th>Severity</th><th>Rule</th><th>Resource</th><th>File</th><th>Owner</th><th>Quick-fix</th><th>Why here</th></tr></thead><tbody>',
      ...report.backlog.map(
        (r) =>
          `<tr><td class="n">${r.rank}</td><td class="sev sev-${r.severity}">${r.severity}</td><td>${e(r.ruleId)} ${e(r.title)}</td><td><code>${e(r.resource.id)}</code></td>` +
          `<td>${where(r.file, r.line, r.column)}</td><td>${e(r.owner)}: ${e(r.ownerText)}</td><td>${r.fixable ? 'yes' : 'no'}</td><td class="why">${e(r.why)}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  if (report.unread.length) {
    out.push('<h2>Not read</h2><table><thead><tr><th>Path</th><th>Reason</th></tr></thead><tbody>', ...report.unread.map((u) => `<tr><td><code>${e(u.path)}</code></td><td>${e(u.reason)}</td></tr>`), '</tbody></table>');
  }
  if (nonce !== undefined) out.push(`<script nonce="${nonce}">${WEBVIEW_SCRIPT}</script>`);
  out.push('</body></html>', '');
  return out.join('\n');
}
