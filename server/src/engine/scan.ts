// The one scanner the CLI and the editor's workspace scan share: collect → stat → read → parse → lint.
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Catalogue } from './catalogue';
import { isExcluded } from './config';
import { collect, decodeText, InputError, realFs, reasonOf, specialKind, type Regular, type ScanFs, type Unread } from './files';
import { fingerprintResults, type BaselineEntry } from './baseline';
import { isPatch, kustomizePatches, lintFiles, lintFilesAsync, LintTables, PROJECT_CHECK_ERROR, type Finding, type LintConfig, type LintResult } from './lint';
import { slimResult } from './slim';
import { joinable, splitTerraform } from './scan-split';
import { unpackPart, type WireAnswer } from './wire';
import { languageOf, oversizedFile, parseFile, type ParsedFile } from '../model/parse';
import { inModuleGroup } from '../formats/terraform-hcl';
import { initHcl } from '../model/hcl';
import { DEFAULT_LIMITS } from '../model/tree';
import { formatByContent, formatByName, HELM_TEMPLATE, isGoTemplate, NotCheckedTally, type NotChecked } from './unchecked';

export interface ScanOptions {
  /** Glob patterns of files not to lint, relative to `base`. */
  readonly exclude?: readonly string[];
  /** The folder `exclude` globs are relative to (default: the current directory). */
  readonly base?: string;
  /** Files larger than this (bytes) are reported with a `maxFileSize` problem and not read. */
  readonly maxFileSize?: number;
  /** The name a file gets in results (a relative path for the CLI, a `file:` URI for the editor). */
  readonly name?: (path: string) => string;
  /** Called before each file is read, and once at the end with `done === total`. */
  readonly progress?: (done: number, total: number, path: string) => void;
  /** Checked between files: when true, the scan stops and returns `cancelled`. */
  readonly cancelled?: () => boolean;
  /** Yield to the event loop between files (the editor: requests are answered during a scan). */
  readonly cooperative?: boolean;
  /** Follow symbolic links that lead out of the scanned paths. */
  readonly followSymlinks?: boolean;
  /** The file system (a stub in unit tests). */
  readonly fs?: ScanFs;
  /**
   * Lint each file that no check reads together with other files (a CloudFormation template, a Terraform plan) as
   * soon as it is parsed, and keep only a slim result (engine/slim.ts: no syntax trees), so that the trees do not
   * live until the end of the scan. For reports that read no tree (the CLI's `scan`); not for fixes, inventories or
   * the editor. `fingerprints`: compute each finding's baseline fingerprint, with file names relative to each of these
   * folders, while the trees are there (SARIF and GitLab reports read them relative to the current directory, a
   * baseline's comparison relative to its folder). Ignored by a cooperative scan.
   */
  readonly slim?: { readonly fingerprints?: readonly string[] };
  /**
   * With `slim`: starts a worker thread that scans the given files (the Terraform configurations: engine/scan-split.ts)
   * with the same catalogue and config, `inChart` telling for each whether it is in a Helm chart; its answer is packed
   * as engine/wire.ts packs it; `stop` is aborted when this thread's part fails (the worker is then ended). The CLI's
   * `scan` gives it when it has more than one CPU.
   */
  readonly worker?: (files: readonly string[], inChart: readonly boolean[], stop: AbortSignal) => Promise<WireAnswer>;
  /** Told what became of the worker (tests and troubleshooting: CLOUDLINE_TRACE). */
  readonly trace?: (line: string) => void;
  /** The worker is started only when each half of the split holds at least this many files (default 1). */
  readonly workerMinimum?: number;
}

