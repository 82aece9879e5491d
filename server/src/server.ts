// LSP wiring only: the connection, open documents, settings and options files, the workspace index, and the
// service functions they call.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { byRuleId, CONFIG_FILE, isExcluded, mergeOptions, parseConfig, type Options } from './engine/config';
import { defaultCatalogue } from './engine/default-catalogue';
import { readTextFile } from './engine/files';
import { lintFiles, type LintResult } from './engine/lint';
import { SEVERITIES, type Severity } from './engine/rule';
import { initHcl } from './model/hcl';
import { isTfvars, parseFile, type ParsedFile } from './model/parse';
import { LineIndex } from './model/lines';
import { clientRunsSnippets, codeActions, FIX_ALL_KIND } from './service/actions';
import { toDiagnostics, toRange, SOURCE } from './service/diagnostics';
import { hoverAt, hoverKind } from './service/hover';
import { Lifecycle, REFUSED_METHOD, type Refusal } from './service/lifecycle';
import { DocumentLinter, type DocumentState } from './service/linter';
import { codeLenses, inventory, scanFolder, uriPath } from './service/workspace';

/** Settings under `cloudline.*`, as the client reports them per resource. */
interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  minimumSeverity?: Severity;
  rules: Record<string, 'off' | Severity>;
  frameworks: string[];
  exclude: string[];
  codeLens: boolean;
}

const DEFAULTS: Settings = { enable: true, run: 'onType', rules: {}, frameworks: [], exclude: [], codeLens: true };
const DEBOUNCE_MS = 200;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

