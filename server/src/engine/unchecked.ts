// What a scan did not check, said rather than left to look like a clean result (issue #12): resources of providers
// or services the rule catalogue has no rules for, files of formats Cloudline does not lint yet (told by name and a
// bounded look at the first bytes), and Helm charts (templates not rendered). The CLI ends its report with one line
// naming them (JSON `notChecked`, SARIF notifications); the editor shows one information diagnostic per file.
//
// "Has rules" comes from the catalogue, never from a hand list:
// - Terraform (`.tf`, `.tf.json`, plans): a managed resource whose provider (the type's prefix before the first `_`:
//   `azurerm`, `google`) has no rule for any of its types. Data sources are reads and are not counted; the utility
//   providers that create no cloud resource (`random`, `null`, `time`, …: UTILITY_PROVIDERS) are not counted either.
//   A type of a provider that has rules that the service data does not know (`aws_ssoadmin_permission_set`) is not counted: partial coverage of a provider is the
//   rule catalogue's business (docs/rules.md), not a blind spot, except where the responsibility data names the
//   type's service and no rule checks any type of that service (as CloudFormation's per service): `azurerm_frontdoor`
//   is counted as Azure Front Door while Azure has rules for other services.
// - CloudFormation: a resource whose service (`AWS::Route53` of `AWS::Route53::RecordSet`) has no rule for any of its
//   types. `Custom::*` and `AWS::CloudFormation::*` (custom resources, stack plumbing) are not counted.
// - Kubernetes: an object of a kind no rule reads (`PersistentVolumeClaim`, a custom resource), Kustomize's own
//   `Kustomization` and `Component` files excepted. CLI summary only: in the editor a manifest of such kinds gets no
//   diagnostic (most of them have nothing to misconfigure).
import { basename, dirname } from 'node:path';
import type { Resource } from '../formats';
import { isProviderConfig } from '../formats/resource';
import type { Span } from '../model/tree';
import type { Catalogue } from './catalogue';
import type { LintResult } from './lint';
import { goTemplateAction } from './templates';

/** One kind of thing the scan did not check. */
export interface NotChecked {
  /** `resources`: resources without rules; `files`: files of a format not linted; `helm`: Helm charts. */
  readonly kind: 'resources' | 'files' | 'helm';
  /** What they are (a singular noun for files): `azurerm_*`, `AWS::Route53::*`, `Kubernetes PersistentVolumeClaim`, `Bicep file`, `Helm chart`. */
  readonly what: string;
  /** Why, for people: `no rules for Azure yet`, `not linted yet`, `templates not rendered`. */
  readonly reason: string;
  /** How many resources (kind `resources`), files (`files`) or charts (`helm`). */
  readonly count: number;
  /** The files they are in (for `helm`: the charts' folders), named as results are, each once. */
  readonly files: readonly string[];
  /** `helm`: how many template files the charts hold. */
  readonly templates?: number;
}

/** Providers whose resources are not cloud infrastructure (random values, local files, timers): nothing to check. */
export const UTILITY_PROVIDERS: ReadonlySet<string> = new Set(['random', 'null', 'time', 'local', 'terraform', 'external', 'http', 'archive', 'template', 'tls', 'cloudinit']);

/** Kustomize's own files: build instructions, not cluster objects (what they build is scanned as its own files). */
const KUSTOMIZE_KINDS: ReadonlySet<string> = new Set(['Kustomization', 'Component']);

/** Readable names of Terraform providers, for messages; any other is "the <prefix> provider". */
const PROVIDER_NAMES: Record<string, string> = {
  azurerm: 'Azure',
  azuread: 'Microsoft Entra ID (Azure AD)',
  azapi: 'Azure',
  google: 'Google Cloud',
  kubernetes: 'Kubernetes (Terraform provider)',
  helm: 'Helm (Terraform provider)',
  alicloud: 'Alibaba Cloud',
  oci: 'Oracle Cloud',
  digitalocean: 'DigitalOcean',
  ibm: 'IBM Cloud',
  github: 'GitHub',
  cloudflare: 'Cloudflare',
  datadog: 'Datadog',
  vault: 'Vault',
};

