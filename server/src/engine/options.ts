// The options, declared once: the table below drives the server's reading of the editor settings
// (service/workspace-state.ts) and which keys `.cloudline.yaml` accepts (engine/config.ts); test/unit/options.test.ts
// checks package.json's `contributes.configuration` against it. Nothing here imports the linter or the options file
// parser (engine/lint.ts and engine/config.ts both import this module).
import { SEVERITIES, severityRank, type Rule, type Severity } from './rule';

/** What a lint is configured with (the part of the options the linter itself reads). */
export interface LintConfig {
  /** Findings below this severity are dropped. */
  readonly minimumSeverity?: Severity;
  /** Per rule (ID or slug): `off`, or a severity that replaces the rule's own. */
  readonly rules?: Readonly<Record<string, 'off' | Severity>>;
  /** Only rules that reference one of these frameworks (case-insensitive substring of the framework's name). */
  readonly frameworks?: readonly string[];
  /** Honour other tools' suppressions (Checkov, cfn_nag, cfn-lint, KICS, Trivy, tfsec, kube-linter, Polaris); default true. */
  readonly otherToolsSuppressions?: boolean;
}

/** Options shared by `.cloudline.yaml`, the CLI and the VS Code settings. */
export interface Options extends LintConfig {
  /** Glob patterns (relative to the workspace root) of files not to lint. */
  readonly exclude?: readonly string[];
  /** `.cloudline.yaml` only: a baseline file (engine/baseline.ts), relative to the options file. */
  readonly baseline?: string;
}

/** How an option's value is read and validated (in the settings and in `.cloudline.yaml`). */
export type OptionKind = 'boolean' | 'enum' | 'severity' | 'ruleMap' | 'stringList';

export interface OptionSpec {
  /** The name under `cloudline.` in the editor settings (dotted for nested ones) and, if `file`, in `.cloudline.yaml`. */
  readonly name: string;
  readonly kind: OptionKind;
  /** The allowed values of an `enum` or `severity` option, or of each rule setting of a `ruleMap`. */
  readonly values?: readonly string[];
  readonly default: boolean | string | readonly string[] | Readonly<Record<string, string>>;
  /** VS Code's settings scope. */
  readonly scope: 'resource' | 'window';
  /** Also an option of `.cloudline.yaml` (and the CLI). */
  readonly file: boolean;
  /** Read by the language server (false: the VS Code client's own, such as the trace level). */
  readonly server: boolean;
  readonly description: string;
}

