// Text → parsed file: picks YAML, JSON or HCL (Terraform `.tf`), parses every document and detects each one's IaC format by content.
import { LineIndex } from './lines';
import { parseHcl } from './hcl';
import { parseJson, withoutDuplicateKeys, type DuplicateKey } from './json';
import { parseYaml, yamlDocInfo } from './yaml';
import { DEFAULT_LIMITS, get, str, type Lang, type MapNode, type Node, type ParseLimits, type ParseProblem, type Scalar, type ScalarNode, type SourceDoc, type Span } from './tree';

export type Format = 'cloudformation' | 'kubernetes' | 'terraform' | 'terraform-plan';

export const FORMATS: readonly Format[] = ['cloudformation', 'kubernetes', 'terraform', 'terraform-plan'];

export interface ParsedDoc {
  readonly doc: SourceDoc;
  /** The document's format, or undefined for a document that is none of ours (or is broken). */
  readonly format: Format | undefined;
}

export interface ParsedFile {
  readonly uri: string;
  readonly text: string;
  readonly lang: Lang;
  readonly lines: LineIndex;
  readonly docs: ParsedDoc[];
  /** Syntax problems; empty when `isIac` is false (files that are none of ours get no diagnostics). */
  readonly problems: ParseProblem[];
  readonly duplicateKeys: DuplicateKey[];
  /** True when the file holds at least one document of a supported format, or looks like one but is broken. */
  readonly isIac: boolean;
}

/** The language of a file: its extension when it says, otherwise the first significant character. */
export function languageOf(uri: string, text: string): Lang {
  const lower = uri.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.tf') || lower.endsWith('.tfvars')) return 'hcl';
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') continue;
    return c === '{' ? 'json' : 'yaml';
  }
  return 'yaml';
}

/** Options of `parseFile`: the limits that apply (each defaults to `DEFAULT_LIMITS`). */
export type ParseOptions = Partial<ParseLimits>;

/**
 * Parses `text` (named by `uri`) into documents with their formats. Never throws. Hostile input (too large, too
 * deep, an alias bomb) gets a problem that names the limit that applied, instead of a tree.
 */
export function parseFile(uri: string, text: string, lang: Lang = languageOf(uri, text), options: ParseOptions = {}): ParsedFile {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...definedOnly(options) };
  const lines = new LineIndex(text);
  if (text.length > limits.maxFileSize) return oversized(uri, text.length, text, limits.maxFileSize, text, lang, lines);
  let docs: SourceDoc[] = [];
  let problems: ParseProblem[] = [];
  try {
    if (lang === 'json') {
      const parsed = parseJson(prepare(text, lang), limits);
      docs = [parsed.doc];
      problems = parsed.problems;
    } else if (lang === 'hcl') {
      const parsed = parseHcl(prepare(text, lang), limits);
      docs = [parsed.doc];
      problems = parsed.problems;
    } else {
      const parsed = parseYaml(prepare(text, lang), limits);
      docs = parsed.docs;
      problems = parsed.problems;
    }
  } catch (e) {
    // The adapters bound their recursion; this is the last line of defence, so a parser bug is a problem, not a crash.
    const message = e instanceof RangeError ? 'The file is nested too deeply to parse.' : `Could not parse the file: ${String((e as Error)?.message ?? e)}`;
    docs = [];
    problems = [{ span: [0, Math.min(1, text.length)], message, severity: 'error' }];
  }
  return finish(uri, text, lang, lines, docs, problems, limits);
}

/**
 * A file over the `maxFileSize` limit, known by its size (from a stat) and its first bytes only: not linted, and
 * reported with a problem naming the limit when its name or head looks like IaC. Its text is empty.
 */
export function oversizedFile(uri: string, size: number, head: string, maxFileSize: number): ParsedFile {
  return oversized(uri, size, head, maxFileSize, '', languageOf(uri, head), new LineIndex(''));
}

function oversized(uri: string, size: number, head: string, maxFileSize: number, text: string, lang: Lang, lines: LineIndex): ParsedFile {
  const problem: ParseProblem = {
    span: [0, 0],
    message: `Cloudline did not lint this file: it is ${megabytes(size)} MB, over the ${megabytes(maxFileSize)} MB limit (maxFileSize).`,
    severity: 'warning',
    limit: 'maxFileSize',
  };
  const isIac = looksLikeIac(uri, head);
  return { uri, text, lang, lines, docs: [], problems: isIac ? [problem] : [], duplicateKeys: [], isIac };
}

