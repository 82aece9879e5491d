// lint(files, config) → findings: runs each resource's rules and the cross-resource checks, composes messages, applies config.
import { resourcesOf, type Resource } from '../formats';
import { bindTerraformModules, remoteModuleNotices } from '../formats/terraform-hcl';
import { Val } from '../formats/value';
import type { ParsedFile } from '../model/parse';
import type { Node, ParseProblem, Span } from '../model/tree';
import { checkFormatOf, type Catalogue, type ServiceInfo } from './catalogue';
import { Edits, type Fix } from './edits';
import { severityRank, type CheckContext, type ReportOptions, type Rule, type Severity } from './rule';
import { collectSuppressions, type Suppression } from './suppress';
import { matchesFrameworks } from './config';
import { helmNotice, kustomizePatchPaths, KUSTOMIZE_PATCH_MESSAGE, type Notice } from './templates';

/** The built-in rule that reports a suppression written without a reason. */
export const SUPPRESSION_RULE_ID = 'CL-GEN-001';

export interface LintConfig {
  /** Findings below this severity are dropped. */
  readonly minimumSeverity?: Severity;
  /** Per rule (ID or slug): `off`, or a severity that replaces the rule's own. */
  readonly rules?: Readonly<Record<string, 'off' | Severity>>;
  /** Only rules that reference one of these frameworks (case-insensitive substring of the framework's name). */
  readonly frameworks?: readonly string[];
}

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
  readonly related: readonly { readonly uri: string; readonly span: Span; readonly message: string }[];
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
  const parts = when.map((c) => (c.startsWith('!') ? `${c.slice(1)} is false` : `${c} is true`));
  if (resourceCondition) parts.unshift(`the resource's condition ${resourceCondition} is true`);
  return parts.length ? ` (when ${parts.join(' and ')})` : '';
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
  resources: Resource[];
  findings: Finding[];
  errors: string[];
  edits: Edits;
}

