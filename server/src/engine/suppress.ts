// Cloudline's own suppressions, written the way each format allows, each with the reason that makes it accountable:
//   YAML comment      # cloudline-ignore CL-AWS-004 -- reason   (above the flagged line, trailing it, or above a resource's logical ID)
//   Terraform HCL     # (or //) cloudline-ignore CL-AWS-004 -- reason   (above the flagged line, trailing it, or above the block)
//   CloudFormation    Metadata: {cloudline: {ignore: [{id: CL-AWS-004, reason: …}]}}   (YAML or JSON)
//   Kubernetes        metadata.annotations: {cloudline/ignore.CL-K8S-001: reason}
//   Terraform JSON    "//": "cloudline-ignore CL-AWS-004 -- reason"   (in the resource's body)
import type { Resource } from '../formats/resource';
import type { ParsedFile } from '../model/parse';
import { get, str, type MapNode, type Node, type Span } from '../model/tree';
import type { Edits, Plain, TextEdit } from './edits';
import type { ForeignTool } from './foreign-suppress';

export const COMMENT_DIRECTIVE = 'cloudline-ignore';
export const ANNOTATION_PREFIX = 'cloudline/ignore.';

export interface Suppression {
  /** Rule IDs or slugs it names. */
  readonly rules: readonly string[];
  /** Empty when none was given. */
  readonly reason: string;
  /** Where it is written. */
  readonly span: Span;
  /**
   * A resource's ID (applies to all its findings), a 0-based line (applies to findings starting on it), a range of the
   * text (findings starting in it: a block or attribute another tool's comment names) or the whole file.
   */
  readonly scope: { readonly resource: string } | { readonly line: number } | { readonly range: Span } | { readonly file: true };
  /** Set when another tool's suppression applied (engine/foreign-suppress.ts): which tool wrote it. */
  readonly tool?: ForeignTool;
  /** The other tool's check it names, as written (undefined for a KICS ignore-line or ignore-block: every query). */
  readonly check?: string;
  /**
   * Set when it is not honoured though it names the check (an expired or workspace-bound Trivy ignore): the sentence
   * the findings it would silence carry as a related location, at the ignore.
   */
  readonly inert?: string;
}