/** Builds the parsed file from its documents: formats, YAML 1.1 values, duplicate keys, character warnings. */
export function finish(uri: string, text: string, lang: Lang, lines: LineIndex, docs: readonly SourceDoc[], parseProblems: readonly ParseProblem[], limits: ParseLimits): ParsedFile {
  const problems = [...parseProblems];
  const duplicateKeys: DuplicateKey[] = [];
  const parsedDocs = docs.map((doc) => {
    const info = yamlDocInfo(doc);
    if (info && info.aliasNodes > limits.maxAliasNodes) {
      // The tree is fine (aliases share nodes), but rules walking it would repeat what the aliases repeat.
      problems.push({
        span: [info.firstAlias, Math.min(info.firstAlias + 1, text.length)],
        message: `YAML aliases in this document repeat ${info.aliasNodes > 1e9 ? 'billions of' : 'more than ' + limits.maxAliasNodes} nodes (the maxAliasNodes limit is ${limits.maxAliasNodes}; is it a "billion laughs" alias bomb?): Cloudline did not lint it.`,
        severity: 'error',
        limit: 'maxAliasNodes',
      });
      return { doc, format: undefined };
    }
    const format = detectFormat(doc.root, lang, uri);
    // A JSON document without a repeated key leaves the walk nothing to do (JSON has no YAML 1.1 values).
    if (!withoutDuplicateKeys(doc)) visit(doc, format === 'cloudformation' || format === 'kubernetes', duplicateKeys);
    return { doc, format };
  });
  const isIac = parsedDocs.some((d) => d.format !== undefined) || (problems.length > 0 && looksLikeIac(uri, text)) || isTfvars(uri);
  if (isIac) {
    for (const d of duplicateKeys) {
      const line = lines.positionAt(d.first[0]).line + 1;
      problems.push({
        span: d.again,
        message:
          lang === 'hcl'
            ? `Duplicate argument "${d.key}": it is already set on line ${line} of this block or object. Terraform rejects the configuration ("Attribute redefined"); Cloudline reads the last one. Keep one.`
            : `Duplicate key "${d.key}": it is already set on line ${line} of this mapping. Parsers disagree on which one counts (Cloudline, like most, reads the last one; CloudFormation and kubectl may reject the file), so keep one.`,
        severity: 'warning',
      });
    }
    problems.push(...characterProblems(text));
  }
  return { uri, text, lang, lines, docs: parsedDocs, problems: isIac ? problems : [], duplicateKeys: isIac ? duplicateKeys : [], isIac };
}

/**
 * The text the parsers see, with every offset unchanged. JSON: a byte-order mark is blanked (momoa rejects it).
 * YAML: the mark stays (`yaml` skips it; a blank would indent the first line), and a lone `\r` (old Mac line ends)
 * becomes `\n`, since editors and LSP positions break lines there while `yaml` does not.
 */
export function prepare(text: string, lang: Lang): string {
  if (lang === 'json') return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * One walk over a document: collects duplicate keys (a mapping's own pairs, not those a merge key brought in) and,
 * for CloudFormation and Kubernetes documents, gives plain scalars their YAML 1.1 value: CloudFormation reads YAML
 * 1.1 (unquoted `yes`, `on`, `off` are booleans there) and kubectl converts YAML with go-yaml v2, also YAML 1.1.
 */
function visit(doc: SourceDoc, yaml11: boolean, dups: DuplicateKey[]): void {
  if (!doc.root) return;
  // Aliases share nodes: visit each once, so an alias-heavy document costs what its text does.
  const seen = yamlDocInfo(doc)?.shared ? new Set<Node>() : undefined;
  const stack: Node[] = [doc.root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (node.kind === 'scalar') {
      if (yaml11 && node.yaml11 !== undefined) (node as { value: Scalar }).value = node.yaml11;
      continue;
    }
    if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      continue;
    }
    const map: MapNode = node;
    let first: Map<unknown, Span> | undefined;
    for (let i = 0; i < map.pairs.length; i++) {
      const key: ScalarNode = map.pairs[i].key;
      const value: Node = map.pairs[i].value;
      if (key.parent === map || key.parent === undefined) {
        if (key.value !== null && key.value !== '<<') {
          first ??= new Map();
          const k = typeof key.value === 'string' ? key.value : `\u0000${String(key.value)}`;
          const at = first.get(k);
          if (at) dups.push({ first: at, again: key.span, key: String(key.value) });
          else first.set(k, key.span);
        }
      }
      stack.push(value);
    }
  }
}

/** Warnings for characters that say the file is not the text it should be: NUL bytes, bytes that were not UTF-8. */
function characterProblems(text: string): ParseProblem[] {
  const out: ParseProblem[] = [];
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    out.push({ span: [nul, nul + 1], message: 'The file contains a NUL character (U+0000), which YAML and JSON do not allow: is it a binary or corrupted file?', severity: 'error' });
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    out.push({ span: [bad, bad + 1], message: 'The file contains U+FFFD replacement characters: it was probably not valid UTF-8 where it was read, so these characters are not what the file holds.', severity: 'warning' });
  }
  return out;
}

