// Other tools' suppressions, honoured for the Cloudline rules whose `equivalents` name the suppressed check, so a
// repository moving to Cloudline keeps the accepted risks it already wrote down:
//   Checkov      #checkov:skip=CKV_AWS_17:reason   (a comment inside the resource: CloudFormation YAML, Terraform HCL)
//                Metadata: {checkov: {skip: [{id: CKV_AWS_17, comment: …}]}}   (CloudFormation)
//                metadata.annotations: {checkov.io/skip1: CKV_K8S_19=reason}   (Kubernetes)
//   cfn_nag      Metadata: {cfn_nag: {rules_to_suppress: [{id: F22, reason: …}]}}
//   cfn-lint     Metadata: {cfn-lint: {config: {ignore_checks: [W2501]}}}   (a resource's, or the template's: all of it)
//   KICS         # kics-scan ignore-line   (the next line), # kics-scan ignore-block   (the block that starts on the next
//                line), # kics-scan disable=<query id>,…   (the whole file; in the comments that open the file)
//   Trivy        #trivy:ignore:<id>[:exp:YYYY-MM-DD][:ws:<workspace>]   (YAML and HCL: the line before a block or
//                attribute, or ending it)
//   tfsec        #tfsec:ignore:<id>[:exp:YYYY-MM-DD][:ws:<workspace>]   (HCL, as Trivy's)
//   kube-linter  metadata.annotations: {ignore-check.kube-linter.io/<check>: reason}
//   Polaris      metadata.annotations: {polaris.fairwinds.com/<check>-exempt: "true"}
// A KICS ignore-line or ignore-block names no query: it silences the rules that have a KICS equivalent. Anything
// narrower than Cloudline can tell (a Trivy ignore with an attribute filter) is not honoured. A Trivy or tfsec ignore
// that has expired, or that holds only in a named Terraform workspace (Cloudline lints the configuration, which every
// workspace shares, and knows no workspace), is not honoured either and is said on the findings it names (`inert`).
import type { Resource } from '../formats/resource';
import type { ParsedFile } from '../model/parse';
import { get, str, type MapNode, type Node, type Pair, type Span } from '../model/tree';
import type { Catalogue } from './catalogue';
import type { Equivalents, Rule } from './rule';
import { nextComment, suppressionScope, type Suppression } from './suppress';

/** The tools whose suppressions Cloudline reads, as each names itself. */
export type ForeignTool = 'checkov' | 'cfn_nag' | 'cfn-lint' | 'kics' | 'trivy' | 'tfsec' | 'kube-linter' | 'polaris';

/** Which `equivalents` list holds each tool's check IDs (tfsec's IDs are Trivy's long IDs). */
const EQUIVALENTS: Readonly<Record<ForeignTool, keyof Equivalents>> = {
  checkov: 'checkov',
  cfn_nag: 'cfnNag',
  'cfn-lint': 'cfnLint',
  kics: 'kics',
  trivy: 'trivy',
  tfsec: 'trivy',
  'kube-linter': 'kubeLinter',
  polaris: 'polaris',
};

/** IDs compared as each tool compares them: Polaris check names are camelCase and compared as written. */
const norm = (tool: ForeignTool, id: string) => (tool === 'polaris' ? id : id.toLowerCase());

interface Index {
  /** tool → check ID (normalised) → the IDs of the rules that name it. */
  readonly byCheck: Map<ForeignTool, Map<string, string[]>>;
  /** The IDs of the rules with any KICS equivalent (what an ignore-line or ignore-block silences). */
  readonly kicsRules: string[];
}

const indexes = new WeakMap<Catalogue, Index>();

