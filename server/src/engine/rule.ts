// The rule shape: metadata as data (read by tests, docs, hover, SARIF, reports) and a check per format.
import type { Resource } from '../formats/resource';
import type { Val } from '../formats/value';
import type { Node } from '../model/tree';
import type { Edits, Fix } from './edits';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Numeric rank of a severity, for thresholds. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** IaaS, PaaS, SaaS, or a hybrid such as managed Kubernetes (provider runs the control plane, you run the rest). */
export type ServiceModel = 'IaaS' | 'PaaS' | 'SaaS' | 'Hybrid';
/** The service models, in the order reports list them. */
export const SERVICE_MODELS: readonly ServiceModel[] = ['IaaS', 'PaaS', 'SaaS', 'Hybrid'];

export type Layer =
  | 'identity-and-access'
  | 'secrets'
  | 'network'
  | 'data-protection'
  | 'resilience'
  | 'logging-and-monitoring'
  | 'patching-and-versions'
  | 'workload';
/** The responsibility layers, in the order reports list them. */
export const LAYERS: readonly Layer[] = ['network', 'identity-and-access', 'secrets', 'data-protection', 'logging-and-monitoring', 'resilience', 'patching-and-versions', 'workload'];

export interface Responsibility {
  /** Who must act on the finding. */
  readonly owner: 'customer' | 'shared' | 'provider';
  /** The service model of the resources the rule checks (the service data may refine it per type). */
  readonly model: ServiceModel;
  readonly layer: Layer;
  /** What the provider already secures here, as a clause: "AWS patches the engine and the hosts". */
  readonly provider: string;
  /** What is left to you, as a clause: "whether the instance is reachable from the internet is your decision". */
  readonly customer: string;
}

export interface FrameworkRef {
  /** e.g. "CIS AWS Foundations Benchmark", "NIST SP 800-53", "PCI DSS", "ISO/IEC 27001", "SOC 2". */
  readonly framework: string;
  readonly version: string;
  readonly controls: readonly string[];
}

/** "NIST SP 800-53 Rev. 5: AC-3, SC-7"; a framework cited without a control number is named alone. */
export function frameworkLabel(f: FrameworkRef): string {
  return f.controls.length ? `${f.framework} ${f.version}: ${f.controls.join(', ')}` : `${f.framework} ${f.version}`;
}

/** IDs of the same check in other tools, so users can migrate and keep their suppressions. */
export interface Equivalents {
  readonly checkov?: readonly string[];
  readonly kics?: readonly string[];
  readonly trivy?: readonly string[];
  readonly cfnLint?: readonly string[];
  /** cfn_nag rule IDs (`W35`, `F3`). */
  readonly cfnNag?: readonly string[];
  readonly kubeLinter?: readonly string[];
  readonly polaris?: readonly string[];
  /** kube-score check IDs (`container-security-context-user-group-id`). */
  readonly kubeScore?: readonly string[];
}

/** The formats a rule can check; `terraform` covers both `*.tf.json` and plans. */
export type CheckFormat = 'cloudformation' | 'terraform' | 'kubernetes';

export interface Check {
  /** Resource types this check runs on (`AWS::RDS::DBInstance`, `aws_db_instance`, `data.aws_iam_policy_document`, `Deployment`). */
  readonly types: readonly string[];
  /**
   * What the check reads besides its resource's own body, for the editor's incremental re-lint: `'scope'` when it
   * reads `ctx.resources`, `ctx.referrers`, `ctx.shared` (the kit's scope helpers) or the resource's document
   * (`r.doc`, e.g. SAM Globals): its result is then never reused after an edit. `'resource'`: its resource only, so
   * its result is reused while the resource is unchanged; a check that says so and reads the scope all the same is
   * reported as an error of the lint (engine/lint.ts), and test/unit/check-reads.test.ts runs every check over the
   * examples with its resource behind a proxy to catch one that reads its document or file. The incremental cache
   * goes by this declaration alone.
   */
  readonly reads: 'resource' | 'scope';
  run(resource: Resource, ctx: CheckContext): void;
}

