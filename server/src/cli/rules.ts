// `cloudline rules`: the catalogue with all its metadata, as text, JSON or a Markdown table.
import type { Catalogue } from '../engine/catalogue';
import type { CheckFormat, Rule } from '../engine/rule';
import { frameworkLabel } from '../engine/rule';
import { escapeText } from './report';
import { ours } from './inventory';

function formats(rule: Rule): string[] {
  const names: Record<CheckFormat, string[]> = {
    cloudformation: ['cloudformation'],
    terraform: ['terraform', 'terraform-plan'],
    kubernetes: ['kubernetes'],
  };
  const keys = new Set([...Object.keys(rule.checks), ...Object.keys(rule.projectChecks ?? {})] as CheckFormat[]);
  return [...keys].flatMap((k) => names[k]);
}

export function ruleMetadata(rule: Rule) {
  return {
    id: rule.id,
    slug: rule.slug,
    title: rule.title,
    severity: rule.severity,
    formats: formats(rule),
    fixable: rule.fixable,
    description: rule.description,
    remediation: rule.remediation,
    responsibility: rule.responsibility,
    frameworks: rule.frameworks,
    equivalents: rule.equivalents,
    docs: rule.docs,
    ...(rule.custom ? { custom: { file: rule.custom.file } } : {}),
  };
}

export function rulesReport(catalogue: Catalogue, format: 'text' | 'json' | 'md'): string {
  const rules = [...catalogue.rules].sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') return JSON.stringify(rules.map(ruleMetadata), null, 2) + '\n';
  if (format === 'md') {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    const lines = [
      '| ID | Slug | Title | Severity | Formats | Quick-fix | Owner | Model | Layer | Frameworks | Equivalents |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rules.map((r) =>
        [
          r.id,
          `\`${r.slug}\``,
          ours(r.custom ? `${r.title} (custom: ${r.custom.file})` : r.title),
          r.severity,
          formats(r).join(', '),
          r.fixable ? 'yes' : 'no',
          r.responsibility.owner,
          r.responsibility.model,
          r.responsibility.layer,
          esc(r.frameworks.map(frameworkLabel).join('; ')),
          esc(Object.entries(r.equivalents).map(([tool, ids]) => `${tool}: ${(ids as string[]).join(', ')}`).join('; ')),
        ].join(' | '),
      ).map((l) => `| ${l} |`),
    ];
    return lines.join('\n') + '\n';
  }
  // A custom rule's text comes from a workspace's file: escaped, as findings are, so it cannot drive the terminal.
  return rules.map((r) => `${r.id}  ${r.severity.padEnd(8)}  ${r.slug.padEnd(40)}  ${r.custom ? escapeText(r.title) : r.title}  [${formats(r).join(', ')}]${r.custom ? `  (custom: ${escapeText(r.custom.file)})` : ''}`).join('\n') + '\n';
}