function indexOf(catalogue: Catalogue): Index {
  let index = indexes.get(catalogue);
  if (index) return index;
  const byCheck = new Map<ForeignTool, Map<string, string[]>>();
  const kicsRules: string[] = [];
  for (const tool of Object.keys(EQUIVALENTS) as ForeignTool[]) {
    const map = new Map<string, string[]>();
    byCheck.set(tool, map);
    for (const rule of catalogue.rules as readonly Rule[]) {
      for (const id of rule.equivalents[EQUIVALENTS[tool]] ?? []) {
        const key = norm(tool, id);
        const list = map.get(key);
        if (!list) map.set(key, [rule.id]);
        else if (!list.includes(rule.id)) list.push(rule.id);
      }
    }
  }
  for (const rule of catalogue.rules) if (rule.equivalents.kics?.length) kicsRules.push(rule.id);
  index = { byCheck, kicsRules };
  indexes.set(catalogue, index);
  return index;
}

/** A suppression of another tool before it is mapped to Cloudline rules. */
interface Written {
  readonly tool: ForeignTool;
  /** The check as written; undefined for a KICS ignore-line or ignore-block (every KICS query). */
  readonly check: string | undefined;
  readonly reason: string;
  readonly span: Span;
  readonly scope: Suppression['scope'];
  /** Why it is not honoured (an expired or workspace-bound Trivy or tfsec ignore): the finding stays and says so. */
  readonly inert?: string;
}

/**
 * Every suppression of another tool written in a file that names a check some Cloudline rule is the equivalent of,
 * as Suppressions of those rules (with `tool` and `check` set). `today` (YYYY-MM-DD) decides which expiring
 * Trivy and tfsec ignores still hold.
 */
export function collectForeignSuppressions(file: ParsedFile, resources: readonly Resource[], catalogue: Catalogue, today = new Date().toISOString().slice(0, 10)): Suppression[] {
  const written: Written[] = file.lang === 'yaml' || file.lang === 'hcl' ? commentSuppressions(file, resources, today) : [];
  for (const r of resources) {
    if (r.format === 'cloudformation') metadataSuppressions(r, written);
    else if (r.format === 'kubernetes') annotationSuppressions(r, written);
  }
  if (written.length === 0) return [];
  const index = indexOf(catalogue);
  const out: Suppression[] = [];
  for (const w of written) {
    const rules = w.check === undefined ? index.kicsRules : index.byCheck.get(w.tool)?.get(norm(w.tool, w.check));
    if (rules?.length) out.push({ rules, reason: w.reason, span: w.span, scope: w.scope, tool: w.tool, check: w.check, ...(w.inert ? { inert: w.inert } : {}) });
  }
  return out;
}

const MARKERS = ['checkov:skip', 'kics-scan', 'trivy:ignore', 'tfsec:ignore'];