/** A resource's unchecked group, or undefined when it has rules (or nothing to check). */
export interface UncheckedGroup {
  readonly key: string;
  readonly what: string;
  readonly reason: string;
  /** Also said in the editor (providers and services; not Kubernetes kinds). */
  readonly editor: boolean;
  /** The provider or service, for the editor's sentence: `Azure (azurerm_*)`, `AWS::Route53`. */
  readonly name: string;
}

/** The catalogue's coverage: Terraform providers, CloudFormation services and Kubernetes kinds with at least one rule. */
class Coverage {
  readonly providers = new Set<string>();
  readonly services = new Set<string>();
  readonly kinds = new Set<string>();
  /** Terraform services (of the responsibility data) with a rule for at least one of their types. */
  readonly tfServices = new Set<string>();

  constructor(private readonly catalogue: Catalogue) {
    for (const rule of catalogue.rules) {
      for (const [format, check] of [...Object.entries(rule.checks), ...Object.entries(rule.projectChecks ?? {})]) {
        for (const type of check?.types ?? []) {
          if (format === 'terraform') {
            this.providers.add(providerOf(type));
            const service = catalogue.service('terraform', type)?.service;
            if (service) this.tfServices.add(service);
          } else if (format === 'cloudformation') this.services.add(serviceOf(type));
          else if (format === 'kubernetes') this.kinds.add(type);
        }
      }
    }
  }

  group(resource: Resource): UncheckedGroup | undefined {
    const type = resource.type;
    if (resource.format === 'terraform' || resource.format === 'terraform-plan') {
      // Data sources and provider configurations (`provider.aws`) deploy nothing.
      if (type.startsWith('data.') || isProviderConfig(resource)) return undefined;
      const provider = providerOf(type);
      if (!provider || UTILITY_PROVIDERS.has(provider)) return undefined;
      if (this.providers.has(provider)) {
        const service = this.catalogue.service(resource.format, type)?.service;
        if (!service || this.tfServices.has(service)) return undefined;
        return { key: `terraform-service:${service}`, what: service, reason: 'no rules for this service yet', editor: true, name: `${service} (${type})` };
      }
      const readable = PROVIDER_NAMES[provider] ?? `the ${provider} provider`;
      return { key: `terraform:${provider}`, what: `${provider}_*`, reason: `no rules for ${readable} yet`, editor: true, name: `${readable} (${provider}_*)` };
    }
    if (resource.format === 'cloudformation') {
      if (resource.template || !type.includes('::') || type.startsWith('Custom::') || type.startsWith('AWS::CloudFormation::')) return undefined;
      const service = serviceOf(type);
      if (this.services.has(service)) return undefined;
      return { key: `cloudformation:${service}`, what: `${service}::*`, reason: 'no rules for this service yet', editor: true, name: `${service} (${service}::*)` };
    }
    if (resource.format === 'kubernetes') {
      if (this.kinds.has(type) || KUSTOMIZE_KINDS.has(type)) return undefined;
      return { key: `kubernetes:${type}`, what: `Kubernetes ${type}`, reason: 'no rules for this kind', editor: false, name: `Kubernetes ${type}` };
    }
    return undefined;
  }
}

/** `azurerm` of `azurerm_storage_account` (`data.` stripped); '' for a type without a prefix. */
function providerOf(type: string): string {
  const t = type.replace(/^data\./, '');
  const at = t.indexOf('_');
  return at > 0 ? t.slice(0, at) : t;
}

/** `AWS::Route53` of `AWS::Route53::RecordSet`. */
function serviceOf(type: string): string {
  const parts = type.split('::');
  return parts.length >= 2 ? `${parts[0]}::${parts[1]}` : type;
}

const coverages = new WeakMap<Catalogue, Coverage>();
function coverage(catalogue: Catalogue): Coverage {
  let c = coverages.get(catalogue);
  if (!c) coverages.set(catalogue, (c = new Coverage(catalogue)));
  return c;
}

/** The group of a resource the catalogue has no rules for, or undefined. */
export function uncheckedGroup(resource: Resource, catalogue: Catalogue): UncheckedGroup | undefined {
  return coverage(catalogue).group(resource);
}

/** The editor's notice for a file: on the type of its first resource without rules, with the count of the file's. */
export interface UncheckedNotice {
  readonly span: Span;
  readonly message: string;
}

