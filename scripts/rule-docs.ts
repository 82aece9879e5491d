// The mechanical half of each rule's README.md, generated from its rule.ts: the header (ID, slug, title, severity,
// formats) and a delimited block at the end (facts, responsibility, frameworks, equivalents, references).
// The written half in between is a person's: what the rule looks for, why it matters, whose side of the line,
// how to fix, what is not reported. `npm run docs:pages` rewrites the generated parts; test/rules/docs.test.ts
// checks that every README is current and that its written half has the required sections.
import { parse } from 'yaml';
import type { CheckFormat, Equivalents, Rule } from '../server/src/engine/rule';

export const MARKER = '<!-- generated: do not edit below; `npm run docs:pages` writes it from rule.ts (link titles may be edited) -->';

/** The written sections every README has, in this order (others may come between and after them). */
export const REQUIRED_SECTIONS = ['What it finds', 'Why it matters', 'Whose side of the line', 'How to fix', 'Not reported'] as const;

const TOOLS: readonly [keyof Equivalents, string][] = [
  ['checkov', 'Checkov'],
  ['kics', 'KICS'],
  ['trivy', 'Trivy'],
  ['cfnLint', 'cfn-lint'],
  ['cfnNag', 'cfn_nag'],
  ['kubeLinter', 'kube-linter'],
  ['polaris', 'Polaris'],
  ['kubeScore', 'kube-score'],
];

function checkKeys(rule: Rule): Set<CheckFormat> {
  return new Set([...Object.keys(rule.checks), ...Object.keys(rule.projectChecks ?? {})] as CheckFormat[]);
}

function types(rule: Rule): string[] {
  const all = [...Object.values(rule.checks), ...Object.values(rule.projectChecks ?? {})].flatMap((c) => c?.types ?? []);
  return [...new Set(all)];
}

/** The formats as the header line names them. */
export function formatsPhrase(rule: Rule): string {
  const keys = checkKeys(rule);
  const parts: string[] = [];
  if (keys.has('cloudformation')) {
    parts.push(types(rule).some((t) => t.startsWith('AWS::Serverless::')) ? 'CloudFormation (incl. AWS SAM)' : 'CloudFormation');
  }
  if (keys.has('terraform')) parts.push('Terraform (HCL and JSON), Terraform plans');
  if (keys.has('kubernetes')) {
    parts.push(rule.projectChecks?.kubernetes ? 'Kubernetes manifests (YAML and JSON), across documents and files' : 'Kubernetes manifests (YAML and JSON)');
  }
  return parts.length ? parts.join(', ') : 'every format';
}

/**
 * Whether the rule offers a quick-fix: its `fixable` metadata when it declares it (the declarative rule helper
 * adds it), else what its examples.yaml shows (a bad example with `fixed` text), else unknown.
 */
export function fixable(rule: Rule, examplesYaml?: string): boolean | undefined {
  const value = (rule as unknown as { fixable?: unknown }).fixable;
  if (typeof value === 'boolean') return value;
  if (examplesYaml === undefined) return undefined;
  const examples = (parse(examplesYaml) ?? {}) as Record<string, { bad?: { fixed?: string }[] }>;
  return Object.values(examples).some((sets) => (sets?.bad ?? []).some((ex) => typeof ex.fixed === 'string'));
}

