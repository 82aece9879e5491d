// `.cloudline.yaml`: the same options as the CLI and the editor settings, validated with positions for clear errors.
import { Minimatch } from 'minimatch';
import { parseYaml } from '../model/yaml';
import { LineIndex } from '../model/lines';
import type { Node, Span } from '../model/tree';
import type { Catalogue } from './catalogue';
import { FILE_OPTIONS, optionSpec, type Options } from './options';
import { SEVERITIES, type Severity } from './rule';

export { matchesFrameworks, type Options } from './options';

export const CONFIG_FILE = '.cloudline.yaml';

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
}

const KEYS = FILE_OPTIONS;

/** Limits on an options file and its exclude globs (a larger one is a problem, not minutes of work and gigabytes). */
export const CONFIG_LIMITS = {
  /** The options file's size in bytes. */
  maxBytes: 1024 * 1024,
  /** Exclude patterns in all. */
  maxPatterns: 1000,
  /** Characters in one pattern. */
  maxPatternLength: 1000,
  /** Patterns one glob's braces expand to (`{a,b}/{c,d}` is 4). */
  maxExpansion: 1000,
  /** Patterns all the globs expand to together (each is tried on every file: about 0.3 µs apiece). */
  maxTotalExpansion: 2000,
  /** Brace sets nested in one another. */
  maxBraceDepth: 10,
} as const;

/** Parses and validates a `.cloudline.yaml` text. Problems carry spans into the text; nothing throws. */
export function parseConfig(text: string, catalogue: Catalogue): { options: Options; problems: ConfigProblem[]; baselineSpan?: Span } {
  const problems: ConfigProblem[] = [];
  // Checked before parsing: a 20 MB options file took the YAML parser half a minute and 1.5 GB.
  if (text.length > CONFIG_LIMITS.maxBytes || Buffer.byteLength(text, 'utf8') > CONFIG_LIMITS.maxBytes) {
    const size = (Buffer.byteLength(text, 'utf8') / 1024 / 1024).toFixed(1);
    return { options: {}, problems: [{ span: [0, 0], message: `The options file is ${size} MiB, over the 1 MiB limit for an options file: Cloudline did not read it.` }] };
  }
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
  const set = (key: string, value: unknown) => ((options as Record<string, unknown>)[key] = value);
  let baselineSpan: Span | undefined;
  for (const pair of root.pairs) {
    const key = String(pair.key.value);
    const v = pair.value;
    if (key === 'baseline') {
      // A baseline file (engine/baseline.ts), relative to this file: whoever reads it reports a missing or broken one here.
      const s = scalar(v);
      if (typeof s === 'string' && s.length > 0) {
        set(key, s);
        baselineSpan = v.span;
      } else problems.push({ span: v.span, message: 'baseline must be the path of a baseline file (written by cloudline scan --write-baseline), relative to this file.' });
      continue;
    }
    // The options table (engine/options.ts) says which keys the file accepts and how each is validated.
    const spec = optionSpec(key);
    switch (spec?.file ? spec.kind : undefined) {
      case 'enum':
      case 'severity': {
        const s = scalar(v);
        if (typeof s === 'string' && spec!.values!.includes(s)) set(key, s);
        else problems.push({ span: v.span, message: `${key} must be one of ${spec!.values!.join(', ')}.` });
        break;
      }
      case 'boolean': {
        const s = scalar(v);
        if (typeof s === 'boolean') set(key, s);
        else problems.push({ span: v.span, message: `${key} must be true or false.` });
        break;
      }
      case 'ruleMap': {
        if (v.kind !== 'map') {
          problems.push({ span: v.span, message: `${key} must map rule IDs or slugs to "off" or a severity.` });
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
        set(key, rules);
        break;
      }
      case 'stringList': {
        const list = v.kind === 'seq' ? v.items : [v];
        const strings = list.map(scalar);
        if (!strings.every((s) => typeof s === 'string' && s.length > 0)) {
          problems.push({ span: v.span, message: `${key} must be a list of strings.` });
          break;
        }
        if (key !== 'exclude') {
          set(key, strings as string[]);
          break;
        }
        const kept: string[] = [];
        let total = 0;
        for (let i = 0; i < list.length; i++) {
          if (i === CONFIG_LIMITS.maxPatterns) {
            problems.push({ span: list[i].span, message: `exclude has ${list.length} patterns, over the limit of ${CONFIG_LIMITS.maxPatterns}: this one and those after it are ignored.` });
            break;
          }
          const glob = strings[i] as string;
          const why = globProblem(glob);
          if (why) {
            problems.push({ span: list[i].span, message: why });
            continue;
          }
          total += braceExpansionSize(glob);
          if (total > CONFIG_LIMITS.maxTotalExpansion) {
            problems.push({ span: list[i].span, message: `The exclude patterns' braces expand to more than ${CONFIG_LIMITS.maxTotalExpansion} patterns in all by here (the limit): this one and those after it are ignored.` });
            break;
          }
          kept.push(glob);
        }
        set(key, kept);
        break;
      }
      default:
        problems.push({ span: pair.key.span, message: `Unknown option "${key}". Known options: ${KEYS.join(', ')}.` });
    }
  }
  return baselineSpan ? { options, problems, baselineSpan } : { options, problems };
}

function scalar(n: Node): string | number | boolean | null | undefined {
  return n.kind === 'scalar' ? n.value : undefined;
}

/**
 * How many patterns a glob's braces expand to (an upper bound, in one pass, capped just past the limit), or -1 when
 * brace sets nest deeper than `maxBraceDepth`. `{a,b}` adds its members' counts, `{1..20}` counts its sequence,
 * groups side by side multiply.
 */
export function braceExpansionSize(glob: string): number {
  const cap = CONFIG_LIMITS.maxExpansion + 1;
  // One frame per open set: the product so far of the member being read, and the sum of the members before it.
  const stack: { product: number; sum: number; commas: number; start: number }[] = [];
  let product = 1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (stack.length === CONFIG_LIMITS.maxBraceDepth) return -1;
      stack.push({ product, sum: 0, commas: 0, start: i + 1 });
      product = 1;
    } else if (c === ',' && stack.length) {
      const top = stack[stack.length - 1];
      top.sum = Math.min(cap, top.sum + product);
      top.commas++;
      product = 1;
    } else if (c === '}' && stack.length) {
      const top = stack.pop()!;
      let members = Math.min(cap, top.sum + product);
      if (top.commas === 0) {
        // `{1..20}`, `{a..z}`, `{0..100..5}`: a sequence; anything else without a comma is literal.
        const seq = /^(-?\d+|[^\d])\.\.(-?\d+|[^\d])(?:\.\.(-?\d+))?$/.exec(glob.slice(top.start, i));
        if (seq) {
          const [a, b] = [seq[1], seq[2]].map((x) => (/^-?\d+$/.test(x) ? Number(x) : x.charCodeAt(0)));
          members = Math.min(cap, Math.floor(Math.abs(a - b) / Math.max(1, Math.abs(Number(seq[3] ?? 1)))) + 1);
        }
      }
      product = Math.min(cap, top.product * members);
    }
  }
  // Sets left open are literal text; what they held still multiplies.
  for (const top of stack) product = Math.min(cap, top.product * Math.min(cap, top.sum + product));
  return product;
}

