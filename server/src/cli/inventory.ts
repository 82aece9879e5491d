// `cloudline inventory`: the responsibility inventory (report/inventory.ts) written as Markdown tables, JSON (the
// shape of docs/inventory.md, schema docs/schemas/inventory.schema.json) or CSV (one row per resource, RFC 4180).
import type { Cloud, Inventory, InventoryResource, InventorySuppressed, InventoryFinding } from '../report/inventory';
import { frameworkLabel } from '../engine/rule';
import { MODELS } from '../report/inventory';
import { escapeMarkdown } from '../report/markdown';

/** The inventory as JSON (2-space indented, one trailing newline). */
export function inventoryJson(inv: Inventory): string {
  return JSON.stringify(inv, null, 2) + '\n';
}

export const MODEL_TEXT: Record<string, string> = {
  IaaS: 'you run the operating system and everything above it',
  PaaS: 'the provider runs the platform; its configuration and your data are yours',
  SaaS: 'the provider runs the service; identities, settings and data are yours',
  Hybrid: 'the provider runs the managed control plane; the workloads are yours',
};

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function percent(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '0.0%';
}

/** Prose from a file (a suppression's reason) in a Markdown table cell: every Markdown and HTML character escaped, on one line. */
export function cell(s: string): string {
  return escapeMarkdown(s.replace(/[\r\n]+/g, ' '));
}

/**
 * A name from a file (an ID, a type, a path) in a table cell: a code span no backtick inside can close, on one line,
 * with `|` escaped (GitHub's tables split cells at a pipe even inside code spans, and unescape `\|` there).
 */