/**
 * A check that looks across resources: every document of the file in the editor, every file of the scan in
 * the CLI and the workspace scan (for example: namespaces that no NetworkPolicy selects).
 */
export interface ProjectCheck {
  /** The resource types it receives. */
  readonly types: readonly string[];
  /**
   * What it reads: `'project'`, the resources of its types in every file of the lint (the editor's documents, the
   * scan's files), their documents and their files. Its results are never reused: it runs on every lint.
   */
  readonly reads: 'project';
  /**
   * A Terraform project check that judges a plan's resources by that plan alone (as CL-AWS-054 groups them by their
   * plan file) declares `plans: 'each'`. The CLI's scan then still lints each plan as soon as it is read
   * (engine/scan.ts); without it, plans wait to be linted with every other file.
   */
  readonly plans?: 'each';
  run(resources: readonly Resource[], ctx: ProjectContext): void;
}

export interface ProjectContext {
  /** Reports a finding that belongs to `resource`, at a value or node of it. */
  report(resource: Resource, at: Val | Node, message: string, options?: ReportOptions): void;
  readonly edits: (resource: Resource) => Edits;
}

export interface Rule {
  /** Stable ID, never reused: `CL-AWS-001`, `CL-K8S-001`. */
  readonly id: string;
  /** Readable name, equal to the rule's folder name. */
  readonly slug: string;
  readonly title: string;
  readonly severity: Severity;
  /** What the rule looks for and why it matters, in one or two sentences (hover and docs). */
  readonly description: string;
  /** How to fix it, in one sentence (hover). */
  readonly remediation: string;
  readonly responsibility: Responsibility;
  readonly frameworks: readonly FrameworkRef[];
  readonly equivalents: Equivalents;
  /** The provider's own documentation for the setting. */
  readonly docs: readonly string[];
  readonly checks: Partial<Record<CheckFormat, Check>>;
  /** True when some finding of the rule comes with a quick-fix (the parity test holds it to the examples). */
  readonly fixable: boolean;
  /** Checks across resources (and across files in a scan), by format. */
  readonly projectChecks?: Partial<Record<CheckFormat, ProjectCheck>>;
  /** Set on a custom rule (`.cloudline/rules/*.yaml`, engine/custom-rules.ts): the file that declares it. */
  readonly custom?: { readonly file: string };
}

export interface Related {
  readonly node: Node;
  readonly message: string;
}

/** A fix as a check offers it: without edits (undefined or empty) the engine drops it, so `{ title, edits }` needs no guard. */
export interface FixOffer extends Omit<Fix, 'edits'> {
  readonly edits: Fix['edits'] | undefined;
}

export interface ReportOptions {
  readonly fix?: FixOffer;
  readonly related?: readonly Related[];
  /**
   * A lower severity for this finding than the rule's (a risk that another setting holds off for now). It only
   * lowers: a severity above the rule's effective one (its own or the user's override) is ignored. The message
   * says why it is lower.
   */
  readonly severity?: Severity;
}

/** What a check gets besides the resource: the way to report, the file's other resources, edit helpers. */
export interface CheckContext {
  /** Reports a finding at a value (its use site) or a node. */
  report(at: Val | Node, message: string, options?: ReportOptions): void;
  /** Every resource of the same file (for cross-resource checks). */
  readonly resources: readonly Resource[];
  /** Resources of `types` that refer to `target` (from attribute `attr`, or anywhere), by reference. */
  referrers(target: Resource, types: readonly string[], attr?: string): Resource[];
  /**
   * A value computed from `resources` once per lint and shared by every check that asks with the same `key` (an
   * index: resources by type or ID, configuration resources by the bucket they name), so that a check that looks
   * across resources costs no more than a lookup. `build` must depend on nothing but the resources and the key.
   */
  shared<T>(key: string, build: (resources: readonly Resource[]) => T): T;
  readonly edits: Edits;
}

/** Identity helper that type-checks a rule definition. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
