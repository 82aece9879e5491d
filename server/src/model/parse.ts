// Text → parsed file: picks YAML or JSON, parses every document and detects each one's IaC format by content.
import { LineIndex } from './lines';
import { parseJson, type JsonParse } from './json';
import { parseYaml } from './yaml';
import { get, str, type Lang, type Node, type ParseProblem, type SourceDoc, type Span } from './tree';

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
  readonly duplicateKeys: JsonParse['duplicateKeys'];
  /** True when the file holds at least one document of a supported format, or looks like one but is broken. */
  readonly isIac: boolean;
}

/** The language of a file: its extension when it says, otherwise the first significant character. */
export function languageOf(uri: string, text: string): Lang {
  const lower = uri.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') continue;
    return c === '{' ? 'json' : 'yaml';
  }
  return 'yaml';
}

/** Parses `text` (named by `uri`) into documents with their formats. Never throws. */
export function parseFile(uri: string, text: string, lang: Lang = languageOf(uri, text)): ParsedFile {
  // A byte-order mark is blanked, not removed, so every offset still points into the original text.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(text);
  let docs: SourceDoc[] = [];
  let problems: ParseProblem[] = [];
  let duplicateKeys: JsonParse['duplicateKeys'] = [];
  try {
    if (lang === 'json') {
      const parsed = parseJson(source);
      docs = [parsed.doc];
      problems = parsed.problems;
      duplicateKeys = parsed.duplicateKeys;
    } else {
      const parsed = parseYaml(source);
      docs = parsed.docs;
      problems = parsed.problems;
    }
  } catch (e) {
    // Parsers recurse; input nested deeply enough exhausts the stack. Report it instead of crashing.
    const message = e instanceof RangeError ? 'The file is nested too deeply to parse.' : `Could not parse the file: ${String((e as Error)?.message ?? e)}`;
    docs = [];
    problems = [{ span: [0, Math.min(1, text.length)], message, severity: 'error' }];
  }
  const parsedDocs = docs.map((doc) => ({ doc, format: detectFormat(doc.root, lang, uri) }));
  const isIac = parsedDocs.some((d) => d.format !== undefined) || (problems.length > 0 && looksLikeIac(uri, text));
  return {
    uri,
    text,
    lang,
    lines,
    docs: parsedDocs,
    problems: isIac ? problems : [],
    duplicateKeys: isIac ? duplicateKeys : [],
    isIac,
  };
}

/** Detects the format of one document by its content. */
export function detectFormat(root: Node | undefined, lang: Lang, uri = ''): Format | undefined {
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
  if (transforms.some((t) => str(t)?.startsWith('AWS::Serverless'))) return true;
  const resources = get(root, 'Resources');
  if (resources?.kind !== 'map' || resources.pairs.length === 0) return false;
  return resources.pairs.some((p) => {
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

/** For a file that does not parse: do its name or text say it is one of ours, so its syntax error matters? */
function looksLikeIac(uri: string, text: string): boolean {
  const lower = uri.toLowerCase();
  if (lower.endsWith('.tf.json') || lower.endsWith('.template') || lower.includes('cloudformation')) return true;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (head.includes('AWSTemplateFormatVersion') || head.includes('AWS::')) return true;
  if (head.includes('"format_version"') && head.includes('"planned_values"')) return true;
  return /(^|\n)apiVersion:/.test(head) && /(^|\n)kind:/.test(head);
}

export type { Span };