export interface ScanOutcome {
  /** Files that are one of our formats, with their findings. */
  readonly results: LintResult[];
  /** How many candidate files the scan considered (read, or too large to read). */
  readonly scanned: number;
  /** Paths that could not be read, with the reason, named as results are. */
  readonly unread: Unread[];
  /**
   * What was read but not checked (engine/unchecked.ts): resources of providers or services without rules, files of
   * formats Cloudline does not lint, Helm charts. Empty when cancelled.
   */
  readonly notChecked: NotChecked[];
  readonly cancelled: boolean;
  /**
   * With `slim.fingerprints`: for each of its folders, every finding's fingerprint (kept and suppressed), as
   * fingerprintResults gives them.
   */
  readonly fingerprints?: ReadonlyMap<string, ReadonlyMap<Finding, BaselineEntry>>;
}

/** How much of a too-large file is looked at to tell whether it is IaC (what the parser's check reads). */
const HEAD_BYTES = 200_000;

const tick = () => new Promise<void>((done) => setImmediate(done));

/**
 * Scans `paths` (files and folders): each real file once, unreadable entries listed instead of aborting, files over
 * `maxFileSize` reported without being read. A named path that is missing, or a FIFO, socket or device, throws an
 * InputError. Cross-file checks see all files.
 */
export async function scan(paths: readonly string[], catalogue: Catalogue, config: LintConfig, options: ScanOptions = {}): Promise<ScanOutcome> {
  const fs = options.fs ?? realFs;
  const name = options.name ?? relativeNames();
  const base = options.base ?? process.cwd();
  const cancelled = () => !!options.cancelled?.();
  const collected = collect(paths, { followSymlinks: options.followSymlinks, fs });
  const files = options.exclude?.length
    ? collected.files.filter((f) => !isExcluded(relative(base, resolve(f)).split(sep).join('/'), options.exclude))
    : collected.files;
  const unread: Unread[] = collected.unread.map((u) => ({ path: name(u.path), reason: u.reason }));
  const tally = new NotCheckedTally(name);
  const others = options.exclude?.length
    ? collected.others.filter((f) => !isExcluded(relative(base, resolve(f)).split(sep).join('/'), options.exclude))
    : collected.others;
  tally.addCharts([...files, ...others]);
  for (const file of others) {
    const format = formatByName(file);
    if (format && !tally.inChart(file)) tally.addFile(file, format);
  }
  const stopped = (): ScanOutcome => ({ results: [], scanned: 0, unread, notChecked: [], cancelled: true });
  const slim = options.slim && !options.cooperative ? options.slim : undefined;
  // A worker thread takes the Terraform configurations (engine/scan-split.ts) while this thread reads the rest.
  const halves = slim && options.worker ? splitTerraform(files) : undefined;
  const split = halves && Math.min(halves.terraform.length, halves.rest.length) >= Math.max(1, options.workerMinimum ?? 1) ? halves : undefined;
  const stop = new AbortController();
  const away = split && options.worker ? options.worker(split.terraform.map((i) => files[i]), split.terraform.map((i) => tally.inChart(files[i])), stop.signal) : undefined;
  const here = split ? split.rest : files.map((_, i) => i);
  let part: ScanPart | undefined;
  try {
    part = await scanPart(files, here, catalogue, config, { ...options, name, explicit: new Set(paths), inChart: (f) => tally.inChart(f) }, files.length);
  } catch (e) {
    // An input error here (a path named on the command line that cannot be read): the worker's part is not wanted.
    stop.abort();
    throw e;
  }
  if (!part) {
    stop.abort();
    return stopped();
  }
  let parts: readonly ScanPart[] = [part];
  if (away) {
    const theirs = await away;
    if (theirs.kind === 'input-error') throw new InputError(theirs.message);
    const joined = theirs.kind === 'part' ? joinable(part, unpackPart(theirs.part, catalogue, split!.terraform)) : undefined;
    // Something that ties the halves (a manifest named .tf.json, a Kustomize patch named .tf.json: scan-split.ts
    // joinable), or a worker that failed: everything again on this thread, as without one.
    options.trace?.(theirs.kind === 'failed' ? `the worker failed (${theirs.message}): the scan runs again on one thread` : joined ? `the worker scanned ${split!.terraform.length} files` : 'the halves are tied: the scan runs again on one thread');
    if (!joined) return scan(paths, catalogue, config, { ...options, worker: undefined });
    parts = [part, joined];
  }
  const results = mergeParts(parts);
  for (const u of parts.flatMap((p) => p.unread).sort((a, b) => a.index - b.index)) unread.push(u.entry);
  for (const o of parts.flatMap((p) => p.others).sort((a, b) => a.index - b.index)) tally.addNamed(o.shown, o.format);
  // A project check that threw is said on the first file of the lint (lint.ts): the scan's first, as one lint of all
  // files says it.
  if ((parts.length > 1 || part.early) && results.some((r) => r.errors.some((e) => PROJECT_CHECK_ERROR.test(e)))) {
    const projectErrors = results.flatMap((r) => r.errors.filter((e) => PROJECT_CHECK_ERROR.test(e)));
    for (const [i, r] of results.entries()) results[i] = { ...r, errors: [...r.errors.filter((e) => !PROJECT_CHECK_ERROR.test(e)), ...(i === 0 ? projectErrors : [])] };
  }
  // A Helm template outside any chart found (no Chart.yaml scanned): counted as a file, not rendered.
  for (const r of results) if (!r.resources.length && r.notices.length && isGoTemplate(r.file.text) && !tally.inChartNamed(r.file.uri)) tally.addNamed(r.file.uri, HELM_TEMPLATE);
  const scanned = parts.reduce((n, p) => n + p.scanned, 0);
  const prints = !slim?.fingerprints?.length ? undefined : parts.length === 1 ? part.prints : joinPrints(parts, slim.fingerprints);
  return { results, scanned, unread, notChecked: tally.list(results, catalogue), cancelled: false, ...(prints ? { fingerprints: prints } : {}) };
}

