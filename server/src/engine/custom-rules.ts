// Custom rules without code: `.cloudline/rules/*.yaml` files read as plain data, validated with the line and column of
// every problem, and compiled into real rules (`requirementChecks`, rules/kit/custom.ts) that the linter, suppressions,
// baselines, reports and the editor treat as any other. They run no code, so they load in untrusted workspaces; their
// patterns pass the same backtracking analysis as the built-in rules' (engine/regex-safety.ts). See docs/custom-rules.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_LISTS } from '../../../rules/index';
import { frameworkByName, FRAMEWORKS } from '../../../rules/frameworks';
import { requirementChecks, type Leaf, type LeafTest, type PathStep, type Requirement } from '../../../rules/kit/custom';
import type { Resource } from '../formats/resource';
import { LineIndex } from '../model/lines';
import { parseYaml } from '../model/yaml';
import type { MapNode, Node, Span } from '../model/tree';
import type { Catalogue } from './catalogue';
import { customPatternProblem } from './regex-safety';
import { LAYERS, SERVICE_MODELS, SEVERITIES, type CheckFormat, type Equivalents, type FrameworkRef, type Layer, type Responsibility, type Rule, type ServiceModel, type Severity } from './rule';

/** Where custom rules live, relative to the folder of the options file (or the workspace folder). */
export const CUSTOM_RULES_DIR = '.cloudline/rules';

/** Limits on custom rule files (a larger input is a problem, not minutes of work). */
export const CUSTOM_RULE_LIMITS = {
  /** One rule file's size in bytes. */
  maxFileBytes: 256 * 1024,
  /** Rule files read from one directory (in name order). */
  maxFiles: 200,
  /** Rules in all. */
  maxRules: 500,
  /** `all` / `any` / `not` nested in one another. */
  maxDepth: 16,
  /** Conditions (groups and leaves) in one rule. */
  maxConditions: 200,
  /** Steps of one path. */
  maxPathSteps: 32,
  /** Values of one `in:` list. */
  maxValues: 1000,
} as const;

export interface CustomRuleProblem {
  readonly span: Span;
  readonly message: string;
  /** An error leaves the rule (or the whole file) out; a warning loads it all the same. */
  readonly severity: 'error' | 'warning';
}

/** One rule file as read: its text, its problems and the rules it loaded. */
export interface CustomRuleFile {
  /** The path it was read from (as joined from the directory given). */
  readonly file: string;
  readonly text: string;
  readonly problems: readonly CustomRuleProblem[];
  readonly rules: readonly Rule[];
}

export interface CustomRuleSet {
  readonly files: readonly CustomRuleFile[];
  readonly rules: readonly Rule[];
}

export const NO_CUSTOM_RULES: CustomRuleSet = { files: [], rules: [] };

const RULE_KEYS = ['id', 'title', 'severity', 'message', 'description', 'remediation', 'responsibility', 'frameworks', 'equivalents', 'docs', 'match', 'require'] as const;
const RESPONSIBILITY_KEYS = ['owner', 'model', 'layer', 'provider', 'customer'] as const;
const OWNERS = ['customer', 'shared', 'provider'] as const;
const FORMATS: readonly CheckFormat[] = ['cloudformation', 'terraform', 'kubernetes'];
const MATCH_KEYS = ['format', 'types', 'apiVersion'] as const;
const EQUIVALENT_TOOLS: readonly (keyof Equivalents)[] = ['checkov', 'kics', 'trivy', 'cfnLint', 'cfnNag', 'kubeLinter', 'polaris', 'kubeScore'];
const OPERATORS = ['exists', 'equals', 'in', 'matches', 'greaterThan', 'atLeast', 'lessThan', 'atMost'] as const;
const GROUPS = ['all', 'any', 'not'] as const;
const ID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** How each format's resource types look: a type that fits none of a rule's formats never matches. */
const TYPE_SHAPES: Record<CheckFormat, { re: RegExp; example: string }> = {
  cloudformation: { re: /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9:]+$/, example: 'AWS::S3::Bucket' },
  terraform: { re: /^(?:data\.)?[a-z0-9]+_[a-z0-9_]+$/, example: 'aws_s3_bucket' },
  kubernetes: { re: /^[A-Z][A-Za-z0-9]*$/, example: 'Deployment' },
};

/** What a rule's ID may not be: a built-in rule's ID or slug, or a custom rule's ID already loaded (with where). */
export interface TakenIds {
  readonly builtin: Catalogue;
  readonly custom: Map<string, string>;
}

