// Hover: on a finding, the responsibility card for it; on a resource's type, the service's side of the line.
// Cards are Markdown, or plain text for a client that accepts only plain text. Text that comes from the file (a
// logical ID, a type) is escaped: a logical ID is the author's to choose, and must not turn into links or images.
import type { Hover, MarkupKind } from 'vscode-languageserver';
import type { Catalogue, ServiceInfo } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import { isProviderConfig, PROVIDER_TYPE_PREFIX, type Resource } from '../formats/resource';
import { toRange } from './diagnostics';
import { frameworkLabel } from '../engine/rule';
import { pathToFileURL } from 'node:url';
import { escapeMarkdown } from '../report/markdown';

export { escapeMarkdown };
import { cloudOf, controlsFor, isCustomResource } from '../report/inventory';

const MODEL_TEXT: Record<string, string> = {
  IaaS: 'IaaS — you run the operating system and everything above it',
  PaaS: 'PaaS — the provider runs the platform; its configuration and your data are yours',
  SaaS: 'SaaS — the provider runs the service; identities, settings and data are yours',
  Hybrid: 'Hybrid — the provider runs the managed control plane; the workloads are yours',
};

/** Builds card text in Markdown or in plain text. */
class Card {
  constructor(readonly kind: MarkupKind) {}

  get md(): boolean {
    return this.kind === 'markdown';
  }

  heading(s: string): string {
    return this.md ? `### ${s}` : s;
  }

  bold(s: string): string {
    return this.md ? `**${s}**` : s;
  }

  italic(s: string): string {
    return this.md ? `_${s}_` : s;
  }

  /** Text that comes from the file, shown as code: a code span no backtick inside can close. */
  code(s: string): string {
    const flat = s.replace(/[\r\n]+/g, ' ');
    if (!this.md) return flat;
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space at each end: padding is needed when the text starts or ends with a backtick.
    const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
  }

  /** Text that comes from the file, shown as text: every Markdown and HTML character escaped. */
  text(s: string): string {
    return escapeMarkdown(s.replace(/[\r\n]+/g, ' '), this.md);
  }

  /** Text the rules wrote in Markdown (remediation): as is, or without its code-span backticks in plain text. */
  prose(s: string): string {
    return this.md ? s : s.replace(/`([^`]*)`/g, '$1');
  }

  link(label: string, url: string): string {
    return this.md ? `[${label}](${url})` : `${label}: ${url}`;
  }

  /** Lines joined; in plain text, a Markdown rule between cards becomes a plain one. */
  static join(lines: readonly string[]): string {
    return lines.join('\n');
  }
}

function serviceLines(card: Card, service: ServiceInfo | undefined, fallbackModel: string): string[] {
  if (!service) return [`${card.bold('Service model:')} ${MODEL_TEXT[fallbackModel] ?? fallbackModel}`];
  return [
    `${card.bold(service.service)} · ${MODEL_TEXT[service.model] ?? service.model}`,
    '',
    `${card.bold(`${service.provider === 'Kubernetes' ? 'The provider' : service.provider} secures:`)} ${service.providerSide}`,
    '',
    `${card.bold('Yours:')} ${service.customerSide}`,
  ];
}

/** The card for one finding (Markdown unless `kind` is plaintext). */
export function findingCard(f: Finding, catalogue: Catalogue, docUri: (slug: string) => string, kind: MarkupKind = 'markdown'): string {
  const card = new Card(kind);
  const service = catalogue.service(f.resource.format, f.resource.type);
  const r = f.rule;
  const frameworks = r.frameworks.map(frameworkLabel);
  // A custom rule's texts come from a workspace's file: shown as text (no links, no images); its page is that file.
  const text = (s: string) => (r.custom ? card.text(s) : card.prose(s));
  const page = r.custom ? card.link('Custom rule', pathToFileURL(r.custom.file).toString()) : card.link('Rule documentation', docUri(r.slug));
  return Card.join([
    card.heading(r.custom ? card.text(r.title) : r.title),
    `${card.md ? `\`${r.id}\`` : r.id} · ${r.severity} · owner: ${card.bold(r.responsibility.owner)} · ${r.responsibility.layer.replace(/-/g, ' ')}`,
    '',
    // The finding's own message (with this rule's responsibility line) is shown right above by the editor.
    ...serviceLines(card, service, r.responsibility.model),
    '',
    ...(r.remediation || f.fixes.length ? [`${card.bold('Fix:')} ${text(r.remediation)}${f.fixes.length ? ` ${card.italic('(quick-fix available)')}` : ''}`] : []),
    ...(frameworks.length ? ['', `${card.bold('Frameworks:')} ${frameworks.join(' · ')}`] : []),
    '',
    `${page}${r.docs[0] ? ` · ${card.link('Provider documentation', r.docs[0])}` : ''}`,
  ]);
}

function findingsLine(card: Card, resource: Resource, findings: readonly Finding[]): string {
  const mine = findings.filter((f) => f.resource.id === resource.id);
  return mine.length === 0
    ? card.italic('No customer-side findings on this resource.')
    : `${card.bold(`${mine.length} customer-side finding${mine.length === 1 ? '' : 's'}`)} on ${card.code(resource.id)}.`;
}

/**
 * The card for a resource's type (Markdown unless `kind` is plaintext): the service's responsibility split, or, for a
 * type the responsibility data does not know, what its provider prefix tells (never nothing).
 */
export function resourceCard(resource: Resource, catalogue: Catalogue, findings: readonly Finding[], kind: MarkupKind = 'markdown'): string {
  const card = new Card(kind);
  if (isProviderConfig(resource)) return providerCard(card, resource, catalogue, findings);
  const service = catalogue.service(resource.format, resource.type);
  if (!service) return unclassifiedCard(card, resource, catalogue, findings);
  return Card.join([
    card.heading(card.text(resource.type)),
    ...serviceLines(card, service, service.model),
    '',
    findingsLine(card, resource, findings),
    ...(service.docs?.[0] ? ['', card.link(`Security in ${service.service}`, service.docs[0])] : []),
  ]);
}

/**
 * The card of a Terraform provider configuration (`provider "aws"`): not a deployed resource, so no service's side of
 * the line; what Cloudline reads in it, and its findings.
 */
function providerCard(card: Card, resource: Resource, catalogue: Catalogue, findings: readonly Finding[]): string {
  const name = resource.type.slice(PROVIDER_TYPE_PREFIX.length);
  const rules = controlsFor(catalogue, resource.format, resource.type).length;
  return Card.join([
    card.heading(`Provider configuration ${card.code(resource.id)}`),
    `Terraform's settings for the ${card.code(name)} provider: how it reaches the provider's API. It deploys nothing.`,
    '',
    `${card.bold('Yours:')} the credentials it uses and where they are written: a credential in the configuration is readable by everyone who can read the code.`,
    '',
    rules === 0 ? card.italic('No Cloudline rules check this provider\'s configuration.') : `${rules} Cloudline rule${rules === 1 ? ' checks' : 's check'} this provider's configuration.`,
    '',
    findingsLine(card, resource, findings),
  ]);
}