function normalise(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, 'off' | Severity> = {};
  for (const [k, v] of Object.entries((s.rules as Record<string, unknown>) ?? {})) {
    if (v === 'off' || (SEVERITIES as readonly string[]).includes(v as string)) rules[k] = v as 'off' | Severity;
  }
  const minimum = s.minimumSeverity as string;
  return {
    enable: s.enable !== false,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    // The default threshold (info) is no setting at all, so a stricter one in .cloudline.yaml still applies.
    minimumSeverity: (SEVERITIES as readonly string[]).includes(minimum) && minimum !== 'info' ? (minimum as Severity) : undefined,
    rules,
    frameworks: strings(s.frameworks),
    exclude: strings(s.exclude),
    codeLens: (s.codeLens as { enable?: unknown } | undefined)?.enable !== false,
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const catalogue = defaultCatalogue();
  const linter = new DocumentLinter(catalogue);
  const docUri = (slug: string) => pathToFileURL(join(__dirname, 'docs', `${slug}.md`)).toString();
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Options files by folder path, with their problems; undefined when the folder has none. */
  const configFiles = new Map<string, { options: Options; problems: number } | undefined>();
  /** Results of the last workspace scan, by URI (files not open in the editor). */
  const scanned = new Map<string, LintResult>();
  let folders: WorkspaceFolder[] = [];
  let pullConfiguration = false;
  let supportsFolders = false;
  /** Hover content format: Markdown unless the client accepts (or prefers) plain text. */
  let hoverFormat: MarkupKind = MarkupKind.Markdown;
  /** The client runs `cloudline.applySnippet` (our VS Code client says so); others get plain edits only. */
  let snippets = false;
  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!pullConfiguration) return Promise.resolve(DEFAULTS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'cloudline' }).then(normalise, () => DEFAULTS);
      settingsCache.set(uri, s);
    }
    return s;
  };

  /** The workspace folder holding a file path (the deepest one, for nested folders). */
  const folderOf = (path: string): string | undefined =>
    folders
      .map((f) => uriPath(f.uri))
      .filter((p): p is string => !!p && (path === p || path.startsWith(p + sep)))
      .sort((a, b) => b.length - a.length)[0];

  /** Reads (once) and validates a folder's `.cloudline.yaml`, publishing its problems on the file itself. */
  const folderConfig = (folder: string): Options | undefined => {
    if (!configFiles.has(folder)) {
      const file = join(folder, CONFIG_FILE);
      const uri = pathToFileURL(file).toString();
      if (!existsSync(file)) {
        configFiles.set(folder, undefined);
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      } else {
        let text = '';
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          log(`cannot read ${file}: ${(e as Error).message}`);
        }
        const { options, problems } = parseConfig(text, catalogue);
        const lines = new LineIndex(text);
        const diagnostics: Diagnostic[] = problems.map((p) => ({ range: toRange(lines, p.span), severity: 1, source: SOURCE, code: 'config', message: p.message }));
        void connection.sendDiagnostics({ uri, diagnostics });
        configFiles.set(folder, { options, problems: problems.length });
      }
    }
    return configFiles.get(folder)?.options;
  };

  /** Options for a document: its folder's `.cloudline.yaml`, then the editor settings on top. */
  const optionsFor = async (uri: string): Promise<{ settings: Settings; options: Options; excluded: boolean }> => {
    const settings = await settingsFor(uri);
    const path = uriPath(uri);
    const folder = path ? folderOf(path) : undefined;
    const options = mergeOptions(folder ? folderConfig(folder) : undefined, {
      minimumSeverity: settings.minimumSeverity,
      rules: byRuleId(settings.rules, catalogue),
      frameworks: settings.frameworks,
      exclude: settings.exclude,
    });
    const excluded = !!(path && folder && isExcluded(relative(folder, path).split(sep).join('/'), options.exclude));
    return { settings, options, excluded };
  };

  const publish = (uri: string, result: LintResult | undefined, version?: number) => {
    const diagnostics = result ? toDiagnostics(result, version ?? -1, docUri) : [];
    void connection.sendDiagnostics({ uri, version, diagnostics });
    for (const e of result?.errors ?? []) connection.console.error(`[${new Date().toISOString()}] ${uri}: ${e}`);
  };

  /** Parsed sibling files, by path, with the stamp (mtime and size, or open version) they were parsed at. */
  const siblingCache = new Map<string, { stamp: string; file: ParsedFile }>();

  /**
   * The other `*.tf` / `*.tf.json` files and variable files of a Terraform document's directory (its module): their resources are the
   * context of cross-resource checks. The editor's text wins over the disk's for open files.
   */
  const moduleContext = (uri: string): ParsedFile[] => {
    const path = uriPath(uri);
    if (!path) return [];
    const dir = dirname(path);
    // A Terraform module's other files; for YAML, the directory's Kustomization (it says which files are patches).
    const wanted = /\.tf(\.json)?$/.test(path)
      ? (n: string) => /\.tf(\.json)?$/.test(n) || isTfvars(n)
      : /\.ya?ml$/i.test(path)
        ? (n: string) => n === 'kustomization.yaml' || n === 'kustomization.yml' || n === 'Kustomization'
        : undefined;
    if (!wanted) return [];
    let names: string[];
    try {
      names = readdirSync(dir).filter(wanted);
    } catch {
      return [];
    }
    const out: ParsedFile[] = [];
    for (const name of names) {
      const sibling = join(dir, name);
      if (sibling === path) continue;
      const siblingUri = pathToFileURL(sibling).toString();
      const open = documents.get(siblingUri);
      let stamp: string;
      try {
        const st = statSync(sibling);
        stamp = open ? `v${open.version}` : `${st.mtimeMs}:${st.size}`;
      } catch {
        continue;
      }
      const cached = siblingCache.get(sibling);
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
      siblingCache.set(sibling, { stamp, file });
      out.push(file);
    }
    return out;
  };

  /**
   * What was last published for each open document: its lint state, or a marker for "cleared at version n". An edit
   * or a save whose lint returns the same state (same version, text, config and context) publishes nothing again:
   * one publish per version. (A settings or options file change publishes in any case.)
   */
  const published = new Map<string, DocumentState | string>();

  const validate = async (doc: TextDocument, skipUnchanged = false): Promise<void> => {
    const { settings, options, excluded } = await optionsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded while settings were fetched
    if (!settings.enable || excluded || doc.uri.endsWith(`/${CONFIG_FILE}`)) {
      linter.forget(doc.uri);
      const cleared = `cleared@${doc.version}`;
      if (!doc.uri.endsWith(`/${CONFIG_FILE}`) && !(skipUnchanged && published.get(doc.uri) === cleared)) {
        published.set(doc.uri, cleared);
        publish(doc.uri, undefined, doc.version);
      }
      return;
    }
    try {
      const state = linter.lint(doc.uri, doc.version, doc.getText(), options, moduleContext(doc.uri));
      if (skipUnchanged && published.get(doc.uri) === state) return;
      published.set(doc.uri, state);
      publish(doc.uri, state.result, doc.version);
    } catch (e) {
      connection.console.error(`[${new Date().toISOString()}] linting ${doc.uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  };

  const schedule = (doc: TextDocument, delay: number, skipUnchanged = false) => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void validate(doc, skipUnchanged);
      }, delay),
    );
  };

  /** Re-lints a file from disk (a scanned file that is not open), or clears it when it is gone or no longer IaC. */
  const relintFromDisk = async (uri: string) => {
    const path = uriPath(uri);
    if (!path) return;
    let text: string | undefined;
    try {
      text = readTextFile(path);
    } catch {
      text = undefined;
    }
    const { options, excluded, settings } = await optionsFor(uri);
    const result = text === undefined || excluded || !settings.enable ? undefined : lintFiles([parseFile(uri, text), ...moduleContext(uri)], catalogue, options)[0];
    if (result?.file.isIac) scanned.set(uri, result);
    else scanned.delete(uri);
    if (!documents.get(uri)) publish(uri, result?.file.isIac ? result : undefined);
  };

  connection.onInitialize((params) => {
    hoverFormat = hoverKind(params.capabilities.textDocument?.hover?.contentFormat);
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    supportsFolders = !!params.capabilities.workspace?.workspaceFolders;
    snippets = clientRunsSnippets(params);
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cloudline', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cloudline' });
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json,template}' }] })
      .catch(() => undefined);
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)).concat(e.added);
        configFiles.clear();
        for (const doc of documents.all()) schedule(doc, 0);
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
    for (const uri of scanned.keys()) void relintFromDisk(uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${CONFIG_FILE}`)) {
        const path = uriPath(change.uri);
        if (path) configFiles.delete(dirname(path));
        if (path) folderConfig(dirname(path));
        for (const doc of documents.all()) schedule(doc, 0);
        for (const uri of scanned.keys()) void relintFromDisk(uri);
        continue;
      }
      if (documents.get(change.uri)) continue; // the editor's text wins over the disk's
      if (change.type === FileChangeType.Deleted) {
        scanned.delete(change.uri);
        publish(change.uri, undefined);
      } else if (scanned.has(change.uri) || (change.type === FileChangeType.Created && scanned.size > 0)) {
        void relintFromDisk(change.uri);
      }
    }
  });

  /** Documents whose open has not yet been followed by its own change event (`TextDocuments` fires both on open). */
  const opening = new Set<string>();
  // An opened document is linted at once; only edits wait for the debounce.
  documents.onDidOpen((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    published.delete(e.document.uri);
    opening.add(e.document.uri);
    void validate(e.document);
  });
  documents.onDidChangeContent(async (e) => {
    if (opening.delete(e.document.uri)) return; // the open's own change event: already being linted
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') schedule(e.document, DEBOUNCE_MS, true);
  });
  documents.onDidSave((e) => schedule(e.document, 0, true));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    linter.forget(e.document.uri);
    published.delete(e.document.uri);
    opening.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    // A file the workspace scan covers goes back to its on-disk result; any other file is cleared.
    if (scanned.has(e.document.uri)) void relintFromDisk(e.document.uri);
    else publish(e.document.uri, undefined);
  });

  const resultFor = (uri: string, forHover = false): LintResult | undefined => {
    const state = linter.get(uri);
    if (!state) return undefined;
    // While the text has a syntax error, hover is served from the last version that parsed.
    return forHover && state.result.problems.length ? state.lastGood : state.result;
  };

  connection.onHover((params) => {
    const result = documents.get(params.textDocument.uri) && resultFor(params.textDocument.uri, true);
    if (!result) return null;
    return hoverAt(result, result.file.lines.offsetAt(params.position), catalogue, docUri, hoverFormat);
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { options } = await optionsFor(doc.uri);
    const state = linter.get(doc.uri);
    const result = state && state.version === doc.version ? state.result : undefined;
    return codeActions({ uri: doc.uri, version: doc.version, result, catalogue, config: options, snippets }, params.context.diagnostics, params.context.only);
  });

  connection.onCodeLens(async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    const result = resultFor(params.textDocument.uri);
    return settings.codeLens && result ? codeLenses(result, catalogue) : [];
  });

  connection.onRequest('cloudline/scanWorkspace', async (_params, token) => {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Cloudline: scanning the workspace', 0, 'finding IaC files…', true);
    let cancelled = false;
    progress.token.onCancellationRequested(() => (cancelled = true));
    token.onCancellationRequested(() => (cancelled = true));
    let files = 0;
    let findings = 0;
    let unread = 0;
    try {
      for (const folder of folders) {
        const path = uriPath(folder.uri);
        if (!path) continue;
        const { options } = await optionsFor(folder.uri);
        const scan = await scanFolder(path, catalogue, options, {
          report: (done, total, file) => {
            if (done % 10 === 0) progress.report(Math.round((done / Math.max(total, 1)) * 100), relative(path, file));
          },
          get cancelled() {
            return cancelled;
          },
        });
        if (!scan) break;
        for (const u of scan.unread) log(`workspace scan: not read: ${u.path}: ${u.reason}`);
        unread += scan.unread.length;
        for (const r of scan.results) {
          scanned.set(r.file.uri, r);
          files++;
          findings += r.findings.length;
          if (!documents.get(r.file.uri)) publish(r.file.uri, r);
        }
      }
    } finally {
      progress.done();
    }
    log(`workspace scan ${cancelled ? 'cancelled' : 'done'}: ${files} IaC files, ${findings} findings${unread ? `, ${unread} not read` : ''}`);
    return { files, findings, cancelled, unread };
  });

  connection.onRequest('cloudline/inventory', () => {
    const byUri = new Map<string, LintResult>(scanned);
    for (const uri of linter.uris()) {
      const r = linter.get(uri)?.result;
      if (r) byUri.set(uri, r);
    }
    return inventory(byUri.values(), catalogue);
  });

  // Requests the lifecycle gate refused (service/lifecycle.ts) arrive here, to be answered with its error.
  connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));

  documents.listen(connection);
  connection.listen();
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[${new Date().toISOString()}] cloudline: unhandled rejection: ${(reason as Error)?.stack ?? reason}\n`);
});

// The HCL parser (WebAssembly) loads once before the server answers; parsing stays synchronous after it.
if (require.main === module) {
  // The lifecycle gate sees every message before the handlers do (requests before initialize, after shutdown).
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: new Lifecycle() });
  void initHcl().then(() => startServer(connection));
}
