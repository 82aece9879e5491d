// `.cloudline.yaml`: the same options as the CLI and the editor settings, validated with positions for clear errors.
import { minimatch } from 'minimatch';
import { parseYaml } from '../model/yaml';
import { LineIndex } from '../model/lines';
import type { Node, Span } from '../model/tree';
import type { Catalogue } from './catalogue';
import type { LintConfig } from './lint';
import { SEVERITIES, type Rule, type Severity } from './rule';

export const CONFIG_FILE = '.cloudline.yaml';

/** Options shared by `.cloudline.yaml`, the CLI and the VS Code settings. */
export interface Options extends LintConfig {
  /** Glob patterns (relative to the workspace root) of files not to lint. */
  readonly exclude?: readonly string[];
}

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
}

const KEYS = ['minimumSeverity', 'rules', 'frameworks', 'exclude'];

/** Parses and validates a `.cloudline.yaml` text. Problems carry spans into the text; nothing throws. */
export function parseConfig(text: string, catalogue: Catalogue): { options: Options; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let parsed;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    return { options: {}, problems: [{ span: [0, 0], message: `Cannot parse ${CONFIG_FILE}: ${(e as Error).message}` }] };
  }
  if (parsed.problems.length) return { options: {}, problems: parsed.problems.map((p) => ({ span: p.span, message: p.message })) };
  const root = parsed.docs[0]?.root;
  if (!root || (root.kind === 'scalar' && root.value === null)) return { options: {}, problems };
  if (root.kind !== 'map') return { options: {}, problems: [{ span: root.span, message: `${CONFIG_FILE} must be a mapping of options (${KEYS.join(', ')}).` }] };
  const options: { -readonly [K in keyof Options]: Options[K] } = {};
  for (const pair of root.pairs) {
    const key = String(pair.key.value);
    const v = pair.value;
    switch (key) {
      case 'minimumSeverity': {
        const s = scalar(v);
        if (typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s)) options.minimumSeverity = s as Severity;
        else problems.push({ span: v.span, message: `minimumSeverity must be one of ${SEVERITIES.join(', ')}.` });
        break;
      }
      case 'rules': {
        if (v.kind !== 'map') {
          problems.push({ span: v.span, message: 'rules must map rule IDs or slugs to "off" or a severity.' });
          break;
        }
        const rules: Record<string, 'off' | Severity> = {};
        for (const p of v.pairs) {
          const id = String(p.key.value);
          const setting = scalar(p.value);
          if (!catalogue.rule(id)) problems.push({ span: p.key.span, message: `Unknown rule "${id}": use a rule ID (CL-AWS-004) or slug (rds-publicly-accessible).` });
          else if (setting === false || setting === 'off' || (typeof setting === 'string' && (SEVERITIES as readonly string[]).includes(setting))) {
            rules[catalogue.rule(id)!.id] = setting === false ? 'off' : (setting as 'off' | Severity);
          } else problems.push({ span: p.value.span, message: `The setting for ${id} must be "off" or one of ${SEVERITIES.join(', ')}.` });
        }
        options.rules = rules;
        break;
      }
      case 'frameworks':
      case 'exclude': {
        const list = v.kind === 'seq' ? v.items : [v];
        const strings = list.map(scalar);
        if (strings.every((s) => typeof s === 'string' && s.length > 0)) options[key] = strings as string[];
        else problems.push({ span: v.span, message: `${key} must be a list of strings.` });
        break;
      }
      default:
        problems.push({ span: pair.key.span, message: `Unknown option "${key}". Known options: ${KEYS.join(', ')}.` });
    }
  }
  return { options, problems };
}

function scalar(n: Node): string | number | boolean | null | undefined {
  return n.kind === 'scalar' ? n.value : undefined;
}

/** True when the rule passes the frameworks filter. */
export function matchesFrameworks(rule: Rule, frameworks: readonly string[] | undefined): boolean {
  if (!frameworks || frameworks.length === 0) return true;
  const wanted = frameworks.map((f) => f.toLowerCase());
  return rule.frameworks.some((f) => wanted.some((w) => f.framework.toLowerCase().includes(w)));
}

/** True when `relativePath` (forward slashes) matches an exclude glob. */
export function isExcluded(relativePath: string, exclude: readonly string[] | undefined): boolean {
  return !!exclude?.some((glob) => minimatch(relativePath, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/**
 * Rule settings keyed by rule ID (a slug becomes its rule's ID; unknown names stay as written), so that option
 * layers naming the same rule by ID in one and by slug in the other still override each other when merged.
 */
export function byRuleId(rules: Readonly<Record<string, 'off' | Severity>> | undefined, catalogue: Catalogue): Record<string, 'off' | Severity> | undefined {
  if (!rules) return undefined;
  const out: Record<string, 'off' | Severity> = {};
  for (const [name, setting] of Object.entries(rules)) out[catalogue.rule(name)?.id ?? name] = setting;
  return out;
}

/** Merges option layers: later layers override earlier ones, rule settings merge key by key (see byRuleId). */
export function mergeOptions(...layers: (Options | undefined)[]): Options {
  const out: { -readonly [K in keyof Options]: Options[K] } = {};
  for (const l of layers) {
    if (!l) continue;
    if (l.minimumSeverity) out.minimumSeverity = l.minimumSeverity;
    if (l.rules) out.rules = { ...out.rules, ...l.rules };
    if (l.frameworks?.length) out.frameworks = l.frameworks;
    if (l.exclude?.length) out.exclude = [...(out.exclude ?? []), ...l.exclude];
  }
  return out;
}

/** `file:line:col: message` for a problem (the CLI's form). */
export function formatProblem(file: string, text: string, p: ConfigProblem): string {
  const pos = new LineIndex(text).positionAt(p.span[0]);
  return `${file}:${pos.line + 1}:${pos.character + 1}: ${p.message}`;
}