/**
 * One notice for a lint result: on the type label of the first resource (in file order) whose provider or service has
 * no rules, naming it, with how many resources of the file are not checked. Undefined when there is none.
 */
export function uncheckedNotice(result: LintResult, catalogue: Catalogue): UncheckedNotice | undefined {
  let first: { resource: Resource; group: UncheckedGroup } | undefined;
  let total = 0;
  const counts = new Map<string, number>();
  for (const resource of result.resources) {
    if (resource.file !== result.file) continue;
    const group = uncheckedGroup(resource, catalogue);
    if (!group?.editor) continue;
    total++;
    counts.set(group.key, (counts.get(group.key) ?? 0) + 1);
    if (!first || resource.typeNode.span[0] < first.resource.typeNode.span[0]) first = { resource, group };
  }
  if (!first) return undefined;
  const n = counts.get(first.group.key)!;
  const others = total - n;
  const message =
    `Cloudline has no rules for ${first.group.name} resources yet: ${n} resource${n === 1 ? '' : 's'} in this file ${n === 1 ? 'is' : 'are'} not checked` +
    (others ? ` (and ${others} more of other providers or services without rules)` : '') +
    '. Turn this notice off with the setting cloudline.reportUnchecked.';
  return { span: first.resource.typeNode.span, message };
}

/** What a scan's files tell about formats Cloudline does not lint, by name (no read). */
export function formatByName(path: string): { what: string; reason: string } | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower.endsWith('.bicep') || lower.endsWith('.bicepparam')) return { what: 'Bicep file', reason: 'not linted yet' };
  if (lower === '.terraform.lock.hcl') return undefined;
  if (lower === 'terragrunt.hcl') return { what: 'Terragrunt file', reason: 'not linted yet' };
  if (lower.endsWith('.pkr.hcl')) return { what: 'Packer template', reason: 'not linted' };
  if (lower.endsWith('.hcl')) return { what: 'HCL file (*.hcl)', reason: 'not linted' };
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.startsWith('dockerfile.')) return { what: 'Dockerfile', reason: 'not linted' };
  if (lower === 'pulumi.yaml' || lower === 'pulumi.yml') return { what: 'Pulumi project', reason: 'program not run' };
  if (lower === 'cdk.json') return { what: 'CDK app', reason: 'not synthesized; scan cdk.out' };
  if (lower === 'serverless.yml' || lower === 'serverless.yaml') return { what: 'Serverless Framework file', reason: 'not linted' };
  return undefined;
}

/** True for a name `formatByName` knows and the walk does not otherwise pick up. */
export function isOtherFormat(name: string): boolean {
  return formatByName(name) !== undefined;
}

/** A Helm template met outside any chart the scan found. */
export const HELM_TEMPLATE = { what: 'Helm template', reason: 'not rendered' };

/** How much of a file's text the content sniff looks at. */
export const SNIFF_CHARS = 4096;

/** A file read but none of ours: what it is, from its name and its first characters, or undefined. */
export function formatByContent(path: string, text: string): { what: string; reason: string } | undefined {
  const byName = formatByName(path);
  if (byName) return byName;
  const head = text.slice(0, SNIFF_CHARS);
  if (/"\$schema"\s*:\s*"[^"]*deployment(Template|Parameters)\.json/i.test(head)) return { what: 'ARM template', reason: 'not linted yet' };
  // An Ansible playbook: a YAML list of plays, each with `hosts:` (and tasks or roles).
  if (/^-[ \t]+(?:name:.*\n[ \t]+)?hosts:[ \t]*\S/m.test(head) && /^[ \t]+(?:tasks|roles|pre_tasks):/m.test(head)) return { what: 'Ansible playbook', reason: 'not linted' };
  return undefined;
}

/** Collects what a scan did not check; `add*` as files are met, `resources` after the lint, `list` at the end. */
export class NotCheckedTally {
  private readonly files = new Map<string, { reason: string; files: string[] }>();
  private readonly charts = new Map<string, { name: string; templates: number }>();
  private readonly chartDirs: string[] = [];

  constructor(private readonly name: (path: string) => string = (p) => p) {}

  /** A file of a format not linted. */
  addFile(path: string, format: { what: string; reason: string }): void {
    this.addNamed(this.name(path), format);
  }