export function header(rule: Rule): string {
  return `# ${rule.id} · ${rule.slug}\n\n**${rule.title}** · severity: ${rule.severity} · ${formatsPhrase(rule)}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A readable link text for a URL nobody has titled yet. */
export function fallbackTitle(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const segments = u.pathname.split('/').filter(Boolean);
  const last = (segments.at(-1) ?? u.hostname).replace(/\.html?$/, '');
  const hash = u.hash ? ` (${decodeURIComponent(u.hash.slice(1))})` : '';
  if (u.hostname === 'registry.terraform.io') {
    const provider = ['aws', 'azurerm', 'google'].includes(segments[2]) ? segments[2] : '';
    // A page already named with its provider's prefix (google's `google_project_iam`) keeps its name.
    return `Terraform ${provider && !last.startsWith(`${provider}_`) ? `${provider}_` : ''}${last}${hash}`;
  }
  const site = u.hostname === 'docs.aws.amazon.com' ? 'AWS documentation' : u.hostname === 'kubernetes.io' ? 'Kubernetes documentation' : u.hostname === 'learn.microsoft.com' ? 'Microsoft Learn' : u.hostname;
  return `${site}: ${last}${hash}`;
}

/** Link texts already on the page, by URL (the generated block's first, then the written half's). */
export function linkTitles(readme: string): Map<string, string> {
  const titles = new Map<string, string>();
  const at = readme.indexOf(MARKER);
  const parts = at >= 0 ? [readme.slice(at), readme.slice(0, at)] : [readme];
  for (const part of parts) {
    for (const m of part.matchAll(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g)) {
      if (!titles.has(m[2])) titles.set(m[2], m[1]);
    }
  }
  return titles;
}

/** The generated block: everything from the marker to the end of the file. */
export function block(rule: Rule, titles: ReadonlyMap<string, string> = new Map(), examplesYaml?: string): string {
  const r = rule.responsibility;
  const fix = fixable(rule, examplesYaml);
  const ts = types(rule);
  const rows: [string, string][] = [
    ['Severity', `${rule.severity} (change it or turn the rule off with \`cloudline.rules\` or \`.cloudline.yaml\`)`],
    ['Formats', formatsPhrase(rule)],
    ['Resource types', ts.length ? ts.map((t) => `\`${t}\``).join(', ') : 'none: the engine reports it'],
    ...(fix === undefined ? [] : [['Quick-fix', fix ? 'yes' : 'no'] as [string, string]]),
    ['Owner', r.owner],
    ['Service model', r.model],
    ['Layer', r.layer],
    ['The provider', r.provider],
    ['Yours', r.customer],
  ];
  const lines = [
    MARKER,
    '## Rule facts',
    '',
    `| ID | \`${rule.id}\` |`,
    '|---|---|',
    `| Slug | \`${rule.slug}\` |`,
    ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    '',
    '## Frameworks',
    '',
    ...(rule.frameworks.length
      ? rule.frameworks.map((f) => `- ${f.framework} ${f.version}${f.controls.length ? `: ${f.controls.join(', ')}` : ' (cited as a whole: no one recommendation matches)'}`)
      : ['None mapped.']),
    '',
    '## Same check in other tools',
    '',
  ];
  const eq = TOOLS.filter(([k]) => (rule.equivalents[k] ?? []).length > 0);
  lines.push(...(eq.length ? eq.map(([k, name]) => `- ${name}: ${rule.equivalents[k]!.map((id) => `\`${id}\``).join(', ')}`) : ['None known.']));
  lines.push('', '## References', '');
  lines.push(...(rule.docs.length ? rule.docs.map((u) => `- [${titles.get(u) ?? fallbackTitle(u)}](${u})`) : ['None.']));
  return lines.join('\n') + '\n';
}

/** Splits a README into its header (before the first section), written half and generated block. */
export function split(readme: string): { head: string; written: string; generated: string } {
  const at = readme.indexOf(MARKER);
  const top = at >= 0 ? readme.slice(0, at) : readme;
  const generated = at >= 0 ? readme.slice(at) : '';
  const first = top.search(/^## /m);
  return first >= 0 ? { head: top.slice(0, first), written: top.slice(first), generated } : { head: top, written: '', generated };
}

/** The README with its generated parts rewritten from `rule` (and its examples.yaml) and its written half kept. */
export function render(rule: Rule, readme: string, examplesYaml?: string): string {
  const { written } = split(readme);
  return `${header(rule)}\n${written.trimEnd()}\n\n${block(rule, linkTitles(readme), examplesYaml)}`;
}

/** The `## ` headings of the written half, in order. */
export function writtenSections(readme: string): string[] {
  return [...split(readme).written.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
}
