// lint(files, config) → findings: runs each resource's rules and the cross-resource checks, composes messages, applies config.
import { resourcesOf, type Resource } from '../formats';
import { bindTerraformModules, inModuleGroup, remoteModuleNotices } from '../formats/terraform-hcl';
import { Val } from '../formats/value';
import { withoutInstanceKeys } from '../formats/address';
import type { LineIndex } from '../model/lines';
import type { ParsedFile } from '../model/parse';
import type { Node, ParseProblem, Span } from '../model/tree';
import { checkFormatOf, type Catalogue, type ServiceInfo } from './catalogue';
import { Edits, NoEdits, resourceBounds, safeFix, type Fix } from './edits';
import { severityRank, type Check, type CheckContext, type FixOffer, type ProjectCheck, type ReportOptions, type Rule, type Severity } from './rule';
import { collectSuppressions, type Suppression } from './suppress';
import { collectForeignSuppressions } from './foreign-suppress';
import { effectiveSeverity, type LintConfig } from './options';
import { helmNotice, kustomizePatchPaths, KUSTOMIZE_PATCH_MESSAGE, type Notice } from './templates';

/** The built-in rule that reports a suppression written without a reason. */
export const SUPPRESSION_RULE_ID = 'CL-GEN-001';

export type { LintConfig } from './options';

export interface ResourceRef {
  readonly id: string;
  readonly type: string;
  readonly format: Resource['format'];
}

export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  /** What is wrong, on whose side of the line it is, and what the provider already covers. */
  readonly message: string;
  readonly span: Span;
  readonly resource: ResourceRef;
  readonly fixes: readonly Fix[];
  /** Other places that matter (for cross-resource findings), possibly in another file. */
  readonly related: readonly { readonly uri: string; readonly span: Span; readonly message: string; readonly lines?: LineIndex }[];
}

export interface LintResult {
  readonly file: ParsedFile;
  readonly resources: readonly Resource[];
  readonly findings: readonly Finding[];
  /** Syntax problems of the file (only for files of a supported format). */
  readonly problems: readonly ParseProblem[];
  /** Checks that threw: a rule bug must not take the linter down, but it must not go unseen either. */
  readonly errors: readonly string[];
  /** Why (part of) the file was not linted: a Helm template, a Kustomize patch. Information, not a problem. */
  readonly notices: readonly Notice[];
  /** Findings silenced by a suppression written in the file, with it (kept for the record: SARIF, JSON, counts). */
  readonly suppressed: readonly { readonly finding: Finding; readonly suppression: Suppression }[];
}

/** The sentence that states the responsibility line for a finding. */
export function responsibilitySentence(rule: Rule, service: ServiceInfo | undefined): string {
  const name = service?.service ?? 'This service';
  const model = service?.model ?? rule.responsibility.model;
  const modelText = model === 'Hybrid' ? 'a shared (hybrid) service' : model;
  return `${name} is ${modelText}: ${rule.responsibility.provider}; ${rule.responsibility.customer}.`;
}

function conditionText(when: readonly string[], resourceCondition: string | undefined): string {
  if (when.length === 0 && !resourceCondition) return '';
  const parts = when.map((c) => (c.startsWith('!') ? `${c.slice(1)} is false` : `${c} is true`));
  if (resourceCondition) parts.unshift(`the resource's condition ${resourceCondition} is true`);
  return parts.length ? ` (when ${parts.join(' and ')})` : '';
}

/**
 * Names where a value reported at its use comes from (a parameter's default, a mapping: `Alt.from`), unless the
 * message names it already: "… is public (from the default of parameter Access)."
 */
function withSource(message: string, at: Val | Node): string {
  if (!(at instanceof Val)) return message;
  // Most values come from where they are written: no list to gather into then.
  let sources: string[] | undefined;
  for (const a of at.alts) {
    if (a.state !== 'known' || !a.from) continue;
    if (!sources) sources = [a.from];
    else if (!sources.includes(a.from)) sources.push(a.from);
  }
  if (!sources) return message;
  const unsaid = sources.filter((s) => {
    const param = /^the default of parameter (\S+)$/.exec(s)?.[1];
    return !message.includes(param ? `parameter ${param}` : s);
  });
  if (unsaid.length === 0) return message;
  const text = ` (from ${unsaid.join(', or ')})`;
  return message.endsWith('.') ? `${message.slice(0, -1)}${text}.` : `${message}${text}`;
}