export const RULE_SETTINGS = ['off', ...SEVERITIES] as const;

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'enable', kind: 'boolean', default: true, scope: 'resource', file: false, server: true, description: 'Lint CloudFormation, Kubernetes and Terraform (HCL, JSON, plans) files with Cloudline.' },
  { name: 'run', kind: 'enum', values: ['onType', 'onSave'], default: 'onType', scope: 'resource', file: false, server: true, description: 'Lint while typing (debounced) or only when the file is saved.' },
  { name: 'minimumSeverity', kind: 'severity', values: SEVERITIES, default: 'info', scope: 'resource', file: true, server: true, description: 'Report only findings at or above this severity.' },
  {
    name: 'rules',
    kind: 'ruleMap',
    values: RULE_SETTINGS,
    default: {},
    scope: 'resource',
    file: true,
    server: true,
    description: 'Per-rule override by ID or slug: "off" or a severity, e.g. { "CL-AWS-004": "off" }.',
  },
  {
    name: 'frameworks',
    kind: 'stringList',
    default: [],
    scope: 'resource',
    file: true,
    server: true,
    description: 'Only run rules that reference one of these frameworks (matched as a case-insensitive substring), e.g. ["CIS AWS", "PCI DSS"].',
  },
  {
    name: 'exclude',
    kind: 'stringList',
    default: [],
    scope: 'resource',
    file: true,
    server: true,
    description: 'Glob patterns, relative to the workspace folder, of files Cloudline does not lint (added to the exclude list of .cloudline.yaml).',
  },
  {
    name: 'codeLens.enable',
    kind: 'boolean',
    default: true,
    scope: 'resource',
    file: false,
    server: true,
    description: "Show each resource's service model and its open customer-side findings above it.",
  },
  {
    name: 'otherToolsSuppressions',
    kind: 'boolean',
    default: true,
    scope: 'resource',
    file: true,
    server: true,
    description:
      "Honour other tools' suppressions for the Cloudline rules equivalent to the checks they name: Checkov (#checkov:skip, Metadata.checkov.skip), cfn_nag and cfn-lint Metadata, KICS (# kics-scan ignore-line, ignore-block, disable=), Trivy and tfsec (#trivy:ignore:, #tfsec:ignore:), kube-linter and Polaris annotations.",
  },
  {
    name: 'reportUnchecked',
    kind: 'boolean',
    default: true,
    scope: 'resource',
    file: false,
    server: true,
    description: 'Show one information diagnostic per file on the first resource of a provider or service Cloudline has no rules for yet (e.g. azurerm_*, google_*), so an unchecked file does not look clean.',
  },
  {
    name: 'baselineFindings',
    kind: 'enum',
    values: ['hint', 'hide'],
    default: 'hint',
    scope: 'resource',
    file: false,
    server: true,
    description: 'Findings held by the baseline named in .cloudline.yaml (baseline: FILE): shown as hints (dimmed, not in the Problems count) or hidden.',
  },
  {
    name: 'trace.server',
    kind: 'enum',
    values: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    file: false,
    server: false,
    description: 'Trace the communication between VS Code and the Cloudline language server.',
  },
];

/** `.cloudline.yaml`'s own options (no editor setting): a baseline file, relative to the options file. */
export const FILE_ONLY_OPTIONS: readonly string[] = ['baseline'];

/** The options `.cloudline.yaml` accepts, in table order, then its own. */
export const FILE_OPTIONS: readonly string[] = [...OPTIONS.filter((o) => o.file).map((o) => o.name), ...FILE_ONLY_OPTIONS];

export function optionSpec(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.name === name);
}

/**
 * One option read from the client's raw settings section (nested objects for dotted names): the value when it is
 * valid for the option's kind, else its default. Lists keep their non-empty strings; rule maps their valid entries.
 */
export function readSetting(raw: unknown, spec: OptionSpec): unknown {
  let v: unknown = raw;
  for (const part of spec.name.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  switch (spec.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? v : spec.default;
    case 'enum':
    case 'severity':
      return typeof v === 'string' && spec.values!.includes(v) ? v : spec.default;
    case 'stringList':
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
    case 'ruleMap': {
      const out: Record<string, string> = {};
      if (v && typeof v === 'object') for (const [k, s] of Object.entries(v)) if (typeof s === 'string' && spec.values!.includes(s)) out[k] = s;
      return out;
    }
  }
}

/** True when the rule passes the frameworks filter. */
export function matchesFrameworks(rule: Rule, frameworks: readonly string[] | undefined): boolean {
  if (!frameworks || frameworks.length === 0) return true;
  const wanted = frameworks.map((f) => f.toLowerCase());
  return rule.frameworks.some((f) => wanted.some((w) => f.framework.toLowerCase().includes(w)));
}

/** The built-in rule that reports a suppression written without a reason (never filtered by frameworks). */
const SUPPRESSION_RULE = 'CL-GEN-001';

/**
 * The severity a rule runs at under `config`, or undefined when it does not run: turned off, outside the frameworks
 * filter, or below the minimum severity.
 */
export function effectiveSeverity(rule: Rule, config: LintConfig): Severity | undefined {
  const override = config.rules?.[rule.id] ?? config.rules?.[rule.slug];
  let severity: Severity | undefined = override === 'off' ? undefined : (override ?? rule.severity);
  if (rule.id !== SUPPRESSION_RULE && !matchesFrameworks(rule, config.frameworks)) severity = undefined;
  if (severity && severityRank(severity) < severityRank(config.minimumSeverity ?? 'info')) severity = undefined;
  return severity;
}
