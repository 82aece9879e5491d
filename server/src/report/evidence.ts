// Audit evidence for one framework, from a scan's lint results: each control Cloudline checks, with every resource it
// applies to as passed, failed (with its findings) or accepted (a suppressed finding, with the reason and where it is
// written); then the framework's other controls with their class (not-checkable, provider, not-covered). Pure
// functions: no I/O. The totals count each finding once, so they reconcile with the scan's own counts of findings and
// suppressed findings of the rules that cite the framework (test/unit/evidence.test.ts).
import { CONTROL_LISTS } from '../../../rules/index';
import { FRAMEWORKS, frameworkOf, type ControlClass, type ControlList, type FrameworkInfo } from '../../../rules/frameworks';
import { checkFormatOf, type Catalogue } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import type { Rule } from '../engine/rule';
import type { Suppression } from '../engine/suppress';
import { isProviderConfig } from '../formats/resource';
import type { Format } from '../model/parse';
import type { Span } from '../model/tree';

/** How a resource stands against a control: no finding, a finding, or only findings accepted with a suppression. */
export type ResourceStatus = 'passed' | 'failed' | 'accepted';

/** A finding accepted by a suppression: the reason on record and where it is written. */
export interface AcceptedFinding {
  readonly finding: Finding;
  readonly reason: string;
  /** The file the suppression is written in (the finding's file) and its span there. */
  readonly where: { readonly uri: string; readonly span: Span };
  readonly suppression: Suppression;
}

/** One resource a control applies to, with the findings of the control's rules on it. */
export interface ResourceEvidence {
  /** The file (as the scan names it). */
  readonly uri: string;
  readonly format: Format;
  readonly type: string;
  /** CloudFormation logical ID, Terraform address, Kubernetes `Kind/namespace/name`. */
  readonly id: string;
  /** `failed` when any finding stands, else `accepted` when any was suppressed, else `passed`. */
  readonly status: ResourceStatus;
  /** Findings that stand (status `failed`). */
  readonly findings: readonly Finding[];
  /** Findings accepted with a suppression. */
  readonly accepted: readonly AcceptedFinding[];
}

/** `no-resources`: no scanned resource is of a type the control's rules check. */
export type ControlStatus = ResourceStatus | 'no-resources';

/** A control some rule checks, with its evidence. */
export interface CheckedControl {
  readonly id: string;
  /** From the bundled list (undefined when the framework has no list). */
  readonly title?: string;
  /** The IDs of the rules that cite it (and ran). */
  readonly rules: readonly string[];
  /** `failed` when a resource failed, else `accepted` when one was accepted, else `passed`; `no-resources` when none applies. */
  readonly status: ControlStatus;
  readonly resources: readonly ResourceEvidence[];
  readonly counts: { readonly passed: number; readonly failed: number; readonly accepted: number };
}

/** A control of the framework's list that no rule checks, and why. */
export interface OtherControl {
  readonly id: string;
  readonly title: string;
  readonly class: Exclude<ControlClass, 'checked'>;
}

export interface FrameworkEvidence {
  readonly framework: FrameworkInfo;
  /** The bundled control list's source and completeness (undefined when the framework has no list). */
  readonly list?: { readonly source: string; readonly complete: boolean };
  /** Controls the rules cite, in the list's order (controls not in the list, if any, after it). */
  readonly checked: readonly CheckedControl[];
  /**
   * Rules that cite the framework without a control number (its number could not be verified), with their evidence:
   * their findings count in the totals.
   */
  readonly unnumbered?: Omit<CheckedControl, 'id' | 'title'>;
  /** The list's other controls, with their class. */
  readonly others: readonly OtherControl[];
  readonly totals: EvidenceTotals;
}

export interface EvidenceTotals {
  /** Distinct findings of the framework's rules that stand (a finding whose rule cites three controls counts once). */
  readonly findings: number;
  /** Distinct suppressed findings of the framework's rules. */
  readonly accepted: number;
  /** Checked controls by status. */
  readonly controls: Readonly<Record<ControlStatus, number>>;
  /** The list's controls by class (`checked`: the controls rules cite). */
  readonly classes: Readonly<Record<ControlClass, number>>;
}