/**
 * Names the registry module a resource is read from, and the input a finding is at: "… (module bucket,
 * terraform-aws-modules/s3-bucket/aws, input acl)."; at the module's name: "(… from its inputs and defaults)".
 */
function withModule(message: string, resource: Resource, at: Node): string {
  const m = resource.module;
  if (!m) return message;
  const input = m.inputAt(at);
  const text = ` (module ${m.name}, ${m.registry}, ${input ? `input ${input}` : 'from its inputs and defaults'})`;
  return message.endsWith('.') ? `${message.slice(0, -1)}${text}.` : `${message}${text}`;
}

/** The directory part of a URI or path (`file:///a/b/main.tf.json` → `file:///a/b`). */
function directoryOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash) : '';
}

/** Puts the condition inside the check's sentence: "… is public (when IsDev is true)." */
function withCondition(message: string, condition: string): string {
  if (!condition) return message;
  return message.endsWith('.') ? `${message.slice(0, -1)}${condition}.` : `${message}${condition}`;
}

interface FileState {
  file: ParsedFile;
  notices: Notice[];
  unread: Notice[];
  resources: Resource[];
  findings: Finding[];
  errors: string[];
  edits: Edits;
}

/** What one check reported on one resource, as a cache keeps it. */
export interface CheckRecord {
  readonly findings: readonly Finding[];
  readonly errors: readonly string[];
  /** The check declares it reads beyond its resource (`reads: 'scope'`): any edit may change its result. */
  readonly global: boolean;
}

/**
 * Results of checks from an earlier lint of the same document, for the editor's re-lint after an edit
 * (service/linter.ts implements it): a hit skips the check.
 */
export interface CheckCache {
  /** Called once per file with its resources, before any check runs. */
  start(file: ParsedFile, resources: readonly Resource[]): void;
  /** The record of `rule` on `resource`, when nothing the check read has changed, with offsets in the current text. */
  get(resource: Resource, rule: Rule): CheckRecord | undefined;
  set(resource: Resource, rule: Rule, record: CheckRecord): void;
}

/** Lints one parsed file against the catalogue; cross-resource checks see this file's resources. Never throws. */
export function lintFile(file: ParsedFile, catalogue: Catalogue, config: LintConfig = {}, cache?: CheckCache): LintResult {
  return lintFiles([file], catalogue, config, cache)[0];
}

/** Lints several files; cross-resource (project) checks see the resources of all of them. Never throws. */
export function lintFiles(files: readonly ParsedFile[], catalogue: Catalogue, config: LintConfig = {}, cache?: CheckCache, tables?: LintTables): LintResult[] {
  const steps = lintSteps(files, catalogue, config, cache, tables);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `lintFiles` in steps: `pause` is awaited after each file's checks and each project check (the editor's scan yields
 * to the event loop there), and `cancelled` is checked at the same points (undefined when it says so).
 */
export async function lintFilesAsync(
  files: readonly ParsedFile[],
  catalogue: Catalogue,
  config: LintConfig = {},
  pause?: () => Promise<void>,
  cancelled?: () => boolean,
  tables?: LintTables,
): Promise<LintResult[] | undefined> {
  const steps = lintSteps(files, catalogue, config, undefined, tables);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (cancelled?.()) return undefined;
    if (pause) await pause();
  }
}

