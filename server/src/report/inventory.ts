// The responsibility inventory (issue 15): every resource of the scanned files, grouped by service model, then cloud,
// then service, with both sides of the shared-responsibility line (rules/responsibility/), the controls that apply to
// it (the rules with a check for its type and format) and its findings, open and suppressed. Types the responsibility
// data does not know are grouped as unclassified, by type, never dropped. The CLI writes it as Markdown, JSON
// (docs/inventory.md, docs/schemas/inventory.schema.json) or CSV (cli/inventory.ts).
import type { Catalogue, ServiceInfo } from '../engine/catalogue';
import { checkFormatOf } from '../engine/catalogue';
import type { Unread } from '../engine/files';
import type { Finding, LintResult } from '../engine/lint';
import { effectiveSeverity, type LintConfig } from '../engine/options';
import { SERVICE_MODELS, type FrameworkRef, type Rule, type ServiceModel, type Severity } from '../engine/rule';
import { isPseudoResource, type Resource } from '../formats/resource';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';

/** The version of the JSON shape; raised on any change that is not an added optional field. */
export const INVENTORY_VERSION = 1;

export type Cloud = 'AWS' | 'Azure' | 'Google Cloud' | 'Kubernetes' | 'Other';
export const CLOUDS: readonly Cloud[] = ['AWS', 'Azure', 'Google Cloud', 'Kubernetes', 'Other'];
export const MODELS: readonly ServiceModel[] = SERVICE_MODELS;

export interface InventoryFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** 1-based line and column of the finding. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fixable: boolean;
}

export interface InventorySuppressed extends InventoryFinding {
  /** The reason written with the suppression ('' when none was given: CL-GEN-001 reports that). */
  readonly reason: string;
  /** The 1-based line where the suppression is written. */
  readonly suppressionLine: number;
}

export interface InventoryResource {
  readonly file: string;
  /** 1-based line and column of the resource's name (logical ID, Terraform name or address, Kubernetes name). */
  readonly line: number;
  readonly column: number;
  /** CloudFormation logical ID, Terraform address, Kubernetes `Kind/namespace/name`. */
  readonly id: string;
  readonly type: string;
  readonly format: Resource['format'];
  /** IDs of the rules that check resources of this type and format (keys of `Inventory.controls`). */
  readonly controls: readonly string[];
  readonly findings: readonly InventoryFinding[];
  readonly suppressed: readonly InventorySuppressed[];
}

export interface ServiceGroup {
  readonly service: string;
  readonly model: ServiceModel;
  readonly cloud: Cloud;
  /** What the provider (or the managed control plane) secures. */
  readonly providerSide: string;
  /** What is left to the customer. */
  readonly customerSide: string;
  readonly docs: readonly string[];
  readonly resources: readonly InventoryResource[];
}

export interface CloudGroup {
  readonly cloud: Cloud;
  readonly count: number;
  readonly services: readonly ServiceGroup[];
}

export interface ModelGroup {
  readonly model: ServiceModel;
  readonly count: number;
  readonly clouds: readonly CloudGroup[];
}

export interface UnclassifiedGroup {
  readonly type: string;
  readonly cloud: Cloud;
  /** A Kubernetes kind Cloudline does not know, of an API group outside Kubernetes' own: a custom resource. */
  readonly customResource: boolean;
  readonly count: number;
  readonly resources: readonly InventoryResource[];
}

export interface ControlInfo {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly severity: Severity;
  readonly frameworks: readonly FrameworkRef[];
}

export interface Inventory {
  readonly version: number;
  readonly tool: { readonly name: 'cloudline'; readonly version: string };
  readonly summary: {
    /** IaC files linted. */
    readonly files: number;
    readonly resources: number;
    readonly classified: number;
    readonly unclassified: number;
    /** Open findings on the listed resources (`fileFindings` are not counted here). */
    readonly findings: number;
    readonly suppressed: number;
    readonly byModel: Readonly<Record<ServiceModel | 'Unclassified', number>>;
    readonly byCloud: Readonly<Record<Cloud, number>>;
  };
  readonly models: readonly ModelGroup[];
  readonly unclassified: readonly UnclassifiedGroup[];
  /** The rules named in resources' `controls`, by ID. */
  readonly controls: Readonly<Record<string, ControlInfo>>;
  /**
   * Findings not on a listed resource: on a CloudFormation template's own sections (a parameter's default, an
   * output) or in a Terraform provider configuration (`provider "aws"`), with the file they are in. Listed so that
   * nothing the scan reports is dropped.
   */
  readonly fileFindings: readonly (InventoryFinding & { readonly file: string })[];
  /** Paths that could not be read. */
  readonly unread: readonly { readonly path: string; readonly reason: string }[];
}