/** The card of a type outside the responsibility data: its cloud (from the prefix), or a Kubernetes custom resource. */
function unclassifiedCard(card: Card, resource: Resource, catalogue: Catalogue, findings: readonly Finding[]): string {
  const heading = card.heading(card.text(resource.type));
  if (isCustomResource(resource, catalogue)) {
    return Card.join([
      heading,
      `${card.bold('Kubernetes custom resource')} (${card.code(resource.k8s!.apiVersion)}) · yours to secure`,
      '',
      `${card.bold('Yours:')} the object, its custom resource definition, and the controller or operator that acts on it (what it is allowed to do in the cluster). Cloudline has no rules for this kind.`,
      '',
      findingsLine(card, resource, findings),
    ]);
  }
  const cloud = cloudOf(resource.format, resource.type);
  const prefix = resource.type.replace(/^data\./, '').split('_')[0];
  const who = cloud === 'Other' ? `The ${card.code(prefix)} provider` : cloud;
  const rules = controlsFor(catalogue, resource.format, resource.type).length;
  return Card.join([
    heading,
    `${card.bold(who)} · service model not classified yet`,
    '',
    `Cloudline's responsibility data does not cover this type yet, so which side of the line the ${cloud === 'Other' ? 'provider' : 'service'} sits on is not said here.`,
    '',
    `${card.bold('Yours:')} the configuration written in this file, as for every resource you declare.`,
    '',
    rules === 0 ? card.italic('No Cloudline rules check this type.') : `${rules} Cloudline rule${rules === 1 ? ' checks' : 's check'} this type.`,
    '',
    findingsLine(card, resource, findings),
  ]);
}

/**
 * Hover at `offset` of a linted document, as Markdown, or as plain text when `kind` is plaintext (a client whose
 * hover capability lists only plaintext, or prefers it).
 */
export function hoverAt(
  result: LintResult,
  offset: number,
  catalogue: Catalogue,
  docUri: (slug: string) => string,
  kind: MarkupKind = 'markdown',
): Hover | null {
  const lines = result.file.lines;
  const hits = result.findings.filter((f) => f.span[0] <= offset && offset <= f.span[1]);
  if (hits.length > 0) {
    // The narrowest span is the most specific finding; all findings there are shown.
    hits.sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]));
    const separator = kind === 'markdown' ? '\n\n---\n\n' : '\n\n';
    return {
      contents: { kind, value: hits.map((f) => findingCard(f, catalogue, docUri, kind)).join(separator) },
      range: toRange(lines, hits[0].span),
    };
  }
  const resource = result.resources.find((r) => r.typeNode.span[0] <= offset && offset <= r.typeNode.span[1]);
  if (resource) {
    return { contents: { kind, value: resourceCard(resource, catalogue, result.findings, kind) }, range: toRange(lines, resource.typeNode.span) };
  }
  return null;
}

/** The hover content format for a client's hover `contentFormat` capability: its first supported choice, else Markdown. */
export function hoverKind(contentFormat: readonly string[] | undefined): MarkupKind {
  const first = contentFormat?.find((k) => k === 'markdown' || k === 'plaintext');
  return first === 'plaintext' ? 'plaintext' : 'markdown';
}
