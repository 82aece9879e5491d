// Lints documents for the editor, keeping each document's latest result and its last result that parsed. After an
// edit only what changed is done again: the YAML document or mapping entry that holds the change is re-parsed
// (model/incremental.ts), and checks whose resource, and whatever else they read, are unchanged are not run again.
import type { Catalogue } from '../engine/catalogue';
import { fileEditStyle } from '../engine/edits';
import { lintFiles, type CheckCache, type CheckRecord, type Finding, type LintConfig, type LintResult } from '../engine/lint';
import type { Rule } from '../engine/rule';
import type { Resource } from '../formats';
import { mapOffset, parseFileForEditing, releaseFile, reparseFile, type Reparse, type TextChange } from '../model/incremental';
import type { ParsedFile, ParseOptions } from '../model/parse';

export interface DocumentState {
  readonly uri: string;
  readonly version: number;
  readonly result: LintResult;
  /** The latest result whose file parsed without syntax errors (serves hover while the user is mid-edit). */
  readonly lastGood: LintResult | undefined;
}

/** Transport-free: given text and config, returns (and remembers) the document's lint result. */
export class DocumentLinter {
  private readonly states = new Map<string, DocumentState>();
  private readonly configKey = new Map<string, string>();
  private readonly contextKey = new Map<string, string>();
  private readonly catalogueOf = new Map<string, Catalogue>();
  private readonly caches = new Map<string, ResultCache>();
  /** How the last `lint` parsed its text, for tests and the benchmark. */
  lastParse: Reparse['how'] | undefined;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly parseOptions: ParseOptions = {},
  ) {}

  /**
   * Lints `text` as version `version` of `uri`; reuses the result when the version, config and context are unchanged.
   * `context` holds files the checks may look at but that are not reported on (a Terraform module's other files,
   * a directory's Kustomization). Checks that read them are never served from the cache. `catalogue` replaces the
   * linter's own for this document (its workspace folder's custom rules with the built-in ones).
   */
  lint(uri: string, version: number, text: string, config: LintConfig = {}, context: readonly ParsedFile[] = [], catalogue: Catalogue = this.catalogue): DocumentState {
    const prev = this.states.get(uri);
    const key = JSON.stringify(config);
    // Another catalogue (custom rules read again) is another config: nothing of the last lint is reused.
    const sameConfig = this.configKey.get(uri) === key && this.catalogueOf.get(uri) === catalogue;
    const contextKey = context.map((c) => `${c.uri}\u0000${c.text.length}\u0000${c.text}`).join('\u0001');
    const sameContext = this.contextKey.get(uri) === contextKey;
    if (prev && prev.version === version && prev.result.file.text === text && sameConfig && sameContext) return prev;
    let file: ParsedFile;
    let change: TextChange | undefined;
    if (prev && prev.result.file.uri === uri) {
      const re = reparseFile(prev.result.file, text, this.parseOptions);
      file = re.file;
      change = re.change;
      this.lastParse = re.how;
    } else {
      file = parseFileForEditing(uri, text, this.parseOptions);
      this.lastParse = 'full';
    }
    let cache = this.caches.get(uri);
    // Findings depend on the config (severities, rules turned off): a new config starts from nothing. So do they on
    // the context: an HCL value resolves through the module's other files (a variable's default in variables.tf).
    if (!cache || !sameConfig || !prev || !sameContext) {
      cache = new ResultCache();
      this.caches.set(uri, cache);
    }
    cache.begin(prev?.result.file.text, change);
    // The lint tables (severities, the checks per type) are the ones every lint of this catalogue and config shares
    // (engine/lint.ts tablesFor).
    const result = lintFiles([file, ...context], catalogue, config, cache)[0];
    cache.end();
    const state: DocumentState = {
      uri,
      version,
      result,
      // Warnings (a duplicate key, a limit) leave the tree whole: only errors send hover to the last good result.
      lastGood: result.problems.every((p) => p.severity !== 'error') ? result : prev?.lastGood,
    };
    this.states.set(uri, state);
    this.configKey.set(uri, key);
    this.catalogueOf.set(uri, catalogue);
    this.contextKey.set(uri, contextKey);
    return state;
  }

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  forget(uri: string): void {
    const file = this.states.get(uri)?.result.file;
    if (file) releaseFile(file);
    this.states.delete(uri);
    this.configKey.delete(uri);
    this.catalogueOf.delete(uri);
    this.contextKey.delete(uri);
    this.caches.delete(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }
}

/** The records of one resource in one lint, with what identifies the resource in the next one. */
interface ResourceEntry {
  readonly id: string;
  readonly type: string;
  readonly format: string;
  /** The resource's text (from its anchor or node, whichever comes first, to the end of its node). */
  readonly text: string;
  readonly span: readonly [number, number];
  readonly rules: Map<string, CheckRecord>;
}