export interface EvidenceOptions {
  /** The bundled control lists (default: rules/frameworks/*.yaml as generated into rules/index.ts). */
  readonly lists?: readonly ControlList[];
  /** The rules that ran (default: every rule of the catalogue); pass the scan's rule filter so that a rule turned off does not pass. */
  readonly ruleEnabled?: (rule: Rule) => boolean;
}

/** The framework with this ID (`cis-aws-3.0.0`), or whose name and version match (`NIST SP 800-53 Rev. 5`). */
export function findFramework(name: string): FrameworkInfo | undefined {
  const wanted = name.trim().toLowerCase();
  return FRAMEWORKS.find((f) => f.id === wanted || `${f.name} ${f.version}`.toLowerCase() === wanted);
}

/** The controls a rule cites in a framework (`[]` when it cites the framework without a number; undefined when not at all). */
export function controlsCited(rule: Rule, framework: FrameworkInfo): string[] | undefined {
  let out: string[] | undefined;
  for (const ref of rule.frameworks) {
    if (frameworkOf(ref)?.id !== framework.id) continue;
    out ??= [];
    for (const c of ref.controls) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** True when some check of `rule` (resource or project check) runs on resources of this format and type. */
function checksType(rule: Rule, format: Format, type: string): boolean {
  const f = checkFormatOf(format);
  return (rule.checks[f]?.types.includes(type) ?? false) || (rule.projectChecks?.[f]?.types.includes(type) ?? false);
}

const resourceKey = (uri: string, format: Format, type: string, id: string) => `${uri}\u0000${format}\u0000${type}\u0000${id}`;

/** The evidence of one group of rules (a control's, or the unnumbered ones) over the results. */
function evidenceOf(rules: readonly Rule[], results: readonly LintResult[], catalogue: Catalogue): Omit<CheckedControl, 'id' | 'title'> {
  const ruleSet = new Set(rules);
  const byKey = new Map<string, { uri: string; format: Format; type: string; id: string; findings: Finding[]; accepted: AcceptedFinding[] }>();
  const entry = (uri: string, format: Format, type: string, id: string) => {
    const key = resourceKey(uri, format, type, id);
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { uri, format, type, id, findings: [], accepted: [] }));
    return e;
  };
  // Whether the group checks a format and type, worked out once per pair (a scan has far fewer types than resources).
  const checked = new Map<string, boolean>();
  const applies = (format: Format, type: string) => {
    const key = `${format}\u0000${type}`;
    let yes = checked.get(key);
    // The types a rule checks are those of the catalogue's index (rulesFor), or of its cross-resource checks.
    if (yes === undefined) checked.set(key, (yes = catalogue.rulesFor(format, type).some((rule) => ruleSet.has(rule)) || rules.some((rule) => checksType(rule, format, type))));
    return yes;
  };
  for (const result of results) {
    const uri = result.file.uri;
    // A Terraform provider configuration deploys nothing: it is no resource that passed. A finding in one still counts (below).
    for (const r of result.resources) if (!isProviderConfig(r) && applies(r.format, r.type)) entry(uri, r.format, r.type, r.id);
    // Every finding of the group's rules belongs to a resource: one outside the types above still counts.
    for (const f of result.findings) if (ruleSet.has(f.rule)) entry(uri, f.resource.format, f.resource.type, f.resource.id).findings.push(f);
    for (const { finding, suppression } of result.suppressed) {
      if (!ruleSet.has(finding.rule)) continue;
      entry(uri, finding.resource.format, finding.resource.type, finding.resource.id).accepted.push({
        finding,
        reason: suppression.reason,
        where: { uri, span: suppression.span },
        suppression,
      });
    }
  }
  const resources: ResourceEvidence[] = [...byKey.values()].map((e) => ({
    ...e,
    status: e.findings.length ? 'failed' : e.accepted.length ? 'accepted' : 'passed',
  }));
  const counts = { passed: 0, failed: 0, accepted: 0 };
  for (const r of resources) counts[r.status]++;
  const status: ControlStatus = resources.length === 0 ? 'no-resources' : counts.failed ? 'failed' : counts.accepted ? 'accepted' : 'passed';
  return { rules: rules.map((r) => r.id), status, resources, counts };
}