/** The cloud a resource type belongs to, from its format and its prefix. */
export function cloudOf(format: Resource['format'], type: string): Cloud {
  if (format === 'kubernetes') return 'Kubernetes';
  if (format === 'cloudformation') return 'AWS';
  const t = type.replace(/^data\./, '');
  const prefix = t.slice(0, Math.max(0, t.indexOf('_')));
  if (prefix === 'aws') return 'AWS';
  if (prefix === 'azurerm' || prefix === 'azuread' || prefix === 'azapi') return 'Azure';
  if (prefix === 'google') return 'Google Cloud';
  if (prefix === 'kubernetes') return 'Kubernetes';
  return 'Other';
}

/** The API group of a Kubernetes `apiVersion` ('' for the core group: `v1`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True for an API group of Kubernetes itself: the core group, the unqualified ones (`apps`, `batch`), `*.k8s.io`. */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group === 'k8s.io' || group.endsWith('.k8s.io');
}

/**
 * True for a Kubernetes object Cloudline knows nothing of (no responsibility data, no rule) whose API group is not
 * one of Kubernetes' own: a custom resource (`cert-manager.io/v1` `Certificate`).
 */
export function isCustomResource(resource: Resource, catalogue: Catalogue): boolean {
  if (resource.format !== 'kubernetes' || !resource.k8s) return false;
  if (catalogue.service(resource.format, resource.type) || catalogue.rulesFor(resource.format, resource.type).length) return false;
  return !isBuiltInGroup(apiGroupOf(resource.k8s.apiVersion));
}

/** Rules (with a check or a project check) by check format and type, built once per catalogue. */
const controlIndex = new WeakMap<Catalogue, Map<string, Rule[]>>();
/** The rules that check resources of this type and format (a check or a project check), in ID order. */
export function controlsFor(catalogue: Catalogue, format: Resource['format'], type: string): readonly Rule[] {
  let index = controlIndex.get(catalogue);
  if (!index) {
    index = new Map();
    for (const rule of catalogue.rules) {
      for (const [f, check] of [...Object.entries(rule.checks), ...Object.entries(rule.projectChecks ?? {})]) {
        for (const t of check?.types ?? []) {
          const key = `${f}\u0000${t}`;
          const list = index.get(key) ?? [];
          if (!list.includes(rule)) list.push(rule);
          index.set(key, list);
        }
      }
    }
    for (const list of index.values()) list.sort((a, b) => compareIds(a.id, b.id));
    controlIndex.set(catalogue, index);
  }
  return index.get(`${checkFormatOf(format)}\u0000${type}`) ?? [];
}

/** Rule IDs in their natural order: CL-AWS-9 before CL-AWS-10. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function position(lines: LineIndex, span: Span): { line: number; column: number } {
  const p = lines.positionAt(span[0]);
  return { line: p.line + 1, column: p.character + 1 };
}

function findingOut(lines: LineIndex, f: Finding): InventoryFinding {
  return { ruleId: f.rule.id, title: f.rule.title, severity: f.severity, ...position(lines, f.span), message: f.message, fixable: f.fixes.length > 0 };
}

/** Whether a resource is in the inventory: every deployed resource (not the CloudFormation template itself, nor a Terraform provider configuration). */
function listed(resource: Resource): boolean {
  return !isPseudoResource(resource);
}