/** What a scan of some of the walk's files gives, each piece with its place in the walk (`index`). */
export interface ScanPart {
  /** Lint results in walk order. */
  readonly results: readonly { readonly index: number; readonly result: LintResult }[];
  /** Files that could not be read. */
  readonly unread: readonly { readonly index: number; readonly entry: Unread }[];
  /** Files read that are none of our formats but another IaC format by their content (the not-checked list). */
  readonly others: readonly { readonly index: number; readonly shown: string; readonly format: { readonly what: string; readonly reason: string } }[];
  readonly scanned: number;
  /** Some files were linted as soon as they were parsed (options.slim). */
  readonly early: boolean;
  /** With `slim.fingerprints`: per folder, every finding's fingerprint. */
  readonly prints?: ReadonlyMap<string, ReadonlyMap<Finding, BaselineEntry>>;
  /** The files the part's Kustomizations name as patches (names as results give them). */
  readonly patches: ReadonlySet<string>;
}

interface PartOptions extends ScanOptions {
  readonly name: (path: string) => string;
  /** The paths named on the command line: one that cannot be read is an input error. */
  readonly explicit: ReadonlySet<string>;
  /** True for a path in a Helm chart (its files are counted with the chart). */
  readonly inChart: (path: string) => boolean;
}

/**
 * Reads, parses and lints the files of the walk at `indexes` (`files[i]`): each file that no check reads together with
 * others is linted as soon as it is parsed (options.slim), the rest together at the end. Undefined when cancelled. A
 * path named on the command line that cannot be read throws an InputError. `total` is what progress counts to.
 */