function commentSuppressions(file: ParsedFile, resources: readonly Resource[], today: string): Written[] {
  const out: Written[] = [];
  const text = file.text;
  // Every directive is written out in the text: most files hold none, and their comments are not looked at.
  if (!MARKERS.some((m) => text.includes(m))) return out;
  const hcl = file.lang === 'hcl';
  const lines = file.lines;
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const lineEnd = (line: number) => (line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length);
  const lineText = (line: number) => text.slice(lines.lineStart(line), lineEnd(line)).trim();
  const isComment = (t: string) => t.startsWith('#') || (hcl && t.startsWith('//'));
  // The lines resources start on (a CloudFormation logical ID, a Terraform block's first line).
  const anchorLines = new Map<number, Resource>();
  for (const r of resources) if (r.format === 'cloudformation' || (hcl && r.format === 'terraform')) if (!r.template) anchorLines.set(lineOf(r.anchor.span[0]), r);
  // The first line that is not blank, a comment or a YAML document marker: KICS reads its file commands above it.
  let firstContent = 0;
  while (firstContent < lines.lineCount) {
    const t = lineText(firstContent);
    if (t !== '' && !isComment(t) && t !== '---') break;
    firstContent++;
  }
  // The next line after each line that is not blank or a comment, filled in once from the end when first asked (a
  // file of many stacked directives must not rescan the same comment lines for each).
  let next: Int32Array | undefined;
  const nextContent = (line: number) => {
    if (!next) {
      next = new Int32Array(lines.lineCount + 1);
      next[lines.lineCount] = lines.lineCount;
      let after = lines.lineCount;
      for (let l = lines.lineCount - 1; l >= 0; l--) {
        next[l] = after;
        const t = lineText(l);
        if (t !== '' && !isComment(t)) after = l;
      }
    }
    return next[line];
  };
  /** What a comment before `line` (or ending it) covers: the resource starting there, else the block or attribute. */
  const blockScope = (line: number): Suppression['scope'] | undefined => {
    const r = anchorLines.get(line);
    if (r) return { resource: r.id };
    const span = blockAt(file, lines.lineStart(line), lineEnd(line));
    return span ? { range: span } : undefined;
  };
  let sorted: ReturnType<typeof extents> | undefined;
  let from = 0;
  for (let c = nextComment(text, hcl, 0); c; c = nextComment(text, hcl, from)) {
    const { at: hash, marker } = c;
    from = hash + marker;
    const line = lineOf(hash);
    let bodyEnd = lineEnd(line);
    while (bodyEnd > hash + marker && (text[bodyEnd - 1] === '\n' || text[bodyEnd - 1] === '\r')) bodyEnd--;
    const body = text.slice(hash + marker, bodyEnd).trim();
    from = Math.max(from, bodyEnd);
    const span: Span = [hash, bodyEnd];
    // A `#` inside a quoted or block string is text, not a comment.
    if (MARKERS.some((m) => body.startsWith(m)) && insideScalar(file, hash)) continue;
    const ownLine = text.slice(lines.lineStart(line), hash).trim() === '';

    const checkov = /^checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$/.exec(body);
    if (checkov) {
      // Checkov reads the comment inside the resource it skips a check of (CloudFormation YAML, Terraform HCL).
      const r = (sorted ??= extents(resources, hcl)).find(hash);
      if (r) out.push({ tool: 'checkov', check: checkov[1], reason: (checkov[2] ?? '').trim(), span, scope: suppressionScope(r) });
      continue;
    }
    const kics = /^kics-scan\s+(ignore-line|ignore-block|disable=(\S+))$/.exec(body);
    if (kics) {
      if (kics[2] !== undefined) {
        if (line >= firstContent) continue;
        for (const id of kics[2].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ tool: 'kics', check: id, reason: '', span, scope: { file: true } });
        continue;
      }
      if (!ownLine) continue;
      const target = nextContent(line);
      if (target >= lines.lineCount) continue;
      const scope = kics[1] === 'ignore-line' ? { line: target } : blockScope(target);
      if (scope) out.push({ tool: 'kics', check: undefined, reason: '', span, scope });
      continue;
    }
    const ignore = /^(trivy|tfsec):ignore:(.+)$/.exec(body);
    if (ignore) {
      const tool = ignore[1] as 'trivy' | 'tfsec';
      if (tool === 'tfsec' && !hcl) continue;
      const parsed = readIgnore(ignore[2], today);
      if (!parsed) continue;
      // Ignores stacked on the lines above a block all apply to it.
      const target = ownLine ? nextContent(line) : line;
      if (target >= lines.lineCount) continue;
      const scope = blockScope(target) ?? { line: target };
      out.push({ tool, check: parsed.id, reason: '', span, scope, ...(parsed.inert ? { inert: `A ${tool === 'trivy' ? 'Trivy' : 'tfsec'} ignore of ${parsed.id} here ${parsed.inert}, so the finding stays.` } : {}) });
    }
  }
  return out;
}

/**
 * The check ID of a Trivy or tfsec ignore (`<id>[:exp:YYYY-MM-DD][:ws:<workspace>]`), or undefined when Cloudline does
 * not honour it: expired, limited to a named workspace, to attribute values (`id[bucket=x]`), or every check (`*`).
 */
export function parseIgnore(rest: string, today: string): string | undefined {
  const r = readIgnore(rest, today);
  return r && !r.inert ? r.id : undefined;
}

/**
 * A Trivy or tfsec ignore's check ID and, when Cloudline does not honour it though it names a check, why (`inert`: a
 * clause, "expired on 2025-01-01"): an `exp:` date before today, or a `ws:` workspace other than `*` (Cloudline lints
 * the configuration every workspace shares and knows no workspace; Trivy applies `ws:*` in every one). Undefined when
 * it is not one Cloudline reads: attribute values (`id[bucket=x]`), every check (`*`), another parameter, a bad date.
 */
