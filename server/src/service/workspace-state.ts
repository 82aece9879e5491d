// Workspace state, transport-free: the editor settings per file, the folders' `.cloudline.yaml` files, sibling files
// (a Terraform module's other files, a directory's Kustomization), and the workspace scan with its results. server.ts
// wires connection events to the methods here; what goes back to the client goes through the `WorkspaceHost`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import { byRuleId, CONFIG_FILE, isExcluded, mergeOptions, parseConfig, type Options } from '../engine/config';
import { readTextFile, type Unread } from '../engine/files';
import { lintFiles, type LintResult } from '../engine/lint';
import { optionSpec, readSetting } from '../engine/options';
import type { Severity } from '../engine/rule';
import { LineIndex } from '../model/lines';
import { BaselineError, readBaseline, type Baseline } from '../engine/baseline';
import { isTfvars, parseFile, type ParsedFile } from '../model/parse';
import { toRange, SOURCE } from './diagnostics';
import { inventory, scanFolder, uriPath } from './workspace';
import type { InventoryItem, ScanResult } from '../protocol';

/** Settings under `cloudline.*`, as the client reports them per resource (declared in engine/options.ts). */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Undefined for the default (info): no setting at all, so a stricter one in .cloudline.yaml still applies. */
  minimumSeverity?: Severity;
  rules: Record<string, 'off' | Severity>;
  frameworks: string[];
  exclude: string[];
  codeLens: boolean;
  /** One information diagnostic per file on resources Cloudline has no rules for. */
  reportUnchecked: boolean;
  /** Set (false) only when other tools' suppressions are turned off, so an options file's false still applies. */
  otherToolsSuppressions?: false;
  /** Findings held by the baseline of `.cloudline.yaml`: hints, or not shown. */
  baselineFindings: 'hint' | 'hide';
}

/** The client's raw `cloudline` section as Settings: each option read as the options table says (invalid: default). */
export function normaliseSettings(raw: unknown): Settings {
  const read = <T>(name: string) => readSetting(raw, optionSpec(name)!) as T;
  const minimum = read<Severity>('minimumSeverity');
  return {
    enable: read('enable'),
    run: read('run'),
    minimumSeverity: minimum === 'info' ? undefined : minimum,
    rules: read('rules'),
    frameworks: read('frameworks'),
    exclude: read('exclude'),
    codeLens: read('codeLens.enable'),
    reportUnchecked: read('reportUnchecked'),
    ...(read<boolean>('otherToolsSuppressions') === false ? { otherToolsSuppressions: false as const } : {}),
    baselineFindings: read('baselineFindings'),
  };
}

export const DEFAULT_SETTINGS: Settings = normaliseSettings(undefined);