/**
 * Per-resource check results of a document's previous lint, keyed by where the resource starts. A record is reused
 * when the resource's text is the same, the edit lies outside it, the text outside every resource (parameters,
 * conditions, plan configuration: what resolvers read) is the same, and the check read nothing beyond its resource.
 */
export class ResultCache implements CheckCache {
  private prev: { entries: Map<number, ResourceEntry>; env: string } | undefined;
  private next: { entries: Map<number, ResourceEntry>; env: string } | undefined;
  private change: TextChange | undefined;
  private prevText: string | undefined;
  private file: ParsedFile | undefined;
  hits = 0;
  misses = 0;

  /** Starts a lint of the next version; `change` turns the previous text into the new one (none: same text). */
  begin(prevText: string | undefined, change: TextChange | undefined): void {
    this.prevText = prevText;
    this.change = change;
    this.next = undefined;
    this.hits = 0;
    this.misses = 0;
  }

  start(file: ParsedFile, resources: readonly Resource[]): void {
    this.file = file;
    this.next = { entries: new Map(), env: environment(file, resources) };
    // An edit to the text that resolvers and checks read around resources invalidates everything.
    if (this.prev && (this.prev.env !== this.next.env || this.prevText === undefined)) this.prev = undefined;
  }

  get(resource: Resource, rule: Rule): CheckRecord | undefined {
    const record = this.lookup(resource, rule);
    if (record) this.hits++;
    else this.misses++;
    if (record) this.entry(resource).rules.set(rule.id, record);
    return record;
  }

  set(resource: Resource, rule: Rule, record: CheckRecord): void {
    this.entry(resource).rules.set(rule.id, record);
  }

  /** The lint is done: its records become the previous ones. */
  end(): void {
    this.prev = this.next;
    this.next = undefined;
  }

  private lookup(resource: Resource, rule: Rule): CheckRecord | undefined {
    if (!this.prev || !this.file) return undefined;
    const span = extent(resource);
    const change = this.change;
    const delta = change ? change.newEnd - change.oldEnd : 0;
    // Where the resource started in the previous text.
    const oldStart = !change || span[0] <= change.start ? span[0] : span[0] >= change.newEnd ? span[0] - delta : -1;
    const old = this.prev.entries.get(oldStart);
    if (!old || old.id !== resource.id || old.type !== resource.type || old.format !== resource.format) return undefined;
    if (change && !(old.span[1] < change.start || old.span[0] > change.oldEnd)) return undefined;
    if (old.text !== this.file.text.slice(span[0], span[1])) return undefined;
    const record = old.rules.get(rule.id);
    if (!record || record.global) return undefined;
    return change ? rebase(record, change, this.file.uri) : record;
  }

  private entry(resource: Resource): ResourceEntry {
    const span = extent(resource);
    let e = this.next!.entries.get(span[0]);
    if (!e || e.id !== resource.id) {
      e = { id: resource.id, type: resource.type, format: resource.format, text: this.file!.text.slice(span[0], span[1]), span, rules: new Map() };
      this.next!.entries.set(span[0], e);
    }
    return e;
  }
}

/** The text a resource occupies: from its anchor (a logical ID, a name) or node, whichever comes first, to its node's end. */
function extent(r: Resource): [number, number] {
  return [Math.min(r.anchor.span[0], r.node.span[0]), r.node.span[1]];
}

/**
 * The text outside every resource, plus the line-break style: what checks may read besides their resource through
 * resolvers (parameters, conditions, plan `configuration` and `resource_changes`) and fixes (indentation, line breaks).
 */
function environment(file: ParsedFile, resources: readonly Resource[]): string {
  const spans = resources.filter((r) => !r.template).map(extent).sort((a, b) => a[0] - b[0]);
  // The indentation units fixes write in come from the file's first indented line, wherever it is.
  const parts: string[] = [file.lines.eol, fileEditStyle(file.text, file.lang)];
  let at = 0;
  for (const [s, e] of spans) {
    if (s > at) parts.push(file.text.slice(at, s));
    at = Math.max(at, e);
    parts.push('\u0000');
  }
  parts.push(file.text.slice(at));
  return parts.join('');
}

/** A record with every offset of this file moved across `change`; undefined when one falls inside the change. */
function rebase(record: CheckRecord, change: TextChange, uri: string): CheckRecord | undefined {
  let ok = true;
  const at = (o: number): number => {
    if (o >= change.start && o <= change.oldEnd) ok = false;
    return mapOffset(change, o) ?? o;
  };
  const findings: Finding[] = record.findings.map((f) => ({
    ...f,
    span: [at(f.span[0]), at(f.span[1])] as const,
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: at(e.start), end: at(e.end) })) })),
    related: f.related.map((r) => (r.uri === uri ? { ...r, span: [at(r.span[0]), at(r.span[1])] as const, lines: undefined } : r)),
  }));
  return ok ? { ...record, findings } : undefined;
}