/**
 * The evidence for `framework` (an ID such as `nist-800-53-r5`, or a FrameworkInfo) over a scan's results: each
 * control the catalogue's rules cite, with the resources it applies to; then the list's other controls with their
 * class. A control whose rules all are turned off (`ruleEnabled`) is not checked: it is left out of both.
 */
export function frameworkEvidence(
  results: readonly LintResult[],
  catalogue: Catalogue,
  framework: FrameworkInfo | string,
  options: EvidenceOptions = {},
): FrameworkEvidence {
  const info = typeof framework === 'string' ? findFramework(framework) : framework;
  if (!info) throw new Error(`unknown framework ${String(framework)}`);
  const list = (options.lists ?? CONTROL_LISTS).find((l) => l.framework === info.id);
  const enabled = options.ruleEnabled ?? (() => true);

  const byControl = new Map<string, { rules: Rule[] }>();
  const unnumbered: Rule[] = [];
  const disabledControls = new Set<string>();
  for (const rule of catalogue.rules) {
    const controls = controlsCited(rule, info);
    if (!controls) continue;
    if (!enabled(rule)) {
      for (const c of controls) disabledControls.add(c);
      continue;
    }
    if (controls.length === 0) unnumbered.push(rule);
    for (const c of controls) {
      const g = byControl.get(c) ?? { rules: [] };
      g.rules.push(rule);
      byControl.set(c, g);
    }
  }

  const order = new Map((list?.controls ?? []).map((c, i) => [c.id, i] as const));
  const ids = [...byControl.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b, 'en', { numeric: true }));
  const checked: CheckedControl[] = ids.map((id) => ({
    id,
    title: list?.controls.find((c) => c.id === id)?.title,
    ...evidenceOf(byControl.get(id)!.rules, results, catalogue),
  }));
  const unnumberedEvidence = unnumbered.length ? evidenceOf(unnumbered, results, catalogue) : undefined;

  // The list's controls no (running) rule checks: those rules cite that are turned off have no class, and are left out.
  const others: OtherControl[] = [];
  for (const c of list?.controls ?? []) {
    if (byControl.has(c.id) || disabledControls.has(c.id) || !c.class) continue;
    others.push({ id: c.id, title: c.title, class: c.class });
  }

  const findings = new Set<Finding>();
  const accepted = new Set<Finding>();
  for (const control of [...checked, ...(unnumberedEvidence ? [unnumberedEvidence] : [])]) {
    for (const r of control.resources) {
      for (const f of r.findings) findings.add(f);
      for (const a of r.accepted) accepted.add(a.finding);
    }
  }
  const controls: Record<ControlStatus, number> = { passed: 0, failed: 0, accepted: 0, 'no-resources': 0 };
  for (const c of checked) controls[c.status]++;
  const classes: Record<ControlClass, number> = { checked: checked.length, 'not-checkable': 0, provider: 0, 'not-covered': 0 };
  for (const o of others) classes[o.class]++;

  return {
    framework: info,
    list: list ? { source: list.source, complete: list.complete } : undefined,
    checked,
    unnumbered: unnumberedEvidence,
    others,
    totals: { findings: findings.size, accepted: accepted.size, controls, classes },
  };
}

/** The evidence for every known framework that some rule cites, in the list's order. */
export function allFrameworkEvidence(results: readonly LintResult[], catalogue: Catalogue, options: EvidenceOptions = {}): FrameworkEvidence[] {
  return FRAMEWORKS.filter((f) => catalogue.rules.some((r) => controlsCited(r, f))).map((f) => frameworkEvidence(results, catalogue, f, options));
}