export function readIgnore(rest: string, today: string): { id: string; inert?: string } | undefined {
  const parts = rest.trim().split(':');
  const id = parts[0];
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) return undefined;
  const inert: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const [key, value] = [parts[i], parts[i + 1]];
    if (key === 'exp' && value && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      if (value < today) inert.push(`expired on ${value}`);
    } else if (key === 'ws' && value && /^[A-Za-z0-9_.*-]+$/.test(value)) {
      if (value !== '*') inert.push(`holds only in the Terraform workspace ${value} (Cloudline knows no workspace)`);
    } else return undefined;
  }
  return inert.length ? { id, inert: inert.join(' and ') } : { id };
}

/** The last of `items` (in text order) whose start is before `offset`, by binary search; -1 when none is. */
function lastBefore(items: readonly { readonly span: Span }[], offset: number): number {
  let [lo, hi] = [0, items.length - 1];
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span[0] < offset) [found, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return found;
}

type Child = { readonly span: Span; readonly value: Node };
const childLists = new WeakMap<Node, { children: readonly Child[]; disjoint: boolean }>();

/**
 * The children of a node in text order, each with the node to descend into, and whether they follow one another
 * without overlapping (then a binary search finds the one at an offset). Worked out once per node.
 */
function childrenOf(n: Node): { children: readonly Child[]; disjoint: boolean } {
  let c = childLists.get(n);
  if (c) return c;
  const children: readonly Child[] = n.kind === 'map' ? n.pairs : n.kind === 'seq' ? n.items.map((i) => ({ span: i.span, value: i })) : [];
  let disjoint = true;
  for (let i = 1; i < children.length && disjoint; i++) disjoint = children[i - 1].span[1] <= children[i].span[0];
  c = { children, disjoint };
  childLists.set(n, c);
  return c;
}

/** True when `offset` falls inside a scalar of the file (a string holding a `#`). */
function insideScalar(file: ParsedFile, offset: number): boolean {
  const visit = (n: Node): boolean => {
    if (n.span[0] > offset || offset >= n.span[1]) return false;
    if (n.kind === 'scalar') return true;
    const { children, disjoint } = childrenOf(n);
    const inside = (c: Child) => c.span[0] <= offset && offset < c.span[1] && ((n.kind === 'map' && visit((c as Pair).key)) || visit(c.value));
    if (!disjoint) return children.some(inside); // siblings overlap (HCL's repeated top-level keys): look at each
    const i = lastBefore(children, offset + 1);
    return i >= 0 && inside(children[i]);
  };
  return file.docs.some((d) => !!d.doc.root && visit(d.doc.root));
}

/**
 * The extents of the resources a Checkov comment can sit in (from the anchor to the end of the body), in text order,
 * and the innermost one holding an offset.
 */
function extents(resources: readonly Resource[], hcl: boolean) {
  const list = resources
    .filter((r) => !r.template && (r.format === 'cloudformation' || (hcl && r.format === 'terraform')))
    .map((r) => ({ r, span: [Math.min(r.anchor.span[0], r.node.span[0]), r.node.span[1]] as Span }))
    .sort((a, b) => a.span[0] - b.span[0]);
  return {
    find(offset: number): Resource | undefined {
      // Resources do not nest: the last one starting at or before the offset is the only candidate.
      const i = lastBefore(list, offset + 1);
      return i >= 0 && offset < list[i].span[1] ? list[i].r : undefined;
    },
  };
}