/** What one check reported on one resource, as a cache keeps it. */
export interface CheckRecord {
  readonly findings: readonly Finding[];
  readonly errors: readonly string[];
  /** The check read beyond its resource (other resources, its document or file): any edit may change its result. */
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
export function lintFiles(files: readonly ParsedFile[], catalogue: Catalogue, config: LintConfig = {}, cache?: CheckCache): LintResult[] {
  // The cache (the editor's incremental path) belongs to the first file; the others are context.
  const states: FileState[] = files.map((file, index) => {
    const errors: string[] = [];
    let resources: Resource[] = [];
    try {
      resources = resourcesOf(file);
    } catch (e) {
      errors.push(`reading resources: ${(e as Error)?.stack ?? e}`);
    }
    if (index === 0) cache?.start(file, resources);
    return { file, notices: [], resources, findings: [], errors, edits: new Edits(file.lines) };
  });
  markTemplates(states);
  // Templates are not linted at all (their syntax problems are template syntax); a remote module is only a note.
  const templated = new Set(states.filter((st) => st.notices.length > 0));
  for (const st of states) if (!templated.has(st)) st.notices.push(...remoteModuleNotices(st.file));
  // `var.x` in one `.tf` file resolves to its default in another, or its value in terraform.tfvars; a local module
  // call joins the caller's directory and the module's into one group.
  const moduleGroups = bindTerraformModules(files);
  const moduleOf = (uri: string) => moduleGroups.get(directoryOf(uri)) ?? directoryOf(uri);
  const stateOf = new Map<Resource, FileState>();
  const stateOfDoc = new Map<unknown, FileState>();
  for (const st of states) {
    for (const r of st.resources) stateOf.set(r, st);
    for (const d of st.file.docs) stateOfDoc.set(d.doc, st);
  }

  // A Terraform module is every `*.tf` and `*.tf.json` of one directory (with the local modules it calls, in the
  // scan): their resources refer to each other, so a check on one file sees the resources of its siblings (a public
  // access block in another file protects the bucket).
  const modules = new Map<string, Resource[]>();
  for (const st of states) {
    if (!st.file.docs.some((d) => d.format === 'terraform')) continue;
    const dir = moduleOf(st.file.uri);
    modules.set(dir, [...(modules.get(dir) ?? []), ...st.resources]);
  }
  const scopeOf = (st: FileState): Resource[] =>
    st.file.docs.some((d) => d.format === 'terraform') ? modules.get(moduleOf(st.file.uri)) ?? st.resources : st.resources;

  const minimum = severityRank(config.minimumSeverity ?? 'info');
  const effective = (rule: Rule): Severity | undefined => {
    const override = config.rules?.[rule.id] ?? config.rules?.[rule.slug];
    if (override === 'off') return undefined;
    if (rule.id !== SUPPRESSION_RULE_ID && !matchesFrameworks(rule, config.frameworks)) return undefined;
    const severity = override ?? rule.severity;
    return severityRank(severity) < minimum ? undefined : severity;
  };

  const reporter = (rule: Rule, severity: Severity, resource: Resource) => (at: Val | Node, message: string, options?: ReportOptions) => {
    const st = stateOf.get(resource)!;
    const node: Node = at instanceof Val ? at.at : at;
    const when = at instanceof Val ? at.when : [];
    const service = catalogue.service(resource.format, resource.type);
    st.findings.push({
      rule,
      severity,
      message: `${withCondition(message, conditionText(when, resource.condition))} ${responsibilitySentence(rule, service)}`,
      span: node.span,
      resource: { id: resource.id, type: resource.type, format: resource.format },
      // A plan is Terraform's output: editing it changes nothing that deploys, so plans get no fixes. Fixes are
      // written as YAML or JSON: HCL files get none yet.
      fixes: options?.fix && options.fix.edits.length > 0 && resource.format !== 'terraform-plan' && st.file.lang !== 'hcl' ? [options.fix] : [],
      related: (options?.related ?? []).map((r) => ({ uri: stateOfNode(r.node)?.file.uri ?? st.file.uri, span: r.node.span, message: r.message })),
    });
  };
  const stateOfNode = (node: Node): FileState | undefined => stateOfDoc.get(node.doc);

  for (const st of states) {
    const fileCache = st === states[0] ? cache : undefined;
    for (const resource of st.resources) {
      // With a cache, reads of anything beyond the resource are noticed: such a result is not reused after an edit.
      let global = false;
      const unwatch = fileCache ? watchReads(resource, () => (global = true)) : undefined;
      for (const rule of catalogue.rulesFor(resource.format, resource.type)) {
        const severity = effective(rule);
        const check = rule.checks[checkFormatOf(resource.format)];
        if (!severity || !check) continue;
        const scope = scopeOf(st);
        const hit = fileCache?.get(resource, rule);
        if (hit) {
          st.findings.push(...hit.findings);
          st.errors.push(...hit.errors);
          continue;
        }
        global = false;
        const [findingsBefore, errorsBefore] = [st.findings.length, st.errors.length];
        const ctx: CheckContext = {
          get resources() {
            global = true;
            return scope;
          },
          edits: st.edits,
          referrers: (target, types, attr) => {
            global = true;
            // Plan addresses carry instance keys (`aws_s3_bucket.b[0]`); configuration references do not.
            const id = target.id.replace(/\[[^\]]*\]/g, '');
            return scope.filter((r) => r !== target && types.includes(r.type) && r.references(attr).includes(id));
          },
          report: reporter(rule, severity, resource),
        };
        try {
          check.run(resource, ctx);
        } catch (e) {
          st.errors.push(`${rule.id} on ${resource.id}: ${(e as Error)?.stack ?? e}`);
        }
        fileCache?.set(resource, rule, { findings: st.findings.slice(findingsBefore), errors: st.errors.slice(errorsBefore), global });
      }
      unwatch?.();
    }
  }