function megabytes(n: number): string {
  const mb = n / (1024 * 1024);
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}

function definedOnly(o: ParseOptions): ParseOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Detects the format of one document by its content. */
export function detectFormat(root: Node | undefined, lang: Lang, uri = ''): Format | undefined {
  if (lang === 'hcl') return isTfvars(uri) || !root || root.kind !== 'map' ? undefined : 'terraform';
  if (!root || root.kind !== 'map') return undefined;
  const keys = new Set(root.pairs.map((p) => p.key.value));
  if (keys.has('format_version') && (keys.has('planned_values') || keys.has('resource_changes'))) return 'terraform-plan';
  if (isCloudFormation(root)) return 'cloudformation';
  if (str(get(root, 'apiVersion')) !== undefined && str(get(root, 'kind')) !== undefined) return 'kubernetes';
  if (lang === 'json' && isTerraformJson(root, uri)) return 'terraform';
  return undefined;
}

function isCloudFormation(root: Node): boolean {
  if (get(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const transform = get(root, 'Transform');
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  // AWS::Serverless-2016-10-31, AWS::LanguageExtensions, AWS::Include, …: only CloudFormation has them.
  if (transforms.some((t) => str(t)?.startsWith('AWS::'))) return true;
  const resources = get(root, 'Resources');
  if (resources?.kind !== 'map' || resources.pairs.length === 0) return false;
  return resources.pairs.some((p) => {
    if (String(p.key.value).startsWith('Fn::ForEach::') && p.value.kind === 'seq') return true;
    const type = str(get(p.value, 'Type'));
    return type !== undefined && /^(AWS|Alexa|Custom)::/.test(type);
  });
}

const TERRAFORM_BLOCKS = new Set(['resource', 'data', 'provider', 'terraform', 'module', 'variable', 'output', 'locals', 'moved', 'import', 'check', 'removed']);
const TERRAFORM_SIGNATURE = new Set(['resource', 'data', 'provider', 'terraform', 'module', 'variable']);

function isTerraformJson(root: Node, uri: string): boolean {
  if (root.kind !== 'map' || root.pairs.length === 0) return false;
  const keys = root.pairs.map((p) => String(p.key.value)).filter((k) => k !== '//');
  if (keys.length === 0) return uri.toLowerCase().endsWith('.tf.json');
  // Every top-level key must be a Terraform block type, and at least one must be a defining one.
  return keys.every((k) => TERRAFORM_BLOCKS.has(k)) && keys.some((k) => TERRAFORM_SIGNATURE.has(k));
}

/** Terraform variable values (`terraform.tfvars`, `*.auto.tfvars`, their `.json` forms): read for `var.*`, not linted for resources. */
export function isTfvars(uri: string): boolean {
  const lower = uri.toLowerCase();
  return lower.endsWith('.tfvars') || lower.endsWith('.tfvars.json');
}

/** For a file that does not parse: do its name or text say it is one of ours, so its syntax error matters? */
function looksLikeIac(uri: string, text: string): boolean {
  const lower = uri.toLowerCase();
  if (lower.endsWith('.tf') || lower.endsWith('.tf.json') || lower.endsWith('.template') || lower.includes('cloudformation')) return true;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (head.includes('AWSTemplateFormatVersion') || head.includes('AWS::')) return true;
  if (head.includes('"format_version"') && head.includes('"planned_values"')) return true;
  return /(^|\n)apiVersion:/.test(head) && /(^|\n)kind:/.test(head);
}

export type { Span };
