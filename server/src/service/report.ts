// The responsibility report and the backlog in the editor (issue 15): built from the workspace scan the server holds
// (with the open documents' current results in place of the scanned ones), as the CLI's `report` builds them from its
// scan. Files are named relative to the workspace folder, as the CLI names them relative to where it runs. Pure: the
// scan itself (and its progress) is server.ts's and workspace-state.ts's.
import { basename, relative, sep } from 'node:path';
import type { Catalogue } from '../engine/catalogue';
import type { Options } from '../engine/config';
import type { Unread } from '../engine/files';
import type { Finding, LintResult } from '../engine/lint';
import { reportHtml } from '../cli/report-html';
import { TOOL_VERSION } from '../cli/report';
import { buildBacklog } from '../report/backlog';
import { buildReport } from '../report/report';
import type { BacklogItem, ReportAnswer } from '../protocol';
import { toRange } from './diagnostics';
import { uriPath } from './workspace';

/** Whether a file URI's path is inside (or is) a folder path (by path: Node and the editor encode URIs differently). */
export function inFolder(uri: string, folderPath: string): boolean {
  const path = uriPath(uri);
  return path !== undefined && (path === folderPath || path.startsWith(folderPath.endsWith(sep) ? folderPath : folderPath + sep));
}

/**
 * Names for files: each workspace folder's files relative to it (`a/b.yaml`, prefixed with the folder's name when
 * there are several), as the CLI names them relative to where it runs; other URIs stay as they are. `files` maps each
 * name given back to its URI.
 */
export function fileNamer(folders: readonly { readonly uri: string; readonly path: string }[]) {
  const files: Record<string, string> = {};
  const name = (uri: string): string => {
    const path = uriPath(uri);
    const folder = path ? folders.filter((f) => inFolder(uri, f.path)).sort((a, b) => b.path.length - a.path.length)[0] : undefined;
    if (!path || !folder) return uri;
    const rel = relative(folder.path, path).split(sep).join('/');
    const named = folders.length > 1 ? `${basename(folder.path)}/${rel}` : rel;
    files[named] = uri;
    return named;
  };
  return { name, files };
}

/** Writes every file URI of `uris` that `name` names, wherever it stands in a string, as its name (longest first). */
function uriNamer(uris: readonly string[], name: (uri: string) => string): (s: string) => string {
  const known = [...new Set(uris)].filter((u) => name(u) !== u).sort((a, b) => b.length - a.length);
  if (!known.length) return (s) => s;
  const names = new Map(known.map((u) => [u, name(u)]));
  const pattern = new RegExp(known.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (s) => (s.includes('file:') ? s.replace(pattern, (u) => names.get(u)!) : s);
}

/** The value (a report) with its file URIs named, in `file` fields and in sentences ("Ranks with … (high, FILE:11)"). */
function withNames<T>(value: T, rename: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rename(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export interface ReportInput {
  /** The folder (URI) and its path. */
  readonly folder: string;
  readonly folderPath: string;
  /** Every current result (scanned files and open documents); those outside the folder are left out here. */
  readonly results: readonly LintResult[];
  /** What the folder's scan could not read (named by URI). */
  readonly unread: readonly Unread[];
  /** The folder's options (`.cloudline.yaml` and the editor settings). */
  readonly options: Options;
  /** The webview's nonce (`ReportParams.nonce`). */
  readonly nonce?: string;
}

/** The report of one workspace folder: its IaC files' results, named relative to the folder. */
export function folderReport(input: ReportInput, catalogue: Catalogue): ReportAnswer {
  const { name, files } = fileNamer([{ uri: input.folder, path: input.folderPath }]);
  const results = input.results
    .filter((r) => r.file.isIac && inFolder(r.file.uri, input.folderPath))
    .map((r) => ({ r, named: name(r.file.uri) }))
    .sort((a, b) => (a.named < b.named ? -1 : a.named > b.named ? 1 : 0))
    .map(({ r }) => r);
  const built = buildReport(results, catalogue, { config: input.options, toolVersion: TOOL_VERSION, unread: input.unread });
  const report = withNames(built, uriNamer([...results.map((r) => r.file.uri), ...input.unread.map((u) => u.path)], name));
  return { folder: input.folder, html: reportHtml(report, { nonce: input.nonce }), report, files };
}

/**
 * The standing findings of every current result in the backlog's risk order, for the responsibility view. Findings the
 * baseline of their folder's `.cloudline.yaml` holds are marked, or left out (`hide`) before the order is made.
 */
export function backlogItems(
  results: readonly LintResult[],
  catalogue: Catalogue,
  folders: readonly { readonly uri: string; readonly path: string }[],
  baseline: (result: LintResult) => { readonly held: ReadonlySet<Finding>; readonly hide: boolean } | undefined,
): BacklogItem[] {
  const baselined = new Set<Finding>();
  const kept = results
    .filter((r) => r.file.isIac)
    .map((r) => {
      const b = baseline(r);
      if (!b) return r;
      if (!b.hide) {
        for (const f of b.held) baselined.add(f);
        return r;
      }
      return { ...r, findings: r.findings.filter((f) => !b.held.has(f)) };
    });
  const rename = uriNamer(
    kept.map((r) => r.file.uri),
    fileNamer(folders).name,
  );
  return buildBacklog(kept, catalogue).map(({ finding, result, row }) => ({
    rank: row.rank,
    ruleId: row.ruleId,
    title: row.title,
    severity: row.severity,
    resource: row.resource.id,
    resourceType: row.resource.type,
    uri: result.file.uri,
    range: toRange(result.file.lines, finding.span),
    why: rename(row.why),
    owner: row.owner,
    fixable: row.fixable,
    baselined: baselined.has(finding),
  }));
}