  const all = states.flatMap((s) => s.resources);
  for (const rule of catalogue.rules) {
    const severity = effective(rule);
    if (!severity || !rule.projectChecks) continue;
    for (const [format, check] of Object.entries(rule.projectChecks)) {
      if (!check) continue;
      const input = all.filter((r) => checkFormatOf(r.format) === format && check.types.includes(r.type));
      try {
        check.run(input, {
          report: (resource, at, message, options) => reporter(rule, severity, resource)(at, message, options),
          edits: (resource) => stateOf.get(resource)!.edits,
        });
      } catch (e) {
        states[0]?.errors.push(`${rule.id} (project check): ${(e as Error)?.stack ?? e}`);
      }
    }
  }

  const suppressionRule = catalogue.rule(SUPPRESSION_RULE_ID);
  return states.map((st) => {
    const { kept, suppressed, unexplained } = applySuppressions(st);
    if (suppressionRule) {
      const severity = effective(suppressionRule);
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
    kept.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.rule.id.localeCompare(b.rule.id));
    // A template's syntax errors are template syntax, not the user's mistake: the notice says what to do instead.
    const problems = templated.has(st) ? [] : st.file.problems;
    return { file: st.file, resources: st.resources, findings: kept, problems, errors: st.errors, suppressed, notices: st.notices };
  });
}

/** Helm templates and Kustomize patches named by a Kustomization in the batch: not linted, one notice each. */
function markTemplates(states: FileState[]): void {
  const patches = new Set<string>();
  for (const st of states) {
    const dir = directoryOf(st.file.uri);
    for (const path of kustomizePatchPaths(st.file)) patches.add(normalise(dir ? `${dir}/${path}` : path));
  }
  for (const st of states) {
    const helm = st.file.isIac ? helmNotice(st.file) : undefined;
    const patch = patches.has(st.file.uri) || patches.has(normalise(st.file.uri));
    if (!helm && !patch) continue;
    const firstKey = st.file.docs.find((d) => d.doc.root?.kind === 'map')?.doc.root;
    const at: Notice['span'] = firstKey && firstKey.kind === 'map' && firstKey.pairs[0] ? firstKey.pairs[0].key.span : [0, 0];
    st.notices.push(helm ?? { span: at, message: KUSTOMIZE_PATCH_MESSAGE });
    st.resources = [];
  }
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

/** Notices reads of `resource.doc` and `resource.file` (a check looking beyond its resource) until the returned call. */
function watchReads(resource: Resource, onRead: () => void): () => void {
  const r = resource as unknown as Record<'doc' | 'file', unknown>;
  const saved = { doc: r.doc, file: r.file };
  for (const k of ['doc', 'file'] as const) {
    Object.defineProperty(r, k, { configurable: true, enumerable: true, get: () => (onRead(), saved[k]) });
  }
  return () => {
    for (const k of ['doc', 'file'] as const) Object.defineProperty(r, k, { configurable: true, enumerable: true, writable: true, value: saved[k] });
  };
}

/** Splits a file's findings into kept and suppressed, and lists the suppressions that give no reason. */
function applySuppressions(st: FileState): { kept: Finding[]; suppressed: LintResult['suppressed'][number][]; unexplained: Suppression[] } {
  const suppressions = st.resources.length || st.file.lang !== 'json' ? collectSuppressions(st.file, st.resources) : [];
  const kept: Finding[] = [];
  const suppressed: LintResult['suppressed'][number][] = [];
  for (const finding of st.findings) {
    const line = st.file.lines.positionAt(finding.span[0]).line;
    const s = suppressions.find(
      (x) =>
        (x.rules.includes(finding.rule.id) || x.rules.includes(finding.rule.slug)) &&
        ('resource' in x.scope ? x.scope.resource === finding.resource.id : x.scope.line === line),
    );
    if (s) suppressed.push({ finding, suppression: s });
    else kept.push(finding);
  }
  return { kept, suppressed, unexplained: suppressions.filter((s) => s.reason === '') };
}