export async function scanPart(files: readonly string[], indexes: readonly number[], catalogue: Catalogue, config: LintConfig, options: PartOptions, total = indexes.length): Promise<ScanPart | undefined> {
  const fs = options.fs ?? realFs;
  const name = options.name;
  const maxFileSize = options.maxFileSize ?? DEFAULT_LIMITS.maxFileSize;
  const cancelled = () => !!options.cancelled?.();
  const unread: { index: number; entry: Unread }[] = [];
  const others: { index: number; shown: string; format: { what: string; reason: string } }[] = [];
  // The files to lint, in walk order, with their walk index; a file linted early (options.slim) has its slim result.
  const parsed: { index: number; file?: ParsedFile; early?: LintResult }[] = [];
  const read = (file: string): Regular => {
    if (fs.readRegular) return fs.readRegular(file, maxFileSize, HEAD_BYTES);
    const st = fs.stat(file);
    const kind = specialKind(st);
    if (kind) return { kind };
    return { size: st.size, data: st.size > maxFileSize ? fs.readHead(file, HEAD_BYTES) : fs.readFile(file) };
  };
  // The HCL parser (WebAssembly) is loaded only when there is HCL to parse (languageOf: by extension), once: a scan of
  // YAML and JSON never loads it. Loaded already (the editor, the tests), this is a resolved promise.
  if (indexes.some((i) => languageOf(files[i], '') === 'hcl')) await initHcl();
  let scanned = 0;
  // Streaming (options.slim): one set of lint tables for every lint of the scan; a file linted alone has its slim
  // result in its place among `parsed` (walk order), the others wait for the lint of all of them at the end.
  const slim = options.slim && !options.cooperative ? options.slim : undefined;
  const tables = slim ? new LintTables(catalogue, config) : undefined;
  const alone = slim ? aloneFormats(catalogue) : NONE_ALONE;
  const roots = slim?.fingerprints ?? [];
  const prints = roots.length ? new Map(roots.map((root) => [root, new Map<Finding, BaselineEntry>()])) : undefined;
  const addPrints = (linted: readonly LintResult[]) => {
    for (const [root, map] of prints ?? []) for (const [f, e] of fingerprintResults(linted, root)) map.set(f, e);
  };
  for (const [n, index] of indexes.entries()) {
    if (cancelled()) return undefined;
    if (options.cooperative && n > 0) await tick();
    const file = files[index];
    options.progress?.(n, total, file);
    const shown = name(file);
    let p: ParsedFile;
    try {
      // A regular file replaced by a FIFO since the walk: never read (readRegular opens without blocking and asks
      // the open file what it is; without it, a stat first: opening a FIFO blocks).
      const got = read(file);
      if (got.kind !== undefined) {
        unread.push({ index, entry: { path: shown, reason: `${got.kind}, not a regular file` } });
        continue;
      }
      p = got.size > maxFileSize ? oversizedFile(shown, got.size, decodeText(got.data), maxFileSize) : parseFile(shown, decodeText(got.data), undefined, { maxFileSize });
    } catch (e) {
      if (options.explicit.has(file)) throw new InputError(`cannot read ${file}: ${reasonOf(e)}`);
      unread.push({ index, entry: { path: shown, reason: reasonOf(e) } });
      continue;
    }
    scanned++;
    if (p.isIac && tables && lintedAlone(p, alone)) {
      const result = lintFiles([p], catalogue, config, undefined, tables)[0];
      addPrints([result]);
      // Its place in walk order; the tree is not kept.
      parsed.push({ index, early: slimResult(result) });
    } else if (p.isIac) parsed.push({ index, file: p });
    else if (!options.inChart(file)) {
      // A file of ours by name but none of our formats: an ARM template, an Ansible playbook, a Pulumi project…
      const format = formatByContent(file, p.text);
      if (format) others.push({ index, shown, format });
    }
  }
  if (cancelled()) return undefined;
  options.progress?.(total, total, '');
  // A file linted early that a Kustomization of the scan names as a patch is parsed again and linted with the rest, as
  // the lint of all files marks it (engine/templates.ts).
  const patches = kustomizePatches(parsed.flatMap((p) => (p.file ? [p.file] : [])));
  for (const p of parsed) {
    if (!p.early || !isPatch(p.early.file.uri, patches)) continue;
    for (const map of prints?.values() ?? []) for (const f of [...p.early.findings, ...p.early.suppressed.map((x) => x.finding)]) map.delete(f);
    p.file = parseFile(p.early.file.uri, p.early.file.text, p.early.file.lang, { maxFileSize });
    p.early = undefined;
  }
  const rest = parsed.flatMap((p) => (p.file ? [p.file] : []));
  const linted = await lintFilesAsync(rest, catalogue, config, options.cooperative ? tick : undefined, cancelled, tables);
  if (!linted) return undefined;
  addPrints(linted);
  let next = 0;
  const results = parsed.map((p) => ({ index: p.index, result: p.early ?? linted[next++] }));
  const early = parsed.some((p) => p.early);
  return { results, unread, others, scanned, early, patches, ...(prints ? { prints } : {}) };
}

