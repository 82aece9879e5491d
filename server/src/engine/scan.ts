// The one scanner the CLI and the editor's workspace scan share: collect → stat → read → parse → lint.
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Catalogue } from './catalogue';
import { isExcluded } from './config';
import { collect, decodeText, InputError, realFs, reasonOf, specialKind, type Regular, type ScanFs, type Unread } from './files';
import { fingerprintResults, type BaselineEntry } from './baseline';
import { isPatch, kustomizePatches, lintFiles, lintFilesAsync, LintTables, PROJECT_CHECK_ERROR, type Finding, type LintConfig, type LintResult } from './lint';
import { slimResult } from './slim';
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
  const maxFileSize = options.maxFileSize ?? DEFAULT_LIMITS.maxFileSize;
  const cancelled = () => !!options.cancelled?.();
  const collected = collect(paths, { followSymlinks: options.followSymlinks, fs });
  const files = options.exclude?.length
    ? collected.files.filter((f) => !isExcluded(relative(base, resolve(f)).split(sep).join('/'), options.exclude))
    : collected.files;
  const unread: Unread[] = collected.unread.map((u) => ({ path: name(u.path), reason: u.reason }));
  const explicit = new Set(paths);
  // The files to lint, in walk order; a hole where a file was linted early (options.slim).
  const parsed: (ParsedFile | undefined)[] = [];
  const tally = new NotCheckedTally(name);
  const others = options.exclude?.length
    ? collected.others.filter((f) => !isExcluded(relative(base, resolve(f)).split(sep).join('/'), options.exclude))
    : collected.others;
  tally.addCharts([...files, ...others]);
  for (const file of others) {
    const format = formatByName(file);
    if (format && !tally.inChart(file)) tally.addFile(file, format);
  }
  const read = (file: string): Regular => {
    if (fs.readRegular) return fs.readRegular(file, maxFileSize, HEAD_BYTES);
    const st = fs.stat(file);
    const kind = specialKind(st);
    if (kind) return { kind };
    return { size: st.size, data: st.size > maxFileSize ? fs.readHead(file, HEAD_BYTES) : fs.readFile(file) };
  };
  // The HCL parser (WebAssembly) is loaded only when there is HCL to parse (languageOf: by extension), once: a scan of
  // YAML and JSON never loads it. Loaded already (the editor, the tests), this is a resolved promise.
  if (files.some((f) => languageOf(f, '') === 'hcl')) await initHcl();
  let scanned = 0;
  const stopped = () => ({ results: [], scanned, unread, notChecked: [], cancelled: true });
  // Streaming (options.slim): one set of lint tables for every lint of the scan; a file linted alone has its slim
  // result in its place among `parsed` (walk order), the others wait for the lint of all of them at the end.
  const slim = options.slim && !options.cooperative ? options.slim : undefined;
  const tables = slim ? new LintTables(catalogue, config) : undefined;
  const alone = slim ? aloneFormats(catalogue) : NONE_ALONE;
  const early = new Map<number, LintResult>();
  const roots = slim?.fingerprints ?? [];
  const prints = roots.length ? new Map(roots.map((root) => [root, new Map<Finding, BaselineEntry>()])) : undefined;
  const addPrints = (linted: readonly LintResult[]) => {
    for (const [root, map] of prints ?? []) for (const [f, e] of fingerprintResults(linted, root)) map.set(f, e);
  };
  for (const [i, file] of files.entries()) {
    if (cancelled()) return stopped();
    if (options.cooperative && i > 0) await tick();
    options.progress?.(i, files.length, file);
    const shown = name(file);
    let p: ParsedFile;
    try {
      // A regular file replaced by a FIFO since the walk: never read (readRegular opens without blocking and asks
      // the open file what it is; without it, a stat first: opening a FIFO blocks).
      const got = read(file);
      if (got.kind !== undefined) {
        unread.push({ path: shown, reason: `${got.kind}, not a regular file` });
        continue;
      }
      p = got.size > maxFileSize ? oversizedFile(shown, got.size, decodeText(got.data), maxFileSize) : parseFile(shown, decodeText(got.data), undefined, { maxFileSize });
    } catch (e) {
      if (explicit.has(file)) throw new InputError(`cannot read ${file}: ${reasonOf(e)}`);
      unread.push({ path: shown, reason: reasonOf(e) });
      continue;
    }
    scanned++;
    if (p.isIac && tables && lintedAlone(p, alone)) {
      const result = lintFiles([p], catalogue, config, undefined, tables)[0];
      addPrints([result]);
      early.set(parsed.length, slimResult(result));
      // Its place in walk order; the tree is not kept.
      parsed.push(undefined);
    } else if (p.isIac) parsed.push(p);
    else if (!tally.inChart(file)) {
      // A file of ours by name but none of our formats: an ARM template, an Ansible playbook, a Pulumi project…
      const format = formatByContent(file, p.text);
      if (format) tally.addFile(file, format);
    }
  }
  if (cancelled()) return stopped();
  options.progress?.(files.length, files.length, '');
  // A file linted early that a Kustomization of the scan names as a patch is parsed again and linted with the rest, as
  // the lint of all files marks it (engine/templates.ts).
  const patches = early.size ? kustomizePatches(parsed.filter((p): p is ParsedFile => p !== undefined)) : undefined;
  for (const [i, r] of early) {
    if (!isPatch(r.file.uri, patches!)) continue;
    early.delete(i);
    for (const map of prints?.values() ?? []) for (const f of [...r.findings, ...r.suppressed.map((x) => x.finding)]) map.delete(f);
    parsed[i] = parseFile(r.file.uri, r.file.text, r.file.lang, { maxFileSize });
  }
  const rest = early.size ? parsed.filter((p): p is ParsedFile => p !== undefined) : (parsed as ParsedFile[]);
  const linted = await lintFilesAsync(rest, catalogue, config, options.cooperative ? tick : undefined, cancelled, tables);
  if (!linted) return stopped();
  addPrints(linted);
  let next = 0;
  const results = early.size ? parsed.map((_, i) => early.get(i) ?? linted[next++]) : linted;
  // A project check that threw is said on the first file of the lint (lint.ts): the scan's first, as one lint of all
  // files says it.
  if (early.size && results.some((r) => r.errors.some((e) => PROJECT_CHECK_ERROR.test(e)))) {
    const projectErrors = results.flatMap((r) => r.errors.filter((e) => PROJECT_CHECK_ERROR.test(e)));
    for (const [i, r] of results.entries()) results[i] = { ...r, errors: [...r.errors.filter((e) => !PROJECT_CHECK_ERROR.test(e)), ...(i === 0 ? projectErrors : [])] };
  }
  // A Helm template outside any chart found (no Chart.yaml scanned): counted as a file, not rendered.
  for (const r of results) if (!r.resources.length && r.notices.length && isGoTemplate(r.file.text) && !tally.inChartNamed(r.file.uri)) tally.addNamed(r.file.uri, HELM_TEMPLATE);
  return { results, scanned, unread, notChecked: tally.list(results, catalogue), cancelled: false, ...(prints ? { fingerprints: prints } : {}) };
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
function relativeNames(): (path: string) => string {
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