/**
 * Reads every `*.yaml` / `*.yml` file of `dir` (not its subfolders), in name order; a missing directory holds no
 * rules. Nothing throws: a file that cannot be read is a problem of that file.
 */
export function loadCustomRules(dir: string, builtin: Catalogue, taken: TakenIds = { builtin, custom: new Map() }): CustomRuleSet {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return NO_CUSTOM_RULES;
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch {
    return NO_CUSTOM_RULES;
  }
  const files: CustomRuleFile[] = [];
  let count = taken.custom.size;
  for (let i = 0; i < names.length; i++) {
    const file = join(dir, names[i]);
    if (i === CUSTOM_RULE_LIMITS.maxFiles) {
      files.push({ file, text: '', rules: [], problems: [{ span: [0, 0], severity: 'error', message: `${dir} holds ${names.length} rule files, over the limit of ${CUSTOM_RULE_LIMITS.maxFiles}: this one and those after it were not read.` }] });
      break;
    }
    let text: string;
    try {
      const st = statSync(file);
      if (!st.isFile()) continue;
      if (st.size > CUSTOM_RULE_LIMITS.maxFileBytes) {
        files.push({ file, text: '', rules: [], problems: [tooLarge(st.size)] });
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (e) {
      files.push({ file, text: '', rules: [], problems: [{ span: [0, 0], severity: 'error', message: `Cannot read this rule file: ${(e as Error).message}` }] });
      continue;
    }
    const parsed = parseCustomRules(file, text, taken, CUSTOM_RULE_LIMITS.maxRules - count);
    count += parsed.rules.length;
    files.push(parsed);
  }
  return { files, rules: files.flatMap((f) => f.rules) };
}

function tooLarge(bytes: number): CustomRuleProblem {
  return { span: [0, 0], severity: 'error', message: `This rule file is ${(bytes / 1024).toFixed(0)} KiB, over the ${CUSTOM_RULE_LIMITS.maxFileBytes / 1024} KiB limit for a rule file: Cloudline did not read it.` };
}

/**
 * Parses and validates one rule file: a rule (a mapping with `id`), or `rules:` and a list of them; several YAML
 * documents are read one after the other. A rule with an error is left out, the others are loaded; `room` is how
 * many more rules may be loaded (CUSTOM_RULE_LIMITS.maxRules in all).
 */
export function parseCustomRules(file: string, text: string, taken: TakenIds, room: number = CUSTOM_RULE_LIMITS.maxRules): CustomRuleFile {
  const problems: CustomRuleProblem[] = [];
  if (text.length > CUSTOM_RULE_LIMITS.maxFileBytes || Buffer.byteLength(text, 'utf8') > CUSTOM_RULE_LIMITS.maxFileBytes) {
    return { file, text, rules: [], problems: [tooLarge(Buffer.byteLength(text, 'utf8'))] };
  }
  const parsed = parseYaml(text);
  if (parsed.problems.length) return { file, text, rules: [], problems: parsed.problems.map((p) => ({ span: p.span, message: p.message, severity: 'error' })) };
  const rules: Rule[] = [];
  const lines = new LineIndex(text);
  for (const doc of parsed.docs) {
    const root = doc.root;
    if (!root || (root.kind === 'scalar' && root.value === null)) continue;
    if (root.kind !== 'map') {
      problems.push(error(root, 'A rule file holds a rule (a mapping with id, title, severity, match and require) or rules: and a list of them.'));
      continue;
    }
    const list = pairOf(root, 'rules');
    let candidates: Node[];
    if (list) {
      for (const p of root.pairs) if (p.key.value !== 'rules') problems.push(error(p.key, `Unknown key "${String(p.key.value)}" beside rules: a file with a list of rules holds nothing else.`));
      if (list.value.kind !== 'seq') {
        problems.push(error(list.value, 'rules must be a list of rules.'));
        continue;
      }
      candidates = list.value.items;
    } else candidates = [root];
    for (const node of candidates) {
      const rule = compileRule(node, file, lines, taken, problems);
      if (!rule) continue;
      if (rules.length >= room) {
        problems.push(error(node, `Over the limit of ${CUSTOM_RULE_LIMITS.maxRules} custom rules: this rule was not loaded.`));
        continue;
      }
      rules.push(rule);
    }
  }
  problems.sort((a, b) => a.span[0] - b.span[0]);
  return { file, text, rules, problems };
}

function error(at: Node | { span: Span }, message: string): CustomRuleProblem {
  return { span: at.span, message, severity: 'error' };
}

function warning(at: Node | { span: Span }, message: string): CustomRuleProblem {
  return { span: at.span, message, severity: 'warning' };
}

function pairOf(map: MapNode, key: string) {
  return map.pairs.find((p) => p.key.value === key);
}

/** A non-empty string, or undefined with the problem said. */
function stringOf(n: Node, what: string, problems: CustomRuleProblem[]): string | undefined {
  if (n.kind === 'scalar' && typeof n.value === 'string' && n.value.trim() !== '') return n.value;
  problems.push(error(n, `${what} must be a non-empty string.`));
  return undefined;
}

/** A string or a list of strings. */
function stringsOf(n: Node, what: string, problems: CustomRuleProblem[]): { value: string; node: Node }[] | undefined {
  const items = n.kind === 'seq' ? n.items : [n];
  if (items.length === 0) {
    problems.push(error(n, `${what} must not be empty.`));
    return undefined;
  }
  const out: { value: string; node: Node }[] = [];
  for (const item of items) {
    const s = stringOf(item, `Each of ${what}`, problems);
    if (s === undefined) return undefined;
    out.push({ value: s, node: item });
  }
  return out;
}

/** Validates one rule and compiles it; undefined (with its errors in `problems`) when it cannot be loaded. */
function compileRule(node: Node, file: string, lines: LineIndex, taken: TakenIds, problems: CustomRuleProblem[]): Rule | undefined {
  if (node.kind !== 'map') {
    problems.push(error(node, 'A rule must be a mapping with id, title, severity, match and require.'));
    return undefined;
  }
  const errorsBefore = problems.filter((p) => p.severity === 'error').length;
  const fields = new Map<string, Node>();
  for (const p of node.pairs) {
    const key = String(p.key.value);
    if ((RULE_KEYS as readonly string[]).includes(key)) fields.set(key, p.value);
    else problems.push(error(p.key, `Unknown key "${key}" in a rule. Known keys: ${RULE_KEYS.join(', ')}.${key === 'condition' || key === 'definition' || key === 'when' ? ' The condition a good resource satisfies goes under require:.' : ''}`));
  }
  const required = (key: string) => {
    const v = fields.get(key);
    if (!v) problems.push(error(node.pairs[0]?.key ?? node, `The rule has no ${key}:.`));
    return v;
  };
  const idNode = required('id');
  const id = idNode && stringOf(idNode, 'id', problems);
  if (idNode && id !== undefined) {
    const clash = taken.builtin.rule(id);
    if (!ID.test(id)) problems.push(error(idNode, `The rule ID "${id}" must start with a letter and hold only letters, digits, ".", "_" and "-" (at most 64 characters), e.g. ACME-001.`));
    else if (/^CL-/i.test(id)) problems.push(error(idNode, `The rule ID "${id}" starts with CL-, which is reserved for Cloudline's built-in rules: use your own prefix, e.g. ACME-001.`));
    else if (clash) problems.push(error(idNode, `The rule ID "${id}" is ${clash.id === id ? 'the ID' : 'the slug'} of the built-in rule ${clash.id}: choose another.`));
    else if (taken.custom.has(id.toLowerCase())) problems.push(error(idNode, `The rule ID "${id}" is already used by the custom rule at ${taken.custom.get(id.toLowerCase())}.`));
  }
  const titleNode = required('title');
  const title = titleNode && stringOf(titleNode, 'title', problems);
  const severityNode = required('severity');
  let severity: Severity | undefined;
  if (severityNode) {
    const s = severityNode.kind === 'scalar' ? severityNode.value : undefined;
    if (typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s)) severity = s as Severity;
    else problems.push(error(severityNode, `severity must be one of ${SEVERITIES.join(', ')}.`));
  }
  const text = (key: string) => {
    const v = fields.get(key);
    return v ? stringOf(v, key, problems) : undefined;
  };
  const message = text('message');
  if (message !== undefined) {
    for (const m of message.matchAll(/\{([A-Za-z_]+)\}/g)) {
      if (!['id', 'type', 'path', 'value'].includes(m[1])) problems.push(warning(fields.get('message')!, `The placeholder {${m[1]}} is not one Cloudline fills in ({id}, {type}, {path}, {value}): it is written as is.`));
    }
  }
  const description = text('description');
  const remediation = text('remediation');
  const responsibility = responsibilityOf(required('responsibility'), problems);
  const frameworks = fields.has('frameworks') ? frameworksOf(fields.get('frameworks')!, problems) : [];
  const equivalents = fields.has('equivalents') ? equivalentsOf(fields.get('equivalents')!, problems) : {};
  const docs = fields.has('docs') ? docsOf(fields.get('docs')!, problems) : [];
  const match = matchOf(required('match'), problems);
  const requireNode = required('require');
  const requirement = requireNode ? requirementOf(requireNode, problems, { depth: 0, count: 0 }) : undefined;
  if (problems.filter((p) => p.severity === 'error').length > errorsBefore) return undefined;
  if (!id || !title || !severity || !responsibility || !match || !requirement) return undefined;
  taken.custom.set(id.toLowerCase(), `${file}:${lines.positionAt(idNode!.span[0]).line + 1}`);
  return {
    id,
    slug: id,
    title,
    severity,
    description: description ?? title,
    remediation: remediation ?? '',
    responsibility,
    frameworks,
    equivalents,
    docs,
    fixable: false,
    custom: { file },
    checks: requirementChecks({ formats: match, require: requirement, message: message ?? `${title}: {type} {id} ({path} is {value})` }),
  };
}

function mapOf(n: Node | undefined, what: string, problems: CustomRuleProblem[]): MapNode | undefined {
  if (!n) return undefined;
  if (n.kind === 'map') return n;
  problems.push(error(n, `${what} must be a mapping.`));
  return undefined;
}

function oneOf<T extends string>(n: Node, what: string, values: readonly T[], problems: CustomRuleProblem[]): T | undefined {
  const s = n.kind === 'scalar' ? n.value : undefined;
  if (typeof s === 'string' && (values as readonly string[]).includes(s)) return s as T;
  problems.push(error(n, `${what} must be one of ${values.join(', ')}.`));
  return undefined;
}

function responsibilityOf(n: Node | undefined, problems: CustomRuleProblem[]): Responsibility | undefined {
  const map = mapOf(n, 'responsibility', problems);
  if (!map) return undefined;
  const got: Record<string, string | undefined> = {};
  for (const p of map.pairs) {
    const key = String(p.key.value);
    if (key === 'owner') got.owner = oneOf(p.value, 'responsibility.owner', OWNERS, problems);
    else if (key === 'model') got.model = oneOf(p.value, 'responsibility.model', SERVICE_MODELS, problems);
    else if (key === 'layer') got.layer = oneOf(p.value, 'responsibility.layer', LAYERS, problems);
    else if (key === 'provider' || key === 'customer') got[key] = stringOf(p.value, `responsibility.${key}`, problems)?.trim().replace(/\.$/, '');
    else problems.push(error(p.key, `Unknown key "${key}" in responsibility. Known keys: ${RESPONSIBILITY_KEYS.join(', ')}.`));
  }
  for (const key of ['model', 'layer', 'provider', 'customer']) {
    if (!map.pairs.some((p) => p.key.value === key)) problems.push(error(map, `responsibility needs ${key}: (${key === 'provider' ? 'what the provider secures, as a clause' : key === 'customer' ? 'what is left to you, as a clause' : key === 'model' ? SERVICE_MODELS.join(', ') : 'one of ' + LAYERS.join(', ')}).`));
  }
  if (!got.model || !got.layer || !got.provider || !got.customer) return undefined;
  return { owner: (got.owner ?? 'customer') as Responsibility['owner'], model: got.model as ServiceModel, layer: got.layer as Layer, provider: got.provider, customer: got.customer };
}

/**
 * `frameworks:` as a list of `{framework, control}` (or `controls:`) mappings or strings `FRAMEWORK: CONTROL[, …]`,
 * the framework by short ID or name. An unknown framework or control is a warning, left out of the rule.
 */
function frameworksOf(n: Node, problems: CustomRuleProblem[]): FrameworkRef[] {
  if (n.kind !== 'seq') {
    problems.push(error(n, 'frameworks must be a list of {framework, control} mappings or strings such as "nist-800-53-r5: AC-3".'));
    return [];
  }
  const out: FrameworkRef[] = [];
  for (const item of n.items) {
    let frameworkName: { value: string; node: Node } | undefined;
    let controls: { value: string; node: Node }[] = [];
    if (item.kind === 'scalar' && typeof item.value === 'string') {
      const colon = item.value.lastIndexOf(':');
      frameworkName = { value: colon >= 0 ? item.value.slice(0, colon) : item.value, node: item };
      controls = colon >= 0 ? item.value.slice(colon + 1).split(',').map((c) => ({ value: c.trim(), node: item })).filter((c) => c.value) : [];
    } else if (item.kind === 'map') {
      for (const p of item.pairs) {
        const key = String(p.key.value);
        if (key === 'framework') {
          const s = stringOf(p.value, 'framework', problems);
          if (s) frameworkName = { value: s, node: p.value };
        } else if (key === 'control' || key === 'controls') {
          const bare = (p.value.kind === 'seq' ? p.value.items : [p.value]).find((x) => x.kind === 'scalar' && typeof x.value === 'number');
          if (bare) problems.push(error(bare, `A control is written as a string: quote it ("${bare.doc.text.slice(bare.span[0], bare.span[1])}"), or YAML reads it as a number.`));
          else controls = stringsOf(p.value, key, problems) ?? [];
        }
        else problems.push(error(p.key, `Unknown key "${key}" in a framework reference. Known keys: framework, control, controls.`));
      }
      if (!frameworkName) problems.push(error(item, 'A framework reference needs framework: (a short ID such as nist-800-53-r5, or a name such as "NIST SP 800-53 Rev. 5").'));
    } else {
      problems.push(error(item, 'A framework reference is a {framework, control} mapping or a string such as "nist-800-53-r5: AC-3".'));
    }
    if (!frameworkName) continue;
    const info = frameworkByName(frameworkName.value);
    if (!info) {
      problems.push(warning(frameworkName.node, `Unknown framework "${frameworkName.value.trim()}": this reference is left out. Known: ${FRAMEWORKS.map((f) => f.id).join(', ')}.`));
      continue;
    }
    const list = CONTROL_LISTS.find((l) => l.framework === info.id);
    const known = controls.filter((c) => {
      if (!list || list.controls.some((x) => x.id === c.value)) return true;
      problems.push(warning(c.node, `${info.name} ${info.version} has no control "${c.value}" in Cloudline's list (rules/frameworks/${info.id}.yaml): it is left out.`));
      return false;
    });
    if (controls.length > 0 && known.length === 0) continue;
    out.push({ framework: info.name, version: info.version, controls: known.map((c) => c.value) });
  }
  return out;
}

function equivalentsOf(n: Node, problems: CustomRuleProblem[]): Equivalents {
  const map = mapOf(n, 'equivalents', problems);
  const out: Record<string, string[]> = {};
  for (const p of map?.pairs ?? []) {
    const key = String(p.key.value);
    if (!(EQUIVALENT_TOOLS as readonly string[]).includes(key)) {
      problems.push(error(p.key, `Unknown tool "${key}" in equivalents. Known tools: ${EQUIVALENT_TOOLS.join(', ')}.`));
      continue;
    }
    const ids = stringsOf(p.value, `equivalents.${key}`, problems);
    if (ids) out[key] = ids.map((x) => x.value);
  }
  return out;
}

function docsOf(n: Node, problems: CustomRuleProblem[]): string[] {
  const urls = stringsOf(n, 'docs', problems) ?? [];
  return urls.flatMap((u) => {
    // Shown as a link in hovers and reports: no spaces, brackets, quotes or angle brackets that would end it early.
    if (/^https?:\/\/[^\s()<>[\]"'`\\]+$/.test(u.value)) return [u.value];
    problems.push(error(u.node, 'Each of docs must be an http:// or https:// address (without spaces, brackets or quotes).'));
    return [];
  });
}

type MatchSpec = NonNullable<Parameters<typeof requirementChecks>[0]['formats']>;

function matchOf(n: Node | undefined, problems: CustomRuleProblem[]): MatchSpec | undefined {
  const map = mapOf(n, 'match', problems);
  if (!map) return undefined;
  let formats: CheckFormat[] | undefined;
  let types: { value: string; node: Node }[] | undefined;
  let apiVersions: { value: string; node: Node }[] | undefined;
  let apiNode: Node | undefined;
  for (const p of map.pairs) {
    const key = String(p.key.value);
    if (key === 'format') {
      const list = stringsOf(p.value, 'format', problems);
      formats = [];
      for (const f of list ?? []) {
        if ((FORMATS as readonly string[]).includes(f.value)) formats.push(f.value as CheckFormat);
        else problems.push(error(f.node, `Unknown format "${f.value}": one of ${FORMATS.join(', ')} (terraform covers .tf, .tf.json and plans).`));
      }
    } else if (key === 'types') types = stringsOf(p.value, 'types', problems);
    else if (key === 'apiVersion') {
      apiVersions = stringsOf(p.value, 'apiVersion', problems);
      apiNode = p.key;
    } else problems.push(error(p.key, `Unknown key "${key}" in match. Known keys: ${MATCH_KEYS.join(', ')}.`));
  }
  if (!pairOf(map, 'format')) problems.push(error(map, `match needs format: (${FORMATS.join(', ')}, or a list of them).`));
  if (!pairOf(map, 'types')) problems.push(error(map, 'match needs types: the resource types (Kubernetes kinds) the rule checks.'));
  if (!formats?.length || !types) return undefined;
  if (apiNode && !formats.includes('kubernetes')) problems.push(warning(apiNode, 'apiVersion applies to Kubernetes objects only: this rule checks no Kubernetes format.'));
  const out: { -readonly [K in CheckFormat]?: { types: string[]; appliesTo?: (r: Resource) => boolean } } = {};
  for (const t of types) {
    const fits = formats.filter((f) => TYPE_SHAPES[f].re.test(t.value));
    if (fits.length === 0) {
      problems.push(warning(t.node, `"${t.value}" is not a ${formats.join(' or ')} resource type (such as ${formats.map((f) => TYPE_SHAPES[f].example).join(', ')}): the rule never matches it.`));
    }
    for (const f of fits) (out[f] ??= { types: [] }).types.push(t.value);
  }
  if (out.kubernetes && apiVersions) {
    const wanted = apiVersions.map((a) => a.value);
    out.kubernetes = { ...out.kubernetes, appliesTo: (r: Resource) => apiVersionMatches(r.k8s?.apiVersion, wanted) };
  }
  return out;
}

/** `apps/v1` matches itself; `apps/*` any version of the group; `v1` the core group's. */
function apiVersionMatches(apiVersion: string | undefined, wanted: readonly string[]): boolean {
  if (apiVersion === undefined) return false;
  return wanted.some((w) => (w.endsWith('/*') ? apiVersion.startsWith(w.slice(0, -1)) : apiVersion === w));
}

/** Validates and compiles a condition: `all` / `any` (lists), `not` (one condition) or a leaf (path and one operator). */
function requirementOf(n: Node, problems: CustomRuleProblem[], budget: { depth: number; count: number }): Requirement | undefined {
  if (++budget.count > CUSTOM_RULE_LIMITS.maxConditions) {
    if (budget.count === CUSTOM_RULE_LIMITS.maxConditions + 1) problems.push(error(n, `Over the limit of ${CUSTOM_RULE_LIMITS.maxConditions} conditions in one rule.`));
    return undefined;
  }
  if (n.kind !== 'map') {
    problems.push(error(n, 'A condition is a mapping: all:, any: or not: (with conditions), each: with require:, or path: with one test (exists, equals, in, matches, greaterThan, atLeast, lessThan, atMost).'));
    return undefined;
  }
  if (n.pairs.length === 0) {
    problems.push(error(n, 'This condition is empty: write all:, any:, not:, each: or path: with a test.'));
    return undefined;
  }
  const each = pairOf(n, 'each');
  if (each) return eachOf(n, each, problems, budget);
  const group = n.pairs.find((p) => (GROUPS as readonly string[]).includes(String(p.key.value)));
  if (group) {
    const key = String(group.key.value) as (typeof GROUPS)[number];
    for (const p of n.pairs) if (p !== group) problems.push(error(p.key, `"${String(p.key.value)}" cannot stand beside ${key}: (one group or one test per condition; nest them under all:).`));
    if (budget.depth + 1 > CUSTOM_RULE_LIMITS.maxDepth) {
      problems.push(error(group.key, `Conditions are nested more than ${CUSTOM_RULE_LIMITS.maxDepth} deep (the limit).`));
      return undefined;
    }
    const inner = { depth: budget.depth + 1, count: budget.count };
    let result: Requirement | undefined;
    if (key === 'not') {
      const c = requirementOf(group.value, problems, inner);
      result = c && { not: c };
    } else if (group.value.kind !== 'seq' || group.value.items.length === 0) {
      problems.push(error(group.value, `${key} must be a non-empty list of conditions.`));
    } else {
      const items = group.value.items.map((x) => requirementOf(x, problems, inner));
      if (items.every((x): x is Requirement => x !== undefined)) result = key === 'all' ? { all: items } : { any: items };
    }
    budget.count = inner.count;
    return result;
  }
  return leafOf(n, problems);
}

/** `each: PATH` with `require:` (a condition on every item of the list there, its paths starting at the item). */
function eachOf(n: MapNode, each: MapNode['pairs'][number], problems: CustomRuleProblem[], budget: { depth: number; count: number }): Requirement | undefined {
  const inner = pairOf(n, 'require');
  for (const p of n.pairs) if (p !== each && p !== inner) problems.push(error(p.key, `"${String(p.key.value)}" cannot stand beside each: (each: takes a path and require: the condition every item satisfies).`));
  if (!inner) {
    problems.push(error(each.key, 'each: needs require: the condition every item of the list satisfies (its paths start at the item).'));
    return undefined;
  }
  if (budget.depth + 1 > CUSTOM_RULE_LIMITS.maxDepth) {
    problems.push(error(each.key, `Conditions are nested more than ${CUSTOM_RULE_LIMITS.maxDepth} deep (the limit).`));
    return undefined;
  }
  const path = pathOf(each.value, problems);
  const nested = { depth: budget.depth + 1, count: budget.count };
  const require = requirementOf(inner.value, problems, nested);
  budget.count = nested.count;
  return path && require ? { each: path, require } : undefined;
}

function leafOf(n: MapNode, problems: CustomRuleProblem[]): Leaf | undefined {
  const pathPair = pairOf(n, 'path');
  const ops = n.pairs.filter((p) => (OPERATORS as readonly string[]).includes(String(p.key.value)));
  const flagsPair = pairOf(n, 'flags');
  for (const p of n.pairs) {
    const key = String(p.key.value);
    if (key !== 'path' && key !== 'flags' && !(OPERATORS as readonly string[]).includes(key)) {
      problems.push(error(p.key, `Unknown key "${key}" in a condition. A condition is all:, any:, not:, each: with require:, or path: with one of ${OPERATORS.join(', ')}.`));
    }
  }
  if (!pathPair) {
    problems.push(error(n, 'This condition has no path: (the property path it tests, such as Properties of CloudFormation: VersioningConfiguration.Status).'));
    return undefined;
  }
  if (ops.length === 0) {
    problems.push(error(pathPair.key, `This condition tests nothing: add one of ${OPERATORS.join(', ')}.`));
    return undefined;
  }
  if (ops.length > 1) {
    problems.push(error(ops[1].key, `One test per condition: put ${ops.map((o) => String(o.key.value)).join(' and ')} in separate conditions under all: or any:.`));
    return undefined;
  }
  if (flagsPair && ops[0].key.value !== 'matches') problems.push(error(flagsPair.key, 'flags applies to matches: only.'));
  const path = pathOf(pathPair.value, problems);
  const test = testOf(String(ops[0].key.value) as (typeof OPERATORS)[number], ops[0].value, flagsPair?.value, problems);
  return path && test ? { path, test } : undefined;
}

/** `A.B[0].C`, `spec.containers[*].image`, or a list of keys (`[metadata, annotations, "example.com/owner"]`, `0`, `"*"`). */
function pathOf(n: Node, problems: CustomRuleProblem[]): PathStep[] | undefined {
  const steps: PathStep[] = [];
  if (n.kind === 'seq') {
    for (const item of n.items) {
      const v = item.kind === 'scalar' ? item.value : undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) steps.push({ index: v });
      else if (v === '*') steps.push({ every: true });
      else if (typeof v === 'string' && v !== '') steps.push({ key: v });
      else {
        problems.push(error(item, 'Each step of a path list is a key (a string), an index (0, 1, …) or "*" (every item).'));
        return undefined;
      }
    }
  } else if (n.kind === 'scalar' && typeof n.value === 'string' && n.value !== '') {
    const text = n.value;
    // Offsets into the value point into the file when it is written on one line, plain or quoted without escapes.
    const start = n.span[0] + (n.style === 'quoted' ? 1 : 0);
    const exact = n.style !== 'block' && n.doc.text.slice(start, start + text.length) === text;
    const at = (from: number, to: number): { span: Span } => ({ span: exact ? [start + from, start + to] : n.span });
    const segment = /([^.[\]]+)|\[(\d+|\*)\]/y;
    let i = 0;
    while (i < text.length) {
      if (steps.length > 0 && text[i] === '.') {
        if (text[i - 1] === '.' || i === text.length - 1 || text[i + 1] === '.') {
          problems.push(error(at(i, i + 1), `An empty step in the path "${text}".`));
          return undefined;
        }
        i++;
        continue;
      }
      segment.lastIndex = i;
      const m = segment.exec(text);
      if (!m) {
        problems.push(error(at(i, i + 1), `Cannot read the path "${text}" here: write keys separated by dots, [n] for an index and [*] for every item (a key with dots or brackets: write the path as a list).`));
        return undefined;
      }
      if (m[1] !== undefined) steps.push({ key: m[1] });
      else if (m[2] === '*') steps.push({ every: true });
      else steps.push({ index: Number(m[2]) });
      i = segment.lastIndex;
    }
  } else {
    problems.push(error(n, 'path must be a string (A.B[0].C) or a list of keys.'));
    return undefined;
  }
  if (steps.length === 0) {
    problems.push(error(n, 'path must not be empty.'));
    return undefined;
  }
  if (steps.length > CUSTOM_RULE_LIMITS.maxPathSteps) {
    problems.push(error(n, `The path has ${steps.length} steps, over the limit of ${CUSTOM_RULE_LIMITS.maxPathSteps}.`));
    return undefined;
  }
  return steps;
}

type Plain = string | number | boolean;

function plainOf(n: Node): Plain | undefined {
  const v = n.kind === 'scalar' ? n.value : undefined;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

function testOf(op: (typeof OPERATORS)[number], n: Node, flags: Node | undefined, problems: CustomRuleProblem[]): LeafTest | undefined {
  switch (op) {
    case 'exists': {
      const v = plainOf(n);
      if (typeof v === 'boolean') return { op, want: v };
      problems.push(error(n, 'exists must be true or false.'));
      return undefined;
    }
    case 'equals': {
      const v = plainOf(n);
      if (v !== undefined) return { op, value: v };
      problems.push(error(n, 'equals must be a string, a number or true/false (to require a property to be missing, use exists: false).'));
      return undefined;
    }
    case 'in': {
      if (n.kind !== 'seq' || n.items.length === 0) {
        problems.push(error(n, 'in must be a non-empty list of strings, numbers or true/false.'));
        return undefined;
      }
      if (n.items.length > CUSTOM_RULE_LIMITS.maxValues) {
        problems.push(error(n, `in has ${n.items.length} values, over the limit of ${CUSTOM_RULE_LIMITS.maxValues}.`));
        return undefined;
      }
      const values: Plain[] = [];
      for (const item of n.items) {
        const v = plainOf(item);
        if (v === undefined) {
          problems.push(error(item, 'Each value of in must be a string, a number or true/false.'));
          return undefined;
        }
        values.push(v);
      }
      return { op, values };
    }
    case 'matches': {
      const source = n.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
      if (source === undefined || source === '') {
        problems.push(error(n, 'matches must be a regular expression written as a string (JavaScript syntax; quote it in YAML).'));
        return undefined;
      }
      let flagText = '';
      if (flags) {
        const f = flags.kind === 'scalar' && typeof flags.value === 'string' ? flags.value : undefined;
        if (f === undefined) {
          problems.push(error(flags, 'flags must be a string of i, m, s and u.'));
          return undefined;
        }
        flagText = f;
      }
      const why = customPatternProblem(source, flagText);
      if (why) {
        problems.push(error(why.startsWith('The flag') || why.startsWith('A flag') ? flags! : n, why));
        return undefined;
      }
      return { op, re: new RegExp(source, flagText) };
    }
    default: {
      const v = plainOf(n);
      if (typeof v === 'number' && Number.isFinite(v)) return { op, n: v };
      problems.push(error(n, `${op} must be a number.`));
      return undefined;
    }
  }
}

/** The built-in catalogue with the custom rules of `set` (the same catalogue when there are none). */
export function withCustomRules(builtin: Catalogue, set: CustomRuleSet): Catalogue {
  return builtin.withRules(set.rules);
}

/** `file:line:col: [warning: ]message` for each problem of a rule file (the CLI's form). */
export function formatCustomProblems(f: CustomRuleFile, severity?: CustomRuleProblem['severity']): string[] {
  const lines = new LineIndex(f.text);
  return f.problems
    .filter((p) => !severity || p.severity === severity)
    .map((p) => {
      const pos = lines.positionAt(p.span[0]);
      return `${f.file}:${pos.line + 1}:${pos.character + 1}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
    });
}