/** The results of the parts in walk order. */
function mergeParts(parts: readonly ScanPart[]): LintResult[] {
  if (parts.length === 1) return parts[0].results.map((r) => r.result);
  return parts
    .flatMap((p) => p.results)
    .sort((a, b) => a.index - b.index)
    .map((r) => r.result);
}

/** Each folder's fingerprints of every part. */
function joinPrints(parts: readonly ScanPart[], roots: readonly string[]): Map<string, Map<Finding, BaselineEntry>> {
  const out = new Map(roots.map((root) => [root, new Map<Finding, BaselineEntry>()]));
  for (const p of parts) for (const [root, map] of p.prints ?? []) for (const [f, e] of map) out.get(root)?.set(f, e);
  return out;
}

/** The formats whose files may be linted one at a time. */
interface AloneFormats {
  readonly cloudformation: boolean;
  readonly plans: boolean;
}
const NONE_ALONE: AloneFormats = { cloudformation: false, plans: false };

/**
 * Which formats a file of may be linted alone with this catalogue: CloudFormation when no project check reads
 * CloudFormation (a template's checks see their own template), plans when every Terraform project check judges a
 * plan by itself (`plans: 'each'`).
 */
function aloneFormats(catalogue: Catalogue): AloneFormats {
  let cloudformation = true;
  let plans = true;
  for (const rule of catalogue.rules) {
    if (rule.projectChecks?.cloudformation) cloudformation = false;
    if (rule.projectChecks?.terraform && rule.projectChecks.terraform.plans !== 'each') plans = false;
  }
  return { cloudformation, plans };
}

/**
 * True for a file whose lint alone gives what a lint of every file gives it: CloudFormation templates and Terraform
 * plans, as far as `alone` allows (no cross-file scope). Not Terraform configurations (a module is a directory, and
 * more), Kubernetes manifests (the NetworkPolicy check reads every file), files with a document of none of our
 * formats, nor a file Terraform reads by name.
 */
function lintedAlone(p: ParsedFile, alone: AloneFormats): boolean {
  if (inModuleGroup(p) || p.docs.length === 0) return false;
  for (const d of p.docs) {
    if (d.format === 'cloudformation' ? !alone.cloudformation : d.format === 'terraform-plan' ? !alone.plans : true) return false;
  }
  return true;
}

/**
 * Paths as the CLI shows them: relative to the current directory, with `/`. The directory part is worked out once per
 * directory (`path.relative` resolves both of its arguments on every call; the walk's files come in directory order).
 */
export function relativeNames(): (path: string) => string {
  const cwd = process.cwd();
  const dirs = new Map<string, string>();
  const full = (p: string) => relative(cwd, p).split(sep).join('/') || p;
  return (p) => {
    const base = basename(p);
    // A name that path.relative would resolve, or a path with no directory part: the whole way.
    if (base === '' || base === '.' || base === '..' || p.endsWith(sep) || p.endsWith('/')) return full(p);
    const dir = dirname(p);
    let shown = dirs.get(dir);
    if (shown === undefined) dirs.set(dir, (shown = relative(cwd, dir).split(sep).join('/')));
    return shown === '' ? base : `${shown}/${base}`;
  };
}