export function code(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Rule text (titles, responsibility clauses, framework references) in a table cell, on one line: pipes escaped, and the
 * characters that start a link, an image, HTML, a code span or emphasis, since a custom rule's text (.cloudline/rules/)
 * comes from the workspace. Built-in text reads as it is (it has almost none of them).
 */
export function ours(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\[\]<>`!*_|]/g, (c) => `\\${c}`);
}

function findingText(f: InventoryFinding): string {
  return `${f.ruleId} ${f.severity} (line ${f.line})`;
}

function suppressedText(f: InventorySuppressed): string {
  return `${f.ruleId} ${f.severity}: ${f.reason ? `“${cell(f.reason)}”` : 'no reason given'} (line ${f.suppressionLine})`;
}

function resourceRow(r: InventoryResource): string {
  const findings = r.findings.map(findingText).join('; ') || '—';
  const suppressed = r.suppressed.map(suppressedText).join('; ') || '—';
  return `| ${code(r.id)} | ${code(r.type)} | ${code(`${r.file}:${r.line}`)} | ${r.controls.join(', ') || '—'} | ${findings} | ${suppressed} |`;
}

const TABLE_HEAD = ['| Resource | Type | File | Controls | Findings | Suppressed (reason) |', '|---|---|---|---|---|---|'];

/** The inventory as Markdown: a summary, one section per model (cloud and service within), unclassified types, controls. */
export function inventoryMarkdown(inv: Inventory): string {
  const s = inv.summary;
  const out: string[] = ['# Cloudline responsibility inventory', ''];
  const models = [...MODELS.map((m) => `${s.byModel[m]} ${m}`), `${s.byModel.Unclassified} unclassified`].join(', ');
  out.push(
    `${plural(s.resources, 'resource')} in ${plural(s.files, 'IaC file')}: ${models} (${percent(s.classified, s.resources)} classified by model and service).`,
    `${plural(s.findings, 'open finding')}, ${s.suppressed} suppressed, each on record with its suppression.`,
    '',
  );
  out.push('| Model | Resources |', '|---|---:|', ...MODELS.map((m) => `| ${m} | ${s.byModel[m]} |`), `| Unclassified | ${s.byModel.Unclassified} |`, '');
  for (const m of inv.models) {
    out.push(`## ${m.model}: ${MODEL_TEXT[m.model]} (${plural(m.count, 'resource')})`, '');
    for (const c of m.clouds) {
      for (const g of c.services) {
        out.push(`### ${c.cloud} · ${g.service} (${plural(g.resources.length, 'resource')})`, '');
        out.push(`**${c.cloud === 'Kubernetes' ? 'The provider' : c.cloud} secures:** ${g.providerSide}`, '');
        out.push(`**Yours:** ${g.customerSide}`, '');
        out.push(...TABLE_HEAD, ...g.resources.map(resourceRow), '');
      }
    }
  }
  if (inv.unclassified.length) {
    out.push(`## Unclassified (${plural(s.unclassified, 'resource')})`, '');
    out.push(
      'Types the responsibility data does not cover yet: which side of the line the service sits on is not said here; what the file configures is yours.',
      '',
    );
    out.push('| Type | Cloud | Resources | Note |', '|---|---|---:|---|');
    for (const g of inv.unclassified) out.push(`| ${code(g.type)} | ${g.cloud} | ${g.count} | ${g.customResource ? 'Kubernetes custom resource: yours to secure; Cloudline has no rules for it' : ''} |`);
    out.push('', ...TABLE_HEAD, ...inv.unclassified.flatMap((g) => g.resources.map(resourceRow)), '');
  }
  if (inv.fileFindings.length) {
    out.push('## Findings on templates (not on a resource)', '', '| File | Finding |', '|---|---|');
    for (const f of inv.fileFindings) out.push(`| ${code(`${f.file}:${f.line}`)} | ${findingText(f)} |`);
    out.push('');
  }
  const controls = Object.values(inv.controls);
  if (controls.length) {
    out.push('## Controls', '', '| Rule | Title | Severity | Frameworks |', '|---|---|---|---|');
    for (const c of controls) {
      const fw = c.frameworks.map(frameworkLabel).join('; ') || '—';
      out.push(`| ${c.id} | ${ours(c.title)} | ${c.severity} | ${ours(fw)} |`);
    }
    out.push('');
  }
  if (inv.unread.length) {
    out.push('## Not read', '', '| Path | Reason |', '|---|---|', ...inv.unread.map((u) => `| ${code(u.path)} | ${cell(u.reason)} |`), '');
  }
  return out.join('\n');
}

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF (quotes doubled). A field that starts with
 * `=`, `+`, `-`, `@`, a tab or CR is prefixed with `'` first, so that a spreadsheet shows it as text rather than
 * running it as a formula (CSV injection).
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'model',
  'cloud',
  'service',
  'type',
  'format',
  'resource',
  'file',
  'line',
  'provider_side',
  'customer_side',
  'controls',
  'findings',
  'finding_rules',
  'suppressed',
  'suppressed_rules_and_reasons',
] as const;

/** The inventory as CSV: a header, then one row per resource (classified by model order, then unclassified); CRLF line ends. */
export function inventoryCsv(inv: Inventory): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  const row = (model: string, cloud: Cloud, service: string, providerSide: string, customerSide: string, r: InventoryResource) => [
    model,
    cloud,
    service,
    r.type,
    r.format,
    r.id,
    r.file,
    r.line,
    providerSide,
    customerSide,
    r.controls.join(' '),
    r.findings.length,
    r.findings.map((f) => `${f.ruleId} (${f.severity}, line ${f.line})`).join('; '),
    r.suppressed.length,
    r.suppressed.map((f) => `${f.ruleId}: ${f.reason || 'no reason given'}`).join('; '),
  ];
  for (const m of inv.models) for (const c of m.clouds) for (const g of c.services) for (const r of g.resources) rows.push(row(m.model, c.cloud, g.service, g.providerSide, g.customerSide, r));
  for (const g of inv.unclassified) for (const r of g.resources) rows.push(row('Unclassified', g.cloud, '', '', '', r));
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