/** The outermost mapping entry or list item that starts within [start, end) (a line), in any document of the file. */
function blockAt(file: ParsedFile, start: number, end: number): Span | undefined {
  const visit = (n: Node): Span | undefined => {
    const { children, disjoint } = childrenOf(n);
    if (disjoint) {
      // The first child starting on the line, else the one before the line that runs into it.
      const i = lastBefore(children, start);
      const first = children[i + 1];
      if (first && first.span[0] < end) return first.span;
      const c = children[i];
      return c && c.span[1] > start ? visit(c.value) : undefined;
    }
    // Siblings overlap (HCL's repeated top-level keys span the blocks between them): look at each.
    for (const x of children) {
      if (x.span[0] >= start && x.span[0] < end) return x.span;
      if (x.span[0] < start && x.span[1] > start) {
        const found = visit(x.value);
        if (found) return found;
      }
    }
    return undefined;
  };
  for (const d of file.docs) {
    const root = d.doc.root;
    if (root && root.span[0] <= start && start <= root.span[1]) {
      const s = visit(root);
      if (s) return s;
    }
  }
  return undefined;
}

/** A resource's Metadata mapping; for the template itself, the template's own Metadata section. */
function metadataOf(r: Resource): MapNode | undefined {
  if (r.metadata || !r.template) return r.metadata;
  const m = get(r.node, 'Metadata');
  return m?.kind === 'map' ? m : undefined;
}

function metadataSuppressions(r: Resource, out: Written[]): void {
  const metadata = metadataOf(r);
  if (!metadata) return;
  // The template's Metadata holds only cfn-lint's template-wide ignores (for the resources of that template, not
  // another document's); a resource's holds all three tools'.
  const scope: Suppression['scope'] = r.template ? { range: r.doc.doc.span } : { resource: r.id };
  if (!r.template) {
    const skip = get(get(metadata, 'checkov'), 'skip');
    if (skip?.kind === 'seq') {
      for (const item of skip.items) {
        const id = str(get(item, 'id'));
        if (id) out.push({ tool: 'checkov', check: id, reason: (str(get(item, 'comment')) ?? '').trim(), span: item.span, scope });
      }
    }
    const nag = get(get(metadata, 'cfn_nag'), 'rules_to_suppress');
    if (nag?.kind === 'seq') {
      for (const item of nag.items) {
        const id = str(get(item, 'id'));
        if (id) out.push({ tool: 'cfn_nag', check: id, reason: (str(get(item, 'reason')) ?? '').trim(), span: item.span, scope });
      }
    }
  }
  const checks = get(get(get(metadata, 'cfn-lint'), 'config'), 'ignore_checks');
  const items = checks?.kind === 'seq' ? checks.items : checks ? [checks] : [];
  for (const item of items) {
    const id = str(item);
    if (id) out.push({ tool: 'cfn-lint', check: id, reason: '', span: item.span, scope });
  }
}

const KUBE_LINTER = 'ignore-check.kube-linter.io/';
const POLARIS = /^polaris\.fairwinds\.com\/(.+)-exempt$/;
const CHECKOV_K8S = /^checkov\.io\/skip\d*$/;

function annotationSuppressions(r: Resource, out: Written[]): void {
  const annotations = get(get(r.node, 'metadata'), 'annotations');
  if (!annotations || annotations.kind !== 'map') return;
  // The object itself (not every object of the same ID: two documents of a file may name the same one).
  const scope = { range: r.node.span };
  for (const p of annotations.pairs) {
    const key = String(p.key.value);
    const value = p.value.kind === 'scalar' && p.value.value !== null ? String(p.value.value) : '';
    if (key.startsWith(KUBE_LINTER)) {
      out.push({ tool: 'kube-linter', check: key.slice(KUBE_LINTER.length), reason: value.trim(), span: p.span, scope });
      continue;
    }
    const polaris = POLARIS.exec(key);
    if (polaris) {
      // Polaris exempts only when the annotation says "true".
      if (value.trim().toLowerCase() === 'true') out.push({ tool: 'polaris', check: polaris[1], reason: '', span: p.span, scope });
      continue;
    }
    if (CHECKOV_K8S.test(key)) {
      const m = /^\s*([A-Za-z0-9_]+)\s*(?:=(.*))?$/.exec(value);
      if (m) out.push({ tool: 'checkov', check: m[1], reason: (m[2] ?? '').trim(), span: p.span, scope });
    }
  }
}