function compareFindings(a: InventoryFinding, b: InventoryFinding): number {
  return a.line - b.line || a.column - b.column || compareIds(a.ruleId, b.ruleId);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareResources(a: InventoryResource, b: InventoryResource): number {
  return byText(a.file, b.file) || a.line - b.line || a.column - b.column || byText(a.id, b.id);
}

/**
 * The inventory of linted files. `config` is the lint's: a rule turned off, below the minimum severity or outside the
 * frameworks filter is not a control that applies.
 */
export function buildInventory(
  results: readonly LintResult[],
  catalogue: Catalogue,
  options: { readonly config?: LintConfig; readonly toolVersion: string; readonly unread?: readonly Unread[] },
): Inventory {
  const config = options.config ?? {};
  const services = new Map<ServiceInfo, InventoryResource[]>();
  const unclassified = new Map<string, { type: string; cloud: Cloud; customResource: boolean; resources: InventoryResource[] }>();
  const controls = new Map<string, ControlInfo>();
  const enabled = new Map<Rule, boolean>();
  const isOn = (rule: Rule) => {
    let on = enabled.get(rule);
    if (on === undefined) enabled.set(rule, (on = effectiveSeverity(rule, config) !== undefined));
    return on;
  };
  let findings = 0;
  let suppressed = 0;
  const fileFindings: (InventoryFinding & { file: string })[] = [];
  for (const result of results) {
    const lines = result.file.lines;
    // Findings and suppressed findings of this file by resource (ID and type: a ResourceRef carries no more).
    const key = (id: string, type: string) => `${id}\u0000${type}`;
    const open = new Map<string, InventoryFinding[]>();
    for (const f of result.findings) {
      const k = key(f.resource.id, f.resource.type);
      const list = open.get(k) ?? [];
      list.push(findingOut(lines, f));
      open.set(k, list);
    }
    for (const list of open.values()) list.sort(compareFindings);
    const silenced = new Map<string, InventorySuppressed[]>();
    for (const { finding, suppression } of result.suppressed) {
      const k = key(finding.resource.id, finding.resource.type);
      const list = silenced.get(k) ?? [];
      list.push({ ...findingOut(lines, finding), reason: suppression.reason, suppressionLine: lines.positionAt(suppression.span[0]).line + 1 });
      silenced.set(k, list);
    }
    for (const list of silenced.values()) list.sort(compareFindings);
    const seen = new Set<string>();
    const attached = new Set<string>();
    for (const r of result.resources) {
      if (!listed(r) || r.file !== result.file) continue;
      const k = key(r.id, r.type);
      // A resource's findings go with its first occurrence (a duplicate ID in one file shares them).
      const first = !seen.has(k);
      seen.add(k);
      attached.add(k);
      const rules = controlsFor(catalogue, r.format, r.type).filter(isOn);
      for (const rule of rules) {
        if (!controls.has(rule.id)) controls.set(rule.id, { id: rule.id, slug: rule.slug, title: rule.title, severity: rule.severity, frameworks: rule.frameworks });
      }
      const mine = first ? (open.get(k) ?? []) : [];
      const quiet = first ? (silenced.get(k) ?? []) : [];
      findings += mine.length;
      suppressed += quiet.length;
      const item: InventoryResource = {
        file: result.file.uri,
        ...position(lines, r.anchor.span),
        id: r.id,
        type: r.type,
        format: r.format,
        controls: rules.map((x) => x.id),
        findings: mine,
        suppressed: quiet,
      };
      const service = catalogue.service(r.format, r.type);
      if (service) {
        const list = services.get(service) ?? [];
        list.push(item);
        services.set(service, list);
      } else {
        let group = unclassified.get(r.type);
        if (!group) unclassified.set(r.type, (group = { type: r.type, cloud: cloudOf(r.format, r.type), customResource: isCustomResource(r, catalogue), resources: [] }));
        group.resources.push(item);
      }
    }
    for (const f of result.findings) if (!attached.has(key(f.resource.id, f.resource.type))) fileFindings.push({ file: result.file.uri, ...findingOut(lines, f) });
  }
  const byModel: Record<ServiceModel | 'Unclassified', number> = { IaaS: 0, PaaS: 0, SaaS: 0, Hybrid: 0, Unclassified: 0 };
  const byCloud: Record<Cloud, number> = { AWS: 0, Azure: 0, 'Google Cloud': 0, Kubernetes: 0, Other: 0 };
  const models: ModelGroup[] = [];
  for (const model of MODELS) {
    const clouds: CloudGroup[] = [];
    for (const cloud of CLOUDS) {
      const groups: ServiceGroup[] = [];
      for (const [info, list] of services) {
        if (info.model !== model || info.provider !== cloud) continue;
        list.sort(compareResources);
        groups.push({ service: info.service, model, cloud, providerSide: info.providerSide, customerSide: info.customerSide, docs: info.docs ?? [], resources: list });
      }
      if (!groups.length) continue;
      groups.sort((a, b) => byText(a.service, b.service));
      const count = groups.reduce((n, g) => n + g.resources.length, 0);
      byCloud[cloud] += count;
      clouds.push({ cloud, count, services: groups });
    }
    const count = clouds.reduce((n, c) => n + c.count, 0);
    byModel[model] = count;
    if (count) models.push({ model, count, clouds });
  }
  const others: UnclassifiedGroup[] = [...unclassified.values()].map((g) => {
    g.resources.sort(compareResources);
    byCloud[g.cloud] += g.resources.length;
    return { type: g.type, cloud: g.cloud, customResource: g.customResource, count: g.resources.length, resources: g.resources };
  });
  others.sort((a, b) => b.count - a.count || byText(a.type, b.type));
  byModel.Unclassified = others.reduce((n, g) => n + g.count, 0);
  const classified = MODELS.reduce((n, m) => n + byModel[m], 0);
  const sortedControls: Record<string, ControlInfo> = {};
  for (const id of [...controls.keys()].sort(compareIds)) sortedControls[id] = controls.get(id)!;
  return {
    version: INVENTORY_VERSION,
    tool: { name: 'cloudline', version: options.toolVersion },
    summary: {
      files: results.length,
      resources: classified + byModel.Unclassified,
      classified,
      unclassified: byModel.Unclassified,
      findings,
      suppressed,
      byModel,
      byCloud,
    },
    models,
    unclassified: others,
    controls: sortedControls,
    fileFindings,
    unread: (options.unread ?? []).map((u) => ({ path: u.path, reason: u.reason })),
  };
}