/** Why an exclude glob is refused (over a limit), or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > CONFIG_LIMITS.maxPatternLength) return `This exclude pattern is ${glob.length} characters long, over the limit of ${CONFIG_LIMITS.maxPatternLength}: it is ignored.`;
  const n = braceExpansionSize(glob);
  if (n < 0) return `This exclude pattern nests braces more than ${CONFIG_LIMITS.maxBraceDepth} deep (the limit): it is ignored.`;
  if (n > CONFIG_LIMITS.maxExpansion) return `This exclude pattern's braces expand to more than ${CONFIG_LIMITS.maxExpansion} patterns (the limit): it is ignored.`;
  return undefined;
}

/** A compiled exclude list: patterns with a slash match the whole relative path, the others its last segment. */
type Matcher = (relativePath: string) => boolean;

const compiledByList = new WeakMap<readonly string[], Matcher>();
const compiledByKey = new Map<string, Matcher>();

/**
 * The exclude list compiled once (not once per file): each glob's braces are expanded and its regular expressions
 * built when the list is first seen. Globs over the limits are skipped (`.cloudline.yaml` reports them), and so are
 * the patterns past `maxPatterns` or `maxTotalExpansion`.
 */
export function compileExcludes(exclude: readonly string[]): Matcher {
  let m = compiledByList.get(exclude);
  if (m) return m;
  // Lists merged afresh for each document (settings over the options file) are the same text: share their matcher.
  const key = exclude.join('\u0000');
  m = compiledByKey.get(key);
  if (!m) {
    const globs: string[] = [];
    let total = 0;
    for (const g of exclude.slice(0, CONFIG_LIMITS.maxPatterns)) {
      if (g.length === 0 || globProblem(g)) continue;
      total += braceExpansionSize(g);
      if (total > CONFIG_LIMITS.maxTotalExpansion) break;
      globs.push(g);
    }
    const compiled = globs.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/'), braceExpandMax: CONFIG_LIMITS.maxExpansion }));
    m = (path: string) => compiled.some((mm) => mm.match(path));
    if (compiledByKey.size >= 32) compiledByKey.clear();
    compiledByKey.set(key, m);
  }
  compiledByList.set(exclude, m);
  return m;
}

/** True when `relativePath` (forward slashes) matches an exclude glob. */
export function isExcluded(relativePath: string, exclude: readonly string[] | undefined): boolean {
  return !!exclude?.length && compileExcludes(exclude)(relativePath);
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
    // Off in any layer is off: the options file turns it off for everyone, a setting or flag for one user or run.
    if (l.otherToolsSuppressions === false) out.otherToolsSuppressions = false;
  }
  return out;
}

/** `file:line:col: message` for a problem (the CLI's form). */
export function formatProblem(file: string, text: string, p: ConfigProblem): string {
  const pos = new LineIndex(text).positionAt(p.span[0]);
  return `${file}:${pos.line + 1}:${pos.character + 1}: ${p.message}`;
}
