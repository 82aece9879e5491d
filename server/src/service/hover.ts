// Hover: on a finding, the responsibility card for it; on a resource's type, the service's side of the line.
import type { Hover } from 'vscode-languageserver';
import type { Catalogue, ServiceInfo } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import type { Resource } from '../formats/resource';
import { toRange } from './diagnostics';

const MODEL_TEXT: Record<string, string> = {
  IaaS: 'IaaS — you run the operating system and everything above it',
  PaaS: 'PaaS — the provider runs the platform; its configuration and your data are yours',
  SaaS: 'SaaS — the provider runs the service; identities, settings and data are yours',
  Hybrid: 'Hybrid — the provider runs the managed control plane; the workloads are yours',
};

function serviceLines(service: ServiceInfo | undefined, fallbackModel: string): string[] {
  if (!service) return [`**Service model:** ${MODEL_TEXT[fallbackModel] ?? fallbackModel}`];
  return [
    `**${service.service}** · ${MODEL_TEXT[service.model] ?? service.model}`,
    '',
    `**${service.provider === 'AWS' ? 'AWS' : 'The provider'} secures:** ${service.providerSide}`,
    '',
    `**Yours:** ${service.customerSide}`,
  ];
}

/** The Markdown card for one finding. */
export function findingCard(f: Finding, catalogue: Catalogue, docUri: (slug: string) => string): string {
  const service = catalogue.service(f.resource.format, f.resource.type);
  const r = f.rule;
  const frameworks = r.frameworks.map((fw) => `${fw.framework} ${fw.version}: ${fw.controls.join(', ')}`);
  return [
    `### ${r.title}`,
    `\`${r.id}\` · ${r.severity} · owner: **${r.responsibility.owner}** · ${r.responsibility.layer.replace(/-/g, ' ')}`,
    '',
    // The finding's own message (with this rule's responsibility line) is shown right above by the editor.
    ...serviceLines(service, r.responsibility.model),
    '',
    `**Fix:** ${r.remediation}${f.fixes.length ? ' _(quick-fix available)_' : ''}`,
    ...(frameworks.length ? ['', `**Frameworks:** ${frameworks.join(' · ')}`] : []),
    '',
    `[Rule documentation](${docUri(r.slug)})${r.docs[0] ? ` · [Provider documentation](${r.docs[0]})` : ''}`,
  ].join('\n');
}

/** The Markdown card for a resource's type: the service's responsibility split. */
export function resourceCard(resource: Resource, catalogue: Catalogue, findings: readonly Finding[]): string | undefined {
  const service = catalogue.service(resource.format, resource.type);
  if (!service) return undefined;
  const mine = findings.filter((f) => f.resource.id === resource.id);
  return [
    `### ${resource.type}`,
    ...serviceLines(service, service.model),
    '',
    mine.length === 0 ? '_No customer-side findings on this resource._' : `**${mine.length} customer-side finding${mine.length === 1 ? '' : 's'}** on \`${resource.id}\`.`,
    ...(service.docs?.[0] ? ['', `[Security in ${service.service}](${service.docs[0]})`] : []),
  ].join('\n');
}

/** Hover at `offset` of a linted document. */
export function hoverAt(result: LintResult, offset: number, catalogue: Catalogue, docUri: (slug: string) => string): Hover | null {
  const lines = result.file.lines;
  const hits = result.findings.filter((f) => f.span[0] <= offset && offset <= f.span[1]);
  if (hits.length > 0) {
    // The narrowest span is the most specific finding; all findings there are shown.
    hits.sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]));
    return {
      contents: { kind: 'markdown', value: hits.map((f) => findingCard(f, catalogue, docUri)).join('\n\n---\n\n') },
      range: toRange(lines, hits[0].span),
    };
  }
  const resource = result.resources.find((r) => r.typeNode.span[0] <= offset && offset <= r.typeNode.span[1]);
  if (resource) {
    const card = resourceCard(resource, catalogue, result.findings);
    if (card) return { contents: { kind: 'markdown', value: card }, range: toRange(lines, resource.typeNode.span) };
  }
  return null;
}