  /** `addFile` of a file already named as results are. */
  addNamed(shown: string, format: { what: string; reason: string }): void {
    const entry = this.files.get(format.what) ?? { reason: format.reason, files: [] };
    entry.files.push(shown);
    this.files.set(format.what, entry);
  }

  /** `inChart` of a file named as results are. */
  inChartNamed(shown: string): boolean {
    return [...this.charts.values()].some((c) => shown.startsWith(c.name + '/'));
  }

  /** Every path the scan met (candidates and others): charts are found by their `Chart.yaml`, templates counted under them. */
  addCharts(paths: readonly string[]): void {
    for (const p of paths) if (basename(p) === 'Chart.yaml' || basename(p) === 'Chart.yml') this.chartDirs.push(dirname(p));
    this.chartDirs.sort((a, b) => b.length - a.length);
    for (const dir of this.chartDirs) this.charts.set(dir, { name: this.name(dir), templates: 0 });
    for (const p of paths) {
      const chart = this.chartDirs.find((d) => p.startsWith(d + '/templates/') || p.startsWith(d + '\\templates\\'));
      if (chart && /\.(ya?ml|tpl|json|txt)$/i.test(p)) this.charts.get(chart)!.templates++;
    }
  }

  /** True for a path inside a chart's folder (its templates, values and Chart.yaml are the chart's, not separate files). */
  inChart(path: string): boolean {
    return this.chartDirs.some((d) => path === d || path.startsWith(d + '/') || path.startsWith(d + '\\'));
  }

  /** Everything, in a stable order: resources by count, then charts, then files of other formats. */
  list(results: readonly LintResult[], catalogue: Catalogue): NotChecked[] {
    const groups = new Map<string, { group: UncheckedGroup; count: number; files: Set<string> }>();
    for (const r of results) {
      for (const resource of r.resources) {
        if (resource.file !== r.file) continue;
        const group = uncheckedGroup(resource, catalogue);
        if (!group) continue;
        const g = groups.get(group.key) ?? { group, count: 0, files: new Set<string>() };
        g.count++;
        g.files.add(r.file.uri);
        groups.set(group.key, g);
      }
    }
    const out: NotChecked[] = [...groups.values()]
      .sort((a, b) => b.count - a.count || (a.group.what < b.group.what ? -1 : 1))
      .map((g) => ({ kind: 'resources' as const, what: g.group.what, reason: g.group.reason, count: g.count, files: [...g.files] }));
    if (this.charts.size) {
      const charts = [...this.charts.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      out.push({ kind: 'helm', what: 'Helm chart', reason: 'templates not rendered', count: charts.length, files: charts.map((c) => c.name), templates: charts.reduce((n, c) => n + c.templates, 0) });
    }
    for (const [what, e] of [...this.files].sort((a, b) => b[1].files.length - a[1].files.length || (a[0] < b[0] ? -1 : 1))) {
      out.push({ kind: 'files', what, reason: e.reason, count: e.files.length, files: e.files });
    }
    return out;
  }
}

/** `12 azurerm_* resources (no rules for Azure yet)`, `1 Helm chart (3 templates not rendered)`, `2 Bicep files (not linted yet)`. */
export function notCheckedPhrase(n: NotChecked): string {
  const s = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  if (n.kind === 'resources') return `${s(n.count, `${n.what} resource`)} (${n.reason})`;
  if (n.kind === 'helm') return `${s(n.count, 'Helm chart')} (${s(n.templates ?? 0, 'template')} not rendered)`;
  return `${s(n.count, n.what)} (${n.reason})`;
}

/** The text report's closing line, or undefined: at most `max` groups named, the rest counted. */
export function notCheckedLine(list: readonly NotChecked[], max = 6): string | undefined {
  if (!list.length) return undefined;
  const named = list.slice(0, max).map(notCheckedPhrase);
  const more = list.length - named.length;
  return `Not checked: ${named.join(', ')}${more ? `, and ${more} more (see --format json)` : ''}.`;
}

/** True when a text holds a Go template action (a Helm template), for callers that have the text at hand. */
export function isGoTemplate(text: string): boolean {
  return goTemplateAction(text) >= 0;
}