/** What the workspace state needs from the connection (and the open documents). */
export interface WorkspaceHost {
  /** The client's raw `cloudline` settings section for a URI; absent when the client cannot be asked. */
  readonly fetchSettings?: (uri: string) => Promise<unknown>;
  /** The editor's text of an open document, or undefined when it is not open. */
  openDocument(uri: string): { readonly version: number; getText(): string } | undefined;
  /** Publishes a lint result for a file (undefined clears it); `version` for open documents. */
  publish(uri: string, result: LintResult | undefined, version?: number): void;
  /** Publishes the problems of an options file. */
  publishConfigProblems(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/** A folder's `.cloudline.yaml` as read: its options, its problems, and the baseline it names. */
interface ConfigEntry {
  readonly options: Options;
  readonly problems: number;
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
  /** The baseline file (absolute), where the options file names it, and what was read at which size and time. */
  readonly baseline?: { readonly file: string; readonly range: Diagnostic['range']; stamp?: string; loaded?: Baseline };
}

/** Progress and cancellation of a workspace scan, as the connection reports them. */
export interface WorkspaceScanProgress {
  report(percent: number, message: string): void;
  readonly cancelled: boolean;
}

/** `module "x" { source = "./y" }` (a local source, written first in the block as usual): the source. */
const MODULE_SOURCE = /\bmodule\s+"[^"\n]*"\s*\{[^{}]*?\bsource\s*=\s*"(\.\.?\/[^"\n]*)"/g;

/** How many module directories one Terraform file's context may span. */
const MAX_MODULE_DIRS = 32;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export class WorkspaceState {
  /** The workspace folders: their URIs (settings are asked for by URI) and paths. */
  private folders: { uri: string; path: string }[] = [];
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  /** The settings of `settingsCache` once they have arrived, for `settingsNow`. */
  private readonly settingsArrived = new Map<string, Settings>();
  /** Options files by folder path, with their problems; undefined when the folder has none. */
  private readonly configFiles = new Map<string, ConfigEntry | undefined>();
  /** Parsed sibling files, by path, with the stamp (mtime and size, or open version) they were parsed at. */
  private readonly siblingCache = new Map<string, { stamp: string; file: ParsedFile }>();
  /** Results of the last workspace scan, by URI (files not open in the editor). */
  private readonly scanned = new Map<string, LintResult>();
  /** The folders (by URI) whose workspace scan ran to its end, with what it could not read. */
  private readonly scannedFolders = new Map<string, readonly Unread[]>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly host: WorkspaceHost,
  ) {}

  /** Sets the workspace folders (by URI); options files are read afresh. */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => {
      const path = uriPath(uri);
      return path ? [{ uri, path }] : [];
    });
    this.configFiles.clear();
    for (const uri of [...this.scannedFolders.keys()]) if (!this.folders.some((f) => f.uri === uri)) this.scannedFolders.delete(uri);
  }

  /** The workspace folders' URIs. */
  get folderUris(): string[] {
    return this.folders.map((f) => f.uri);
  }

  /** The workspace folders: URIs and paths. */
  get folderList(): readonly { readonly uri: string; readonly path: string }[] {
    return this.folders;
  }