function* lintSteps(files: readonly ParsedFile[], catalogue: Catalogue, config: LintConfig = {}, cache?: CheckCache, tables?: LintTables): Generator<void, LintResult[]> {
  // The cache (the editor's incremental path) belongs to the first file; the others are context.
  const states: FileState[] = files.map((file, index) => {
    const errors: string[] = [];
    let resources: Resource[] = [];
    // Parts of the file the formats could not read (an Fn::ForEach loop of an unexpected shape): said, not skipped.
    const unread: Notice[] = [];
    try {
      resources = resourcesOf(file, unread);
    } catch (e) {
      errors.push(`reading resources: ${(e as Error)?.stack ?? e}`);
    }
    if (index === 0) cache?.start(file, resources);
    // A plan's fixes are dropped (fixesOf): its checks get edit helpers that compute none.
    const plan = file.docs.length > 0 && file.docs.every((d) => d.format === 'terraform-plan');
    return { file, notices: [], unread, resources, findings: [], errors, edits: plan ? new NoEdits(file.lines) : new Edits(file.lines) };
  });
  markTemplates(states);
  // Templates are not linted at all (their syntax problems are template syntax); a remote module is only a note.
  const templated = new Set(states.filter((st) => st.notices.length > 0));
  for (const st of states) if (!templated.has(st)) st.notices.push(...remoteModuleNotices(st.file));
  // `var.x` in one `.tf` file resolves to its default in another, or its value in terraform.tfvars; a local module
  // call joins the caller's directory and the module's into one group.
  const moduleGroups = bindTerraformModules(files);
  const moduleOf = (uri: string) => moduleGroups.get(directoryOf(uri)) ?? directoryOf(uri);
  // The file of a resource, and of a document: asked only by project checks and related places (a check of one
  // resource reports in its own file), so the maps are made at the first question.
  let byResource: Map<Resource, FileState> | undefined;
  let byDoc: Map<unknown, FileState> | undefined;
  const stateOf = (resource: Resource): FileState => {
    if (!byResource) {
      byResource = new Map();
      for (const st of states) for (const r of st.resources) byResource.set(r, st);
    }
    return byResource.get(resource)!;
  };
  const stateOfNode = (node: Node): FileState | undefined => {
    if (!byDoc) {
      byDoc = new Map();
      for (const st of states) for (const d of st.file.docs) byDoc.set(d.doc, st);
    }
    return byDoc.get(node.doc);
  };

  // A Terraform module is every `*.tf` and `*.tf.json` of one directory (with the local modules it calls, in the
  // scan): their resources refer to each other, so a check on one file sees the resources of its siblings (a public
  // access block in another file protects the bucket). A `.json` file of Terraform blocks by its content (a CDK for
  // Terraform stack) is not one of them: Terraform does not read it with the directory, so it is a configuration alone.
  const inModule = (st: FileState) => inModuleGroup(st.file) && st.file.docs.some((d) => d.format === 'terraform');
  const modules = new Map<string, Resource[]>();
  for (const st of states) {
    if (!inModule(st)) continue;
    const dir = moduleOf(st.file.uri);
    const module = modules.get(dir);
    if (module) for (const r of st.resources) module.push(r);
    else modules.set(dir, [...st.resources]);
  }
  const scopeOf = (st: FileState): Resource[] =>
    inModule(st) ? modules.get(moduleOf(st.file.uri)) ?? st.resources : st.resources;
  // Indexes of a scope (the resources a check sees), each built at most once per lint, when a check first asks.
  const indexes = new Map<readonly Resource[], Map<string, unknown>>();
  const shared = <T>(scope: readonly Resource[], key: string, build: (resources: readonly Resource[]) => T): T => {
    let byKey = indexes.get(scope);
    if (!byKey) indexes.set(scope, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as T;
    indexStats.builds++;
    const value = build(scope);
    byKey.set(key, value);
    return value;
  };

  const t = tables && tables.catalogue === catalogue && tables.config === config ? tables : tablesFor(catalogue, config);
  const minimum = t.minimum;
  const report = (st: FileState, rule: Rule, ruleSeverity: Severity, resource: Resource, at: Val | Node, message: string, options?: ReportOptions) => {
    // A check may lower one finding's severity (never raise it above the rule's, as configured); a finding lowered
    // below the minimum severity is dropped like any other.
    const severity = options?.severity && severityRank(options.severity) < severityRank(ruleSeverity) ? options.severity : ruleSeverity;
    if (severityRank(severity) < minimum) return;
    const node: Node = at instanceof Val ? at.at : at;
    const when = at instanceof Val ? at.when : [];
    st.findings.push({
      rule,
      severity,
      message: `${withCondition(withSource(withModule(message, resource, node), at), conditionText(when, resource.condition))} ${t.sentenceOf(rule, resource)}`,
      span: node.span,
      resource: { id: resource.id, type: resource.type, format: resource.format },
      // A plan is Terraform's output: editing it changes nothing that deploys, so plans get no fixes (fixesOf).
      fixes: fixesOf(options?.fix, resource),
      related: options?.related?.length
        ? options.related.map((r) => {
            const at = stateOfNode(r.node) ?? st;
            return { uri: at.file.uri, span: r.node.span, message: r.message, lines: at.file.lines };
          })
        : NO_RELATED,
    });
  };

  for (const st of states) {
    const fileCache = st === states[0] ? cache : undefined;
    const scope = scopeOf(st);
    const anchorsPossible = !!fileCache && st.file.lang === 'yaml' && st.file.text.includes('&');
    for (const resource of st.resources) {
      const checks = t.checksOf(resource);
      if (checks.length === 0) continue;
      // One context for the resource's checks, run one after the other: `rule` and `severity` say whose turn it is.
      let rule: Rule = checks[0].rule;
      let severity: Severity = 'info';
      // Reads of the scope through the context: a check declaring reads: 'resource' must make none (its results
      // would be reused after an edit elsewhere). The cache itself goes by the declaration only.
      let scopeRead = false;
      const ctx: CheckContext = {
        get resources() {
          scopeRead = true;
          return scope;
        },
        edits: st.edits,
        referrers: (target, types, attr) => {
          scopeRead = true;
          const byId = shared(scope, `referrers\u0000${types.join('\u0000')}\u0000\u0000${attr ?? ''}`, (all) => referrerIndex(all, types, attr));
          // Plan addresses carry instance keys (`aws_s3_bucket.b[0]`); configuration references do not.
          const id = withoutInstanceKeys(target.id);
          return (byId.get(id) ?? []).filter((r) => r !== target);
        },
        shared: (key, build) => {
          scopeRead = true;
          return shared(scope, key, build);
        },
        report: (at, message, options) => report(st, rule, severity, resource, at, message, options),
      };
      for (const c of checks) {
        const check = c.check;
        rule = c.rule;
        severity = c.severity;
        const hit = fileCache?.get(resource, rule);
        if (hit) {
          st.findings.push(...hit.findings);
          st.errors.push(...hit.errors);
          continue;
        }
        scopeRead = false;
        const findingsBefore = st.findings.length;
        const errorsBefore = st.errors.length;
        try {
          check.run(resource, ctx);
        } catch (e) {
          st.errors.push(`${rule.id} on ${resource.id}: ${(e as Error)?.stack ?? e}`);
        }
        // A check that declares it reads its resource only must not read the scope (its results would go stale).
        if (scopeRead && check.reads === 'resource') st.errors.push(`${rule.id} on ${resource.id}: the check declares reads: 'resource' but read beyond its resource (declare reads: 'scope')`);
        // Only a check that declares it reads its resource alone is reused while the resource is unchanged, and not
        // when it found something in YAML that may name anchors: whether a fix is safe depends on which other places
        // use an anchor (safeFix), and an edit elsewhere can start or stop using it.
        const global = check.reads !== 'resource' || (anchorsPossible && st.findings.length > findingsBefore);
        fileCache?.set(resource, rule, { findings: st.findings.slice(findingsBefore), errors: st.errors.slice(errorsBefore), global });
      }
    }
    yield;
  }

  const all = states.flatMap((s) => s.resources);
  for (const { rule, severity, format, check } of t.projectChecks()) {
    const input = all.filter((r) => checkFormatOf(r.format) === format && check.types.includes(r.type));
    try {
      check.run(input, {
        report: (resource, at, message, options) => report(stateOf(resource), rule, severity, resource, at, message, options),
        edits: (resource) => stateOf(resource).edits,
      });
    } catch (e) {
      states[0]?.errors.push(`${rule.id} (project check): ${(e as Error)?.stack ?? e}`);
    }
    yield;
  }

  const suppressionRule = catalogue.rule(SUPPRESSION_RULE_ID);
  return states.map((st) => {
    const { kept, suppressed, unexplained } = applySuppressions(st, catalogue, config);
    if (suppressionRule) {
      const severity = t.effective(suppressionRule);
      for (const s of severity ? unexplained : []) {
        if (!severity) break;
        const owner = st.resources.find((r) => r.node.span[0] <= s.span[0] && s.span[1] <= r.node.span[1]) ?? st.resources[0];
        kept.push({
          rule: suppressionRule,
          severity,
          message: `The suppression of ${s.rules.join(', ')} gives no reason. Accepting a customer-side risk stays your responsibility, so the reason is part of the record: write it after "--" (or in the reason field).`,
          span: s.span,
          resource: owner ? { id: owner.id, type: owner.type, format: owner.format } : { id: '-', type: '-', format: st.file.docs.find((d) => d.format)?.format ?? 'cloudformation' },
          fixes: [],
          related: [],
        });
      }
    }
    // Rule IDs are ASCII (`CL-K8S-001`): compared by code unit, as `localeCompare` orders them but many times faster.
    kept.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
    // A template's syntax errors are template syntax, not the user's mistake: the notice says what to do instead.
    const problems = templated.has(st) ? [] : st.file.problems;
    return { file: st.file, resources: st.resources, findings: kept, problems, errors: st.errors, suppressed, notices: [...st.notices, ...st.unread] };
  });
}

/**
 * What a lint works out from the catalogue and the options alone, once: each rule's severity, the checks that run on a
 * resource type, the responsibility sentence of a rule on a type, the project checks that are on. A lint makes its own;
 * a scan that lints file by file (engine/scan.ts) passes one to every lint, so none of it is redone per file.
 */
export class LintTables {
  readonly minimum: number;
  private readonly severities = new Map<Rule, Severity | undefined>();
  private readonly sentences = new Map<Rule, Map<string, Map<string, string>>>();
  private readonly checksByType = new Map<Resource['format'], Map<string, readonly TypeCheck[]>>();
  private projects: readonly ProjectRun[] | undefined;

  constructor(
    readonly catalogue: Catalogue,
    readonly config: LintConfig,
  ) {
    this.minimum = severityRank(config.minimumSeverity ?? 'info');
  }

  /** The rule's severity in this lint, or undefined when it is off. */
  effective(rule: Rule): Severity | undefined {
    if (this.severities.has(rule)) return this.severities.get(rule);
    const severity = effectiveSeverity(rule, this.config);
    this.severities.set(rule, severity);
    return severity;
  }

  /** The responsibility sentence of a rule on a resource type. */
  sentenceOf(rule: Rule, resource: Resource): string {
    let byFormat = this.sentences.get(rule);
    if (!byFormat) this.sentences.set(rule, (byFormat = new Map()));
    let byType = byFormat.get(resource.format);
    if (!byType) byFormat.set(resource.format, (byType = new Map()));
    let sentence = byType.get(resource.type);
    if (sentence === undefined) byType.set(resource.type, (sentence = responsibilitySentence(rule, this.catalogue.service(resource.format, resource.type))));
    return sentence;
  }

  /** The checks that run on a resource's type: its rules that are on and have a check for its format, with their severity. */
  checksOf(resource: Resource): readonly TypeCheck[] {
    let byType = this.checksByType.get(resource.format);
    if (!byType) this.checksByType.set(resource.format, (byType = new Map()));
    let checks = byType.get(resource.type);
    if (!checks) {
      const format = checkFormatOf(resource.format);
      const runs: TypeCheck[] = [];
      for (const rule of this.catalogue.rulesFor(resource.format, resource.type)) {
        const severity = this.effective(rule);
        const check = rule.checks[format];
        if (severity && check) runs.push({ rule, severity, check });
      }
      byType.set(resource.type, (checks = runs));
    }
    return checks;
  }

  /** The project checks that are on, in catalogue order. */
  projectChecks(): readonly ProjectRun[] {
    if (this.projects) return this.projects;
    const runs: ProjectRun[] = [];
    for (const rule of this.catalogue.rules) {
      const severity = this.effective(rule);
      if (!severity || !rule.projectChecks) continue;
      for (const [format, check] of Object.entries(rule.projectChecks)) if (check) runs.push({ rule, severity, format, check });
    }
    return (this.projects = runs);
  }
}

/** Per catalogue, the tables of the lints given none of their own, by what of the config they read (tablesKey). */
const sharedTables = new WeakMap<Catalogue, Map<string, LintTables>>();

/** What of a config the tables depend on (minimum severity, per-rule settings, frameworks), as one string. */
function tablesKey(config: LintConfig): string {
  return JSON.stringify([config.minimumSeverity ?? null, config.rules ?? null, config.frameworks ?? null]);
}

/**
 * The lint tables of a catalogue and config, made at the first lint that uses them and kept as long as the catalogue
 * is: a caller that lints file after file (the `lintFile` API, the editor's document linter and its re-lint of a file
 * changed on disk, each with a config object made anew) does not work out each rule's severity and the checks per
 * type again for every file. Configs that set the same severities share the tables; a handful per catalogue are kept
 * (settings change rarely), so edits never grow them.
 */
export function tablesFor(catalogue: Catalogue, config: LintConfig): LintTables {
  let byKey = sharedTables.get(catalogue);
  if (!byKey) sharedTables.set(catalogue, (byKey = new Map()));
  const key = tablesKey(config);
  let tables = byKey.get(key);
  if (!tables) {
    if (byKey.size >= 16) byKey.clear();
    byKey.set(key, (tables = new LintTables(catalogue, config)));
  }
  return tables;
}

/** A rule's project check that is on, with the rule's severity. */
interface ProjectRun {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly format: string;
  readonly check: ProjectCheck;
}

/** A project check's error, as the lint writes it on the first file of the lint: `<rule ID> (project check): …`. */
export const PROJECT_CHECK_ERROR = /^\S+ \(project check\): /;

/** A rule's check that runs on a resource type, with the rule's severity in this lint. */
interface TypeCheck {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly check: Check;
}

/** The `related` of most findings: none (one shared empty list). */
const NO_RELATED: Finding['related'] = Object.freeze([]);

/** How many scope indexes lints have built (see CheckContext.shared), for tests that guard against quadratic work. */
export const indexStats = { builds: 0 };

/** The resources of `types` in `scope` by each ID they refer to (from `attr`, or anywhere), in scope order. */
function referrerIndex(scope: readonly Resource[], types: readonly string[], attr: string | undefined): Map<string, Resource[]> {
  const byId = new Map<string, Resource[]>();
  for (const r of scope) {
    if (!types.includes(r.type)) continue;
    for (const id of new Set(r.references(attr))) {
      const list = byId.get(id);
      if (list) list.push(r);
      else byId.set(id, [r]);
    }
  }
  return byId;
}

/**
 * The fix of a finding as it may be offered: none for a plan (Terraform's output: editing it changes nothing that
 * deploys), none that is not safe to apply (see safeFix: outside the resource, through an alias, between CR and LF).
 */
function fixesOf(offer: FixOffer | undefined, resource: Resource): Fix[] {
  // A fix offered without edits (a rule that could not compute one) is no fix.
  // Nor a resource read from a registry module's inputs: its nodes are the module block's, not the resource's.
  if (!offer?.edits || offer.edits.length === 0 || resource.format === 'terraform-plan' || resource.module) return [];
  // A caution is said in the title, in parentheses, wherever the title is shown.
  const fix: Fix = { ...offer, title: offer.caution ? `${offer.title} (${offer.caution})` : offer.title, edits: offer.edits };
  const safe = safeFix(resource.file.text, resource.doc.doc, fix, resourceBounds(resource));
  return safe ? [safe] : [];
}

/** Helm templates and Kustomize patches named by a Kustomization in the batch: not linted, one notice each. */
function markTemplates(states: FileState[]): void {
  const patches = kustomizePatches(states.map((st) => st.file));
  for (const st of states) {
    const helm = st.file.isIac ? helmNotice(st.file) : undefined;
    const patch = isPatch(st.file.uri, patches);
    if (!helm && !patch) continue;
    const firstKey = st.file.docs.find((d) => d.doc.root?.kind === 'map')?.doc.root;
    const at: Notice['span'] = firstKey && firstKey.kind === 'map' && firstKey.pairs[0] ? firstKey.pairs[0].key.span : [0, 0];
    st.notices.push(helm ?? { span: at, message: KUSTOMIZE_PATCH_MESSAGE });
    st.resources = [];
  }
}

/** The files that Kustomizations among `files` name as patches (their names resolved against the Kustomization's). */
export function kustomizePatches(files: readonly ParsedFile[]): Set<string> {
  const patches = new Set<string>();
  for (const file of files) {
    const dir = directoryOf(file.uri);
    for (const path of kustomizePatchPaths(file)) patches.add(normalise(dir ? `${dir}/${path}` : path));
  }
  return patches;
}

/** True when `uri` is one of `patches` (kustomizePatches). */
export function isPatch(uri: string, patches: ReadonlySet<string>): boolean {
  return patches.size > 0 && (patches.has(uri) || patches.has(normalise(uri)));
}

/** Resolves `.` and `..` segments of a URI or path. */
function normalise(uri: string): string {
  const out: string[] = [];
  for (const part of uri.split('/')) {
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
}

/** True when the suppression's scope holds the finding (its resource, line, range or the whole file). */
function covers(x: Suppression, finding: Finding, file: FileState['file']): boolean {
  if ('resource' in x.scope) return x.scope.resource === finding.resource.id;
  if ('file' in x.scope) return true;
  if ('range' in x.scope) return x.scope.range[0] <= finding.span[0] && finding.span[0] < x.scope.range[1];
  return x.scope.line === file.lines.positionAt(finding.span[0]).line;
}

/** The finding with a related location at each inert suppression of another tool that names it there (why it stays). */
function withInertNotes(finding: Finding, inert: readonly Suppression[], file: FileState['file']): Finding {
  const notes = inert.filter((x) => (x.rules.includes(finding.rule.id) || x.rules.includes(finding.rule.slug)) && covers(x, finding, file));
  return notes.length ? { ...finding, related: [...finding.related, ...notes.map((x) => ({ uri: file.uri, span: x.span, message: x.inert! }))] } : finding;
}

/** Splits a file's findings into kept and suppressed, and lists the suppressions that give no reason. */
function applySuppressions(st: FileState, catalogue: Catalogue, config: LintConfig): { kept: Finding[]; suppressed: LintResult['suppressed'][number][]; unexplained: Suppression[] } {
  let suppressions = st.resources.length || st.file.lang !== 'json' ? collectSuppressions(st.file, st.resources) : [];
  // Other tools' suppressions come after Cloudline's own: where both apply, Cloudline's is the one on record.
  if (config.otherToolsSuppressions !== false && (st.resources.length || st.file.lang !== 'json')) suppressions.push(...collectForeignSuppressions(st.file, st.resources, catalogue));
  const suppressed: LintResult['suppressed'][number][] = [];
  if (suppressions.length === 0) return { kept: [...st.findings], suppressed, unexplained: [] };
  // An inert suppression (another tool's, not honoured) silences nothing: the findings it names say so instead.
  const inert = suppressions.filter((x) => x.inert);
  if (inert.length) suppressions = suppressions.filter((x) => !x.inert);
  const kept: Finding[] = [];
  // The suppressions by each rule ID or slug they name, in the order they are written (the first that applies wins).
  const byName = new Map<string, Suppression[]>();
  for (const x of suppressions) {
    for (const name of x.rules) {
      const list = byName.get(name);
      if (!list) byName.set(name, [x]);
      else if (list[list.length - 1] !== x) list.push(x);
    }
  }
  const order = new Map(suppressions.map((x, i) => [x, i]));
  for (const finding of st.findings) {
    const byId = byName.get(finding.rule.id);
    const bySlug = finding.rule.slug === finding.rule.id ? undefined : byName.get(finding.rule.slug);
    let s: Suppression | undefined;
    if (byId || bySlug) {
      const applies = (x: Suppression) => covers(x, finding, st.file);
      const a = byId?.find(applies);
      const b = bySlug?.find(applies);
      s = a && b ? (order.get(a)! <= order.get(b)! ? a : b) : (a ?? b);
    }
    if (s) suppressed.push({ finding, suppression: s });
    else kept.push(inert.length ? withInertNotes(finding, inert, st.file) : finding);
  }
  // Another tool's suppression is that tool's to judge: CL-GEN-001 asks a reason of Cloudline's own only.
  return { kept, suppressed, unexplained: suppressions.filter((s) => s.reason === '' && !s.tool) };
}
