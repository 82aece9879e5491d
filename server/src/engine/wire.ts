// A scan part as a worker thread sends it (engine/scan.ts `worker`): plain data that the structured clone copies. A
// finding names its rule by ID and holds no line index; the receiving thread puts back the rule of its own catalogue
// (the worker built the same one) and one line index per file, and the fingerprints by finding.
import type { BaselineEntry } from './baseline';
import type { Catalogue } from './catalogue';
import type { Fix } from './edits';
import type { Finding, LintResult } from './lint';
import type { ScanPart } from './scan';
import { isSlimFile, slimResult } from './slim';
import type { Suppression } from './suppress';
import type { Notice } from './templates';
import type { Unread } from './files';
import type { Resource } from '../formats/resource';
import { LineIndex } from '../model/lines';
import type { ParsedFile } from '../model/parse';
import type { ParseProblem, Span } from '../model/tree';

interface WireFinding {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly span: Span;
  readonly resource: Finding['resource'];
  readonly fixes: readonly Fix[];
  readonly related: readonly { readonly uri: string; readonly span: Span; readonly message: string; readonly lines: boolean }[];
}

interface WireResult {
  readonly file: { readonly uri: string; readonly text: string; readonly lang: ParsedFile['lang']; readonly problems: readonly ParseProblem[]; readonly isIac: boolean };
  /** `file`: the name of the resource's file when it is not this result's (engine/slim.ts keeps it). */
  readonly resources: readonly (Pick<Resource, 'id' | 'type' | 'format' | 'k8s' | 'template' | 'condition'> & { readonly file?: string })[];
  readonly findings: readonly WireFinding[];
  readonly problems: readonly ParseProblem[];
  readonly errors: readonly string[];
  readonly notices: readonly Notice[];
  readonly suppressed: readonly { readonly finding: WireFinding; readonly suppression: Suppression }[];
}

/** A ScanPart as plain data: indexes are the positions in the list of files the worker was given. */
export interface WirePart {
  readonly results: readonly { readonly index: number; readonly result: WireResult }[];
  readonly unread: ScanPart['unread'];
  readonly others: ScanPart['others'];
  readonly scanned: number;
  readonly early: boolean;
  readonly patches: readonly string[];
  /**
   * Per folder, the fingerprint of each finding of each result, in the order of the results, each result's findings
   * then its suppressed findings.
   */
  readonly prints?: readonly (readonly [string, readonly BaselineEntry[]])[];
  /** A file of the part has a document of a format whose checks read other files (Kubernetes). */
  readonly mixed: boolean;
}

/** What a worker answers: its part, an input error (a path named on the command line it could not read) or a failure. */
export type WireAnswer = { readonly kind: 'part'; readonly part: WirePart } | { readonly kind: 'input-error'; readonly message: string } | { readonly kind: 'failed'; readonly message: string };

function packFinding(f: Finding): WireFinding {
  return {
    rule: f.rule.id,
    severity: f.severity,
    message: f.message,
    span: f.span,
    resource: f.resource,
    fixes: f.fixes,
    related: f.related.map((r) => ({ uri: r.uri, span: r.span, message: r.message, lines: r.lines !== undefined })),
  };
}

function packResult(r: LintResult): WireResult {
  const f = r.file;
  return {
    file: { uri: f.uri, text: f.text, lang: f.lang, problems: f.problems, isIac: f.isIac },
    resources: r.resources.map((x) => ({
      id: x.id,
      type: x.type,
      format: x.format,
      ...(x.k8s ? { k8s: x.k8s } : {}),
      ...(x.template !== undefined ? { template: x.template } : {}),
      ...(x.condition !== undefined ? { condition: x.condition } : {}),
      ...(x.file !== r.file ? { file: x.file.uri } : {}),
    })),
    findings: r.findings.map(packFinding),
    problems: r.problems,
    errors: r.errors,
    notices: r.notices,
    suppressed: r.suppressed.map((s) => ({ finding: packFinding(s.finding), suppression: s.suppression })),
  };
}