/** Parses `cloudline-ignore RULE[,RULE…] [-- reason]`; undefined when the text is not a directive. */
export function parseDirective(text: string): { rules: string[]; reason: string } | undefined {
  const t = text.trim();
  if (!t.startsWith(COMMENT_DIRECTIVE)) return undefined;
  const rest = t.slice(COMMENT_DIRECTIVE.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  const dash = rest.indexOf('--');
  const names = (dash >= 0 ? rest.slice(0, dash) : rest).split(/[\s,]+/).filter(Boolean);
  const reason = dash >= 0 ? rest.slice(dash + 2).trim() : '';
  return names.length ? { rules: names, reason } : undefined;
}

/**
 * The scope of a suppression written for resource `r`: its ID; for a resource read from a registry module block
 * (formats/terraform-modules.ts), the block from its name to its end, so that it holds for every resource read from
 * it (they share the block, and a suppression written there is the user's about the module).
 */
export function suppressionScope(r: Resource): Suppression['scope'] {
  return r.module ? { range: [r.anchor.span[0], r.module.block.span[1]] } : { resource: r.id };
}

/** Every suppression written in a file. */
export function collectSuppressions(file: ParsedFile, resources: readonly Resource[]): Suppression[] {
  const out: Suppression[] = file.lang === 'yaml' || file.lang === 'hcl' ? commentSuppressions(file, resources) : [];
  // The `"//"` keys of a module block once, not once per resource read from it.
  const blocks = new Set<unknown>();
  for (const r of resources) {
    if (r.module) {
      if (blocks.has(r.module.block)) continue;
      blocks.add(r.module.block);
    }
    const found = r.format === 'cloudformation' ? metadataSuppressions(r) : r.format === 'kubernetes' ? annotationSuppressions(r) : r.format === 'terraform' ? commentKeySuppressions(r) : undefined;
    if (found) for (const x of found) out.push(x);
  }
  return out;
}

/**
 * The first comment marker at or after `from`: a `#` (or, in HCL, also `//`) that starts a line or follows whitespace;
 * a `#` inside a word is not one. `marker` is its length (the comment's text starts after it).
 */
export function nextComment(text: string, hcl: boolean, from: number): { at: number; marker: number } | undefined {
  for (;;) {
    let at = text.indexOf('#', from);
    const slashes = hcl ? text.indexOf('//', from) : -1;
    let marker = 1;
    if (slashes >= 0 && (at < 0 || slashes < at)) [at, marker] = [slashes, 2];
    if (at < 0) return undefined;
    const prev = at === 0 ? '\n' : text[at - 1];
    if (prev === ' ' || prev === '\t' || prev === '\n' || prev === '\r') return { at, marker };
    from = at + marker;
  }
}

function commentSuppressions(file: ParsedFile, resources: readonly Resource[]): Suppression[] {
  const out: Suppression[] = [];
  const text = file.text;
  // Every directive is written out in the text: a file without one (most files) has no comment to look at.
  if (!text.includes(COMMENT_DIRECTIVE)) return out;
  const lines = file.lines;
  const anchorLines = new Map<number, Suppression['scope']>();
  const hcl = file.lang === 'hcl';
  for (const r of resources) if (r.format === 'cloudformation' || (hcl && r.format === 'terraform')) anchorLines.set(lines.positionAt(r.anchor.span[0]).line, suppressionScope(r));
  for (let c = nextComment(text, hcl, 0); c; c = nextComment(text, hcl, c.at + c.marker)) {
    const { at: hash, marker } = c;
    const { line } = lines.positionAt(hash);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    let bodyEnd = end;
    while (bodyEnd > hash + marker && (text[bodyEnd - 1] === '\n' || text[bodyEnd - 1] === '\r')) bodyEnd--; // a loop: the regex was quadratic
    const body = text.slice(hash + marker, bodyEnd);
    const directive = parseDirective(body);
    if (!directive) continue;
    const span: Span = [hash, hash + marker + body.length];
    const ownLine = text.slice(lines.lineStart(line), hash).trim() === '';
    if (!ownLine) {
      out.push({ ...directive, span, scope: { line } });
      continue;
    }
    // An own-line comment applies to the next line that is not blank or a comment.
    let target = line + 1;
    while (target < lines.lineCount) {
      const s = lines.lineStart(target);
      const e = target + 1 < lines.lineCount ? lines.lineStart(target + 1) : text.length;
      const content = text.slice(s, e).trim();
      if (content !== '' && !content.startsWith('#') && !(hcl && content.startsWith('//'))) break;
      target++;
    }
    out.push({ ...directive, span, scope: anchorLines.get(target) ?? { line: target } });
  }
  return out;
}

/** A resource's Metadata mapping; for the template itself, the template's own Metadata section. */
function metadataOf(r: Resource): MapNode | undefined {
  if (r.metadata || !r.template) return r.metadata;
  const m = get(r.node, 'Metadata');
  return m?.kind === 'map' ? m : undefined;
}

function metadataSuppressions(r: Resource): Suppression[] {
  const ignore = get(get(metadataOf(r), 'cloudline'), 'ignore');
  if (!ignore || ignore.kind !== 'seq') return [];
  return ignore.items.flatMap((item): Suppression[] => {
    const id = str(get(item, 'id')) ?? str(get(item, 'rule'));
    if (!id) return [];
    return [{ rules: [id], reason: (str(get(item, 'reason')) ?? '').trim(), span: item.span, scope: { resource: r.id } }];
  });
}

function annotationSuppressions(r: Resource): Suppression[] {
  const annotations = get(get(r.node, 'metadata'), 'annotations');
  if (!annotations || annotations.kind !== 'map') return [];
  return annotations.pairs.flatMap((p): Suppression[] => {
    const key = String(p.key.value);
    if (!key.startsWith(ANNOTATION_PREFIX)) return [];
    return [{ rules: [key.slice(ANNOTATION_PREFIX.length)], reason: (scalarText(p.value) ?? '').trim(), span: p.span, scope: { resource: r.id } }];
  });
}

function commentKeySuppressions(r: Resource): Suppression[] {
  const out: Suppression[] = [];
  for (const p of (r.module?.block ?? r.node).pairs) {
    if (p.key.value !== '//') continue;
    const values = p.value.kind === 'seq' ? p.value.items : [p.value];
    for (const v of values) {
      const directive = parseDirective(str(v) ?? '');
      if (directive) out.push({ ...directive, span: v.span, scope: suppressionScope(r) });
    }
  }
  return out;
}

function scalarText(n: Node): string | undefined {
  return n.kind === 'scalar' && n.value !== null ? String(n.value) : undefined;
}

/**
 * Marks where the user types the reason; replaced by a snippet placeholder. It survives JSON.stringify
 * unchanged, and its `#` makes YAML rendering quote the value, so whatever reason is typed stays a string.
 */
export const REASON_MARK = '#cloudline-reason#';

/**
 * The insertion that suppresses `finding` in the way its format allows, with REASON_MARK where the reason goes:
 * a YAML comment above the flagged line (CloudFormation YAML), CloudFormation Metadata (JSON templates),
 * an annotation (Kubernetes), a `"//"` key (Terraform JSON). Undefined where none fits (plans, an existing
 * `"//"` key, a Metadata entry already holding Cloudline's list).
 */
export function suppressionEdit(
  resource: Resource,
  ruleId: string,
  findingStart: number,
  edits: Edits,
): TextEdit | undefined {
  const file = resource.file;
  if ((resource.format === 'cloudformation' && file.lang === 'yaml') || file.lang === 'hcl') {
    const line = file.lines.positionAt(findingStart).line;
    const start = file.lines.lineStart(line);
    const indent = file.lines.indentAt(start);
    return { start, end: start, text: `${indent}# ${COMMENT_DIRECTIVE} ${ruleId} -- ${REASON_MARK}${file.lines.eol}` };
  }
  const entry: Record<string, Plain> = { id: ruleId, reason: REASON_MARK };
  if (resource.format === 'cloudformation') {
    const metadata = metadataOf(resource);
    if (!metadata) return get(resource.node, 'Metadata') ? undefined : edits.addPair(resource.node, 'Metadata', { cloudline: { ignore: [entry] } })[0];
    if (get(metadata, 'cloudline')) return undefined;
    return edits.addPair(metadata, 'cloudline', { ignore: [entry] })[0];
  }
  if (resource.format === 'kubernetes') {
    const metadata = get(resource.node, 'metadata');
    if (!metadata || metadata.kind !== 'map') return undefined;
    const annotations = get(metadata, 'annotations');
    const key = `${ANNOTATION_PREFIX}${ruleId}`;
    if (annotations?.kind === 'map') return edits.addPair(annotations, key, REASON_MARK)[0];
    if (annotations) return undefined;
    return edits.addPair(metadata, 'annotations', { [key]: REASON_MARK })[0];
  }
  if (resource.format === 'terraform') {
    // A resource read from a registry module block: the module block is what the user wrote.
    const body = resource.module?.block ?? resource.node;
    if (body.pairs.some((p) => p.key.value === '//')) return undefined;
    return edits.addPair(body, '//', `${COMMENT_DIRECTIVE} ${ruleId} -- ${REASON_MARK}`)[0];
  }
  return undefined;
}

/** Turns an insertion holding REASON_MARK into snippet syntax: everything escaped, the mark a placeholder. */
export function toSnippet(text: string, placeholder = 'reason'): string {
  return text
    .split(REASON_MARK)
    .map((part) => part.replace(/[\\$}]/g, (c) => `\\${c}`))
    .join(`\${1:${placeholder}}`);
}