  /** Workspace folders were added or removed (by URI). */
  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.setFolders(this.folders.map((f) => f.uri).filter((u) => !removed.includes(u)).concat(added));
  }

  /** The editor settings changed: they are asked for again. */
  settingsChanged(): void {
    this.settingsCache.clear();
    this.settingsArrived.clear();
  }

  /** A document closed: its settings are asked for again when it reopens. */
  forgetSettings(uri: string): void {
    this.settingsCache.delete(uri);
    this.settingsArrived.delete(uri);
  }

  settingsFor(uri: string): Promise<Settings> {
    const fetch = this.host.fetchSettings;
    if (!fetch) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = fetch(uri).then(normaliseSettings, () => DEFAULT_SETTINGS);
      this.settingsCache.set(uri, s);
      const asked = s;
      void s.then((settings) => {
        if (this.settingsCache.get(uri) === asked) this.settingsArrived.set(uri, settings);
      });
    }
    return s;
  }

  /**
   * The settings of a URI as last received, without waiting (publishing is synchronous): the file's own, else its
   * workspace folder's (what a workspace scan was run with), else the defaults. Every lint awaits `optionsFor` first,
   * so by the time its result is published they have arrived.
   */
  settingsNow(uri: string): Settings {
    const own = this.settingsArrived.get(uri);
    if (own) return own;
    const folder = this.folders.filter((f) => uri === f.uri || uri.startsWith(f.uri.endsWith('/') ? f.uri : f.uri + '/')).sort((a, b) => b.uri.length - a.uri.length)[0];
    return (folder && this.settingsArrived.get(folder.uri)) || DEFAULT_SETTINGS;
  }

  /** The workspace folder holding a file path (the deepest one, for nested folders). */
  private folderOf(path: string): string | undefined {
    return this.folders.map((f) => f.path).filter((p) => path === p || path.startsWith(p + sep)).sort((a, b) => b.length - a.length)[0];
  }

  /** Reads (once) and validates a folder's `.cloudline.yaml`, publishing its problems on the file itself. */
  private folderConfig(folder: string): Options | undefined {
    if (!this.configFiles.has(folder)) {
      const file = join(folder, CONFIG_FILE);
      const uri = pathToFileURL(file).toString();
      if (!existsSync(file)) {
        this.configFiles.set(folder, undefined);
        this.host.publishConfigProblems(uri, []);
      } else {
        let text = '';
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          this.host.log(`cannot read ${file}: ${(e as Error).message}`);
        }
        const { options, problems, baselineSpan } = parseConfig(text, this.catalogue);
        const lines = new LineIndex(text);
        const diagnostics: Diagnostic[] = problems.map((p) => ({ range: toRange(lines, p.span), severity: 1, source: SOURCE, code: 'config', message: p.message }));
        const baseline = options.baseline && baselineSpan ? { file: resolve(folder, options.baseline), range: toRange(lines, baselineSpan) } : undefined;
        const entry: ConfigEntry = { options, problems: problems.length, uri, diagnostics, baseline };
        this.configFiles.set(folder, entry);
        // The baseline is read now, so that a missing or broken one is said on the options file at once.
        if (baseline) this.readBaselineOf(entry);
        else this.host.publishConfigProblems(uri, diagnostics);
      }
    }
    return this.configFiles.get(folder)?.options;
  }

  /**
   * The baseline named in the `.cloudline.yaml` of a document's workspace folder (`baseline: FILE`, relative to it),
   * read again when the file changes on disk; undefined when none is named, or when it cannot be used (then the
   * options file carries an error diagnostic at the `baseline:` value saying why: never a silent "no baseline").
   */
  baselineFor(uri: string): Baseline | undefined {
    const path = uriPath(uri);
    const folder = path ? this.folderOf(path) : undefined;
    if (!folder) return undefined;
    this.folderConfig(folder);
    const entry = this.configFiles.get(folder);
    return entry?.baseline ? this.readBaselineOf(entry) : undefined;
  }

  /** Reads (or takes from the cache, when its size and time are unchanged) an options file's baseline. */
  private readBaselineOf(entry: ConfigEntry): Baseline | undefined {
    const b = entry.baseline!;
    let stamp = 'missing';
    try {
      const st = statSync(b.file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // said by readBaseline below
    }
    if (b.stamp === stamp) return b.loaded;
    b.stamp = stamp;
    let problem: string | undefined;
    try {
      b.loaded = readBaseline(b.file);
    } catch (e) {
      b.loaded = undefined;
      problem = e instanceof BaselineError ? e.message : (e as Error).message;
    }
    const diagnostics = problem
      ? [...entry.diagnostics, { range: b.range, severity: 1 as const, source: SOURCE, code: 'config', message: `Cannot use the baseline ${b.file}: ${problem}.` }]
      : entry.diagnostics;
    this.host.publishConfigProblems(entry.uri, diagnostics);
    return b.loaded;
  }

  /** An options file changed on disk (by URI): it is read and validated again. */
  configFileChanged(uri: string): void {
    const path = uriPath(uri);
    if (!path) return;
    this.configFiles.delete(dirname(path));
    this.folderConfig(dirname(path));
  }

  /** Options for a document: its folder's `.cloudline.yaml`, then the editor settings on top. */
  async optionsFor(uri: string): Promise<{ settings: Settings; options: Options; excluded: boolean }> {
    const settings = await this.settingsFor(uri);
    const path = uriPath(uri);
    const folder = path ? this.folderOf(path) : undefined;
    const options = mergeOptions(folder ? this.folderConfig(folder) : undefined, {
      minimumSeverity: settings.minimumSeverity,
      rules: byRuleId(settings.rules, this.catalogue),
      frameworks: settings.frameworks,
      exclude: settings.exclude,
      otherToolsSuppressions: settings.otherToolsSuppressions,
    });
    const excluded = !!(path && folder && isExcluded(relative(folder, path).split(sep).join('/'), options.exclude));
    return { settings, options, excluded };
  }

  /**
   * The other `*.tf` / `*.tf.json` files and variable files of a Terraform document's directory (its module): their
   * resources are the context of cross-resource checks. With them, as in the CLI's scan, the local modules the
   * directory calls (`source = "../modules/x"`, and the modules those call) and the directories above it whose
   * module blocks call it (they set its variables). The editor's text wins over the disk's for open files.
   */
  moduleContext(uri: string): ParsedFile[] {
    const path = uriPath(uri);
    if (!path) return [];
    const dir = dirname(path);
    if (/\.tf(\.json)?$/.test(path)) {
      const wanted = (n: string) => /\.tf(\.json)?$/.test(n) || isTfvars(n);
      return this.terraformDirs(path).flatMap((d) => this.directoryFiles(d, wanted, path));
    }
    // For YAML, the directory's Kustomization (it says which files are patches).
    if (/\.ya?ml$/i.test(path)) return this.directoryFiles(dir, (n) => n === 'kustomization.yaml' || n === 'kustomization.yml' || n === 'Kustomization', path);
    return [];
  }

  /**
   * The module directories linked to a Terraform file's: its own, the local modules called from there (transitively),
   * and the directories above it (up to its workspace folder) that call one of those, with what they call. At most
   * MAX_MODULE_DIRS directories, all inside the workspace folder when the file is in one.
   */
  private terraformDirs(path: string): string[] {
    const start = dirname(path);
    const folder = this.folderOf(path);
    const inside = (d: string) => !folder || d === folder || d.startsWith(folder + sep);
    const tf = (n: string) => n.endsWith('.tf');
    /** The local module directories the `*.tf` files of `d` call (the document's own text as the editor has it). */
    const callees = (d: string): string[] => {
      const texts = this.directoryFiles(d, tf, path).map((f) => f.text);
      if (dirname(path) === d && path.endsWith('.tf')) {
        const open = this.host.openDocument(pathToFileURL(path).toString());
        try {
          texts.push(open ? open.getText() : readTextFile(path));
        } catch {
          // a document being created: nothing to read yet
        }
      }
      const out: string[] = [];
      for (const text of texts) {
        for (const m of text.matchAll(MODULE_SOURCE)) {
          const target = resolve(d, m[1]);
          if (target !== d && inside(target) && !out.includes(target)) out.push(target);
        }
      }
      return out;
    };
    const dirs = [start];
    const follow = (from: string) => {
      for (let i = dirs.indexOf(from); i >= 0 && i < dirs.length && dirs.length < MAX_MODULE_DIRS; i++) {
        for (const c of callees(dirs[i])) if (!dirs.includes(c) && dirs.length < MAX_MODULE_DIRS && isDirectory(c)) dirs.push(c);
      }
    };
    follow(start);
    // Callers above: a root module that calls this one sets its variables.
    for (let d = dirname(start); inside(d) && dirs.length < MAX_MODULE_DIRS; d = dirname(d)) {
      if (!dirs.includes(d) && callees(d).some((c) => dirs.includes(c))) {
        dirs.push(d);
        follow(d);
      }
      if (d === folder || dirname(d) === d) break;
    }
    return dirs;
  }

  /** The parsed files of a directory whose names `wanted` accepts, but `skip` (cached by mtime and size, or open version). */
  private directoryFiles(dir: string, wanted: (name: string) => boolean, skip: string): ParsedFile[] {
    let names: string[];
    try {
      names = readdirSync(dir).filter(wanted).sort();
    } catch {
      return [];
    }
    const out: ParsedFile[] = [];
    for (const name of names) {
      const sibling = join(dir, name);
      if (sibling === skip) continue;
      const siblingUri = pathToFileURL(sibling).toString();
      const open = this.host.openDocument(siblingUri);
      let stamp: string;
      try {
        const st = statSync(sibling);
        if (!st.isFile()) continue;
        stamp = open ? `v${open.version}` : `${st.mtimeMs}:${st.size}`;
      } catch {
        continue;
      }
      const cached = this.siblingCache.get(sibling);
      if (cached?.stamp === stamp) {
        out.push(cached.file);
        continue;
      }
      let text: string;
      try {
        text = open ? open.getText() : readTextFile(sibling);
      } catch {
        continue;
      }
      const file = parseFile(siblingUri, text);
      this.siblingCache.set(sibling, { stamp, file });
      out.push(file);
    }
    return out;
  }

  /** True when the last workspace scan covers this file. */
  isScanned(uri: string): boolean {
    return this.scanned.has(uri);
  }

  /** True once a workspace scan has found IaC files (new files on disk are then linted too). */
  get hasScan(): boolean {
    return this.scanned.size > 0;
  }

  /** Re-lints every scanned file from disk (after a settings or options file change). */
  relintScanned(): void {
    for (const uri of this.scanned.keys()) void this.relintFromDisk(uri);
  }

  /** A scanned file was deleted: its result and diagnostics go. */
  deleted(uri: string): void {
    this.scanned.delete(uri);
    this.host.publish(uri, undefined);
  }

  /** Re-lints a file from disk (a scanned file that is not open), or clears it when it is gone or no longer IaC. */
  async relintFromDisk(uri: string): Promise<void> {
    const path = uriPath(uri);
    if (!path) return;
    let text: string | undefined;
    try {
      text = readTextFile(path);
    } catch {
      text = undefined;
    }
    const { options, excluded, settings } = await this.optionsFor(uri);
    const result = text === undefined || excluded || !settings.enable ? undefined : lintFiles([parseFile(uri, text), ...this.moduleContext(uri)], this.catalogue, options)[0];
    if (result?.file.isIac) this.scanned.set(uri, result);
    else this.scanned.delete(uri);
    if (!this.host.openDocument(uri)) this.host.publish(uri, result?.file.isIac ? result : undefined);
  }

  /**
   * Scans every workspace folder (or those of `only`, by URI) with the shared scanner (engine/scan.ts), publishing the
   * files not open in the editor.
   */
  async scan(progress: WorkspaceScanProgress, only?: readonly string[]): Promise<ScanResult> {
    let files = 0;
    let findings = 0;
    let unread = 0;
    for (const { uri, path } of this.folders) {
      if (only && !only.includes(uri)) continue;
      const { options } = await this.optionsFor(uri);
      const outcome = await scanFolder(path, this.catalogue, options, {
        report: (done, total, file) => {
          if (done % 10 === 0) progress.report(Math.round((done / Math.max(total, 1)) * 100), relative(path, file));
        },
        get cancelled() {
          return progress.cancelled;
        },
      });
      if (!outcome) break;
      for (const u of outcome.unread) this.host.log(`workspace scan: not read: ${u.path}: ${u.reason}`);
      unread += outcome.unread.length;
      this.scannedFolders.set(uri, outcome.unread);
      for (const r of outcome.results) {
        this.scanned.set(r.file.uri, r);
        files++;
        findings += r.findings.length;
        if (!this.host.openDocument(r.file.uri)) this.host.publish(r.file.uri, r);
      }
    }
    const cancelled = progress.cancelled;
    this.host.log(`workspace scan ${cancelled ? 'cancelled' : 'done'}: ${files} IaC files, ${findings} findings${unread ? `, ${unread} not read` : ''}`);
    return { files, findings, cancelled, unread };
  }

  /** The scanned files' results, with the open documents' current results in their place (and the other open ones). */
  current(open: Iterable<[string, LintResult | undefined]>): LintResult[] {
    const byUri = new Map<string, LintResult>(this.scanned);
    for (const [uri, r] of open) if (r) byUri.set(uri, r);
    return [...byUri.values()];
  }

  /** The inventory: the scanned files' resources, with the open documents' current results in their place. */
  inventory(open: Iterable<[string, LintResult | undefined]>): InventoryItem[] {
    return inventory(this.current(open), this.catalogue);
  }

  /** What the workspace scan of a folder (URI) could not read; undefined when the folder has not been scanned to its end. */
  folderScan(uri: string): readonly Unread[] | undefined {
    return this.scannedFolders.get(uri);
  }

  /** The folder's path for its URI (a workspace folder's), or undefined. */
  folderPath(uri: string): string | undefined {
    return this.folders.find((f) => f.uri === uri)?.path;
  }
}