/**
 * A worker's answer for its part: the part as plain data, with whether a file of it has a Kubernetes document, found
 * while the trees are there (engine/scan-split.ts `joinable`).
 */
export function answerOf(part: ScanPart): WireAnswer {
  const mixed = part.results.some(({ result }) => !isSlimFile(result.file) && result.file.docs.some((d) => d.format === 'kubernetes'));
  return { kind: 'part', part: packPart(part, mixed) };
}

/** `part` as plain data; `mixed` as the worker found it (before the trees were dropped). */
export function packPart(part: ScanPart, mixed: boolean): WirePart {
  const prints = part.prints
    ? [...part.prints].map(([root, map]) => [root, part.results.flatMap(({ result }) => [...result.findings, ...result.suppressed.map((s) => s.finding)].map((f) => map.get(f)!))] as const)
    : undefined;
  return {
    results: part.results.map(({ index, result }) => ({ index, result: packResult(result) })),
    unread: part.unread,
    others: part.others,
    scanned: part.scanned,
    early: part.early,
    patches: [...part.patches],
    mixed,
    ...(prints ? { prints } : {}),
  };
}

/** The slim results, unread files and fingerprints of a part a worker sent; `walk[i]` is the walk index of its file i. */
export function unpackPart(wire: WirePart, catalogue: Catalogue, walk: readonly number[]): ScanPart & { readonly mixed: boolean } {
  const lines = new Map<string, LineIndex>();
  const files = wire.results.map(({ result }) => {
    const index = new LineIndex(result.file.text);
    lines.set(result.file.uri, index);
    return { ...result.file, lines: index } as unknown as ParsedFile;
  });
  const unpackFinding = (f: WireFinding): Finding => {
    const rule = catalogue.rule(f.rule);
    if (!rule) throw new Error(`the worker reported a rule this catalogue does not have: ${f.rule}`);
    return {
      rule,
      severity: f.severity,
      message: f.message,
      span: f.span,
      resource: f.resource,
      fixes: f.fixes,
      related: f.related.map((r) => ({ uri: r.uri, span: r.span, message: r.message, ...(r.lines ? { lines: lines.get(r.uri) } : {}) })),
    };
  };
  const byName = new Map(files.map((f) => [f.uri, f]));
  const results = wire.results.map(({ index, result }, i) => {
    const file = files[i];
    const unpacked: LintResult = {
      file,
      resources: result.resources.map((r) => ({ ...r, file: r.file === undefined ? file : (byName.get(r.file) ?? ({ uri: r.file } as ParsedFile)) }) as unknown as Resource),
      findings: result.findings.map(unpackFinding),
      problems: result.problems,
      errors: result.errors,
      notices: result.notices,
      suppressed: result.suppressed.map((s) => ({ finding: unpackFinding(s.finding), suppression: s.suppression })),
    };
    // As a result linted on this thread and dropped: reading its trees throws (engine/slim.ts).
    return { index: walk[index], result: slimResult(unpacked) };
  });
  const prints = wire.prints
    ? new Map(
        wire.prints.map(([root, entries]) => {
          const map = new Map<Finding, BaselineEntry>();
          let k = 0;
          for (const { result } of results) for (const f of [...result.findings, ...result.suppressed.map((s) => s.finding)]) map.set(f, entries[k++]);
          return [root, map] as const;
        }),
      )
    : undefined;
  return {
    results,
    unread: wire.unread.map((u) => ({ index: walk[u.index], entry: u.entry as Unread })),
    others: wire.others.map((o) => ({ ...o, index: walk[o.index] })),
    scanned: wire.scanned,
    early: wire.early,
    patches: new Set(wire.patches),
    mixed: wire.mixed,
    ...(prints ? { prints } : {}),
  };
}
