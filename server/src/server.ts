// LSP wiring only: the connection and its open documents, handed to the services (service/*): workspace state
// (settings, options files, sibling files, the workspace scan) in service/workspace-state.ts, linting of open
// documents in service/linter.ts, hover, code actions, CodeLens. Request and command names: protocol.ts.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  ErrorCodes,
  LSPErrorCodes,
  type CancellationToken,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from './engine/config';
import { defaultCatalogue } from './engine/default-catalogue';
import type { Finding, LintResult } from './engine/lint';
import { initHcl } from './model/hcl';
import { clientRunsSnippets, codeActions, FIX_ALL_KIND } from './service/actions';
import { toDiagnostics } from './service/diagnostics';
import { executeCommand, serverCommands } from './service/commands';
import { compareWithBaseline, type Baseline } from './engine/baseline';
import { hoverAt, hoverKind } from './service/hover';
import { Lifecycle, REFUSED_METHOD, type Refusal } from './service/lifecycle';
import { DocumentLinter, type DocumentState } from './service/linter';
import { codeLenses } from './service/workspace';
import { isCustomRuleFile, WorkspaceState } from './service/workspace-state';
import { backlogItems, folderReport } from './service/report';
import { Requests, SETTINGS_SECTION, type BacklogItem, type InventoryItem, type ReportAnswer, type ReportParams, type ScanResult } from './protocol';

const DEBOUNCE_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const catalogue = defaultCatalogue();
  const linter = new DocumentLinter(catalogue);
  const docUri = (slug: string) => pathToFileURL(join(__dirname, 'docs', `${slug}.md`)).toString();
  const timers = new Map<string, NodeJS.Timeout>();
  let pullConfiguration = false;
  let supportsFolders = false;
  /** Hover content format: Markdown unless the client accepts (or prefers) plain text. */
  let hoverFormat: MarkupKind = MarkupKind.Markdown;
  /** The client runs `cloudline.applySnippet` (our VS Code client says so); others get plain edits only. */
  let snippets = false;
  /** The client opens documents the server names (`window/showDocument`): rule pages, for a plain client. */
  let showDocument = false;
  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);

  /**
   * The findings of a result that the baseline of its folder's .cloudline.yaml holds (undefined: no baseline). Kept per
   * result and baseline: publishing, the CodeLens and the backlog ask it of the same result.
   */
  const baselineMemo = new WeakMap<LintResult, { baseline: Baseline; held: Set<Finding> }>();
  const baselinedIn = (uri: string, result: LintResult) => {
    const baseline = result.findings.length ? workspace.baselineFor(uri) : undefined;
    if (!baseline) return undefined;
    const memo = baselineMemo.get(result);
    if (memo?.baseline === baseline) return memo.held;
    const held = compareWithBaseline([result], baseline, baseline.file).unchanged;
    baselineMemo.set(result, { baseline, held });
    return held;
  };
  const publish = (uri: string, result: LintResult | undefined, version?: number) => {
    const settings = workspace.settingsNow(uri);
    // The baseline of the folder's .cloudline.yaml: the findings it holds become hints, or are hidden.
    const baselined = result && baselinedIn(uri, result);
    const diagnostics = result
      ? toDiagnostics(result, version ?? -1, docUri, { catalogue: workspace.catalogueFor(uri), reportUnchecked: settings.reportUnchecked, baselined, baselineFindings: settings.baselineFindings })
      : [];
    void connection.sendDiagnostics({ uri, version, diagnostics });
    for (const e of result?.errors ?? []) connection.console.error(`[${new Date().toISOString()}] ${uri}: ${e}`);
  };

  const workspace = new WorkspaceState(catalogue, {
    fetchSettings: (uri) => (pullConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : Promise.resolve(undefined)),
    openDocument: (uri) => documents.get(uri),
    publish,
    publishConfigProblems: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    log,
  });
  const settingsFor = (uri: string) => workspace.settingsFor(uri);
  const optionsFor = (uri: string) => workspace.optionsFor(uri);

  /**
   * What was last published for each open document: its lint state, or a marker for "cleared at version n". An edit
   * or a save whose lint returns the same state (same version, text, config and context) publishes nothing again:
   * one publish per version. (A settings or options file change publishes in any case.)
   */
  const published = new Map<string, DocumentState | string>();

  /** The client re-asks for CodeLenses when told (`workspace/codeLens/refresh`). */
  let refreshLenses = false;
  /** Documents whose last CodeLens answer was stale: the version of the result it came from (-1: none). */
  const lensesServed = new Map<string, number>();
  /** Documents opened whose first result is not published yet. */
  const lensesAfterOpen = new Set<string>();
  /** Lints under way, by URI: a CodeLens request that arrives while its document's lint waits for settings waits too. */
  const validating = new Map<string, Promise<void>>();
  const validate = (doc: TextDocument, skipUnchanged = false): Promise<void> => {
    const run = validateNow(doc, skipUnchanged).finally(() => {
      if (validating.get(doc.uri) === run) validating.delete(doc.uri);
    });
    validating.set(doc.uri, run);
    return run;
  };
  const validateNow = async (doc: TextDocument, skipUnchanged = false): Promise<void> => {
    const { settings, options, excluded } = await optionsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded while settings were fetched
    // An options file or a custom rule file carries its own problems (published by the workspace state), not a lint.
    const ownProblems = doc.uri.endsWith(`/${CONFIG_FILE}`) || isCustomRuleFile(doc.uri);
    if (!settings.enable || excluded || ownProblems) {
      linter.forget(doc.uri);
      const cleared = `cleared@${doc.version}`;
      if (!ownProblems && !(skipUnchanged && published.get(doc.uri) === cleared)) {
        published.set(doc.uri, cleared);
        publish(doc.uri, undefined, doc.version);
      }
      return;
    }
    try {
      const state = linter.lint(doc.uri, doc.version, doc.getText(), options, workspace.moduleContext(doc.uri), workspace.catalogueFor(doc.uri));
      if (skipUnchanged && published.get(doc.uri) === state) return;
      published.set(doc.uri, state);
      publish(doc.uri, state.result, doc.version);
      // Lenses answered before this result (asked before the open reached us, or while it was linted) are stale; and
      // an editor does not always ask for a newly opened file's lenses again once its result is in (seen in VS Code
      // on .tf files: no request at all after the open), so the first result after an open asks once too.
      const served = lensesServed.get(doc.uri);
      const firstAfterOpen = lensesAfterOpen.delete(doc.uri);
      if (refreshLenses && (firstAfterOpen || (served !== undefined && served !== doc.version))) {
        lensesServed.delete(doc.uri);
        void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      }
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

  connection.onInitialize((params) => {
    hoverFormat = hoverKind(params.capabilities.textDocument?.hover?.contentFormat);
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    supportsFolders = !!params.capabilities.workspace?.workspaceFolders;
    snippets = clientRunsSnippets(params);
    showDocument = !!params.capabilities.window?.showDocument?.support;
    refreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    workspace.setFolders((params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : [])).map((f) => f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        // A plain client runs the documentation action here (service/commands.ts); our VS Code client runs its own.
        ...(serverCommands(snippets).length ? { executeCommandProvider: { commands: serverCommands(snippets) } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cloudline', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    // Each folder's custom rules are read now, so that a broken rule file is said before any file is opened.
    workspace.readCustomRules();
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cloudline' });
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json,template}' }] })
      .catch(() => undefined);
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        workspace.changeFolders(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        );
        workspace.readCustomRules();
        for (const doc of documents.all()) schedule(doc, 0);
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    workspace.settingsChanged();
    for (const doc of documents.all()) schedule(doc, 0);
    workspace.relintScanned();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.uri.endsWith(`/${CONFIG_FILE}`)) {
        workspace.configFileChanged(change.uri);
        for (const doc of documents.all()) schedule(doc, 0);
        workspace.relintScanned();
        continue;
      }
      if (isCustomRuleFile(change.uri)) {
        workspace.customRuleFileChanged(change.uri);
        for (const doc of documents.all()) schedule(doc, 0);
        workspace.relintScanned();
        continue;
      }
      if (documents.get(change.uri)) continue; // the editor's text wins over the disk's
      if (change.type === FileChangeType.Deleted) {
        workspace.deleted(change.uri);
      } else if (workspace.isScanned(change.uri) || (change.type === FileChangeType.Created && workspace.hasScan)) {
        void workspace.relintFromDisk(change.uri);
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
    lensesAfterOpen.add(e.document.uri);
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
    lensesServed.delete(e.document.uri);
    lensesAfterOpen.delete(e.document.uri);
    opening.delete(e.document.uri);
    workspace.forgetSettings(e.document.uri);
    // A file the workspace scan covers goes back to its on-disk result; any other file is cleared.
    if (workspace.isScanned(e.document.uri)) void workspace.relintFromDisk(e.document.uri);
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
    return hoverAt(result, result.file.lines.offsetAt(params.position), workspace.catalogueFor(params.textDocument.uri), docUri, hoverFormat);
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { options } = await optionsFor(doc.uri);
    const state = linter.get(doc.uri);
    const result = state && state.version === doc.version ? state.result : undefined;
    return codeActions({ uri: doc.uri, version: doc.version, result, catalogue: workspace.catalogueFor(doc.uri), config: options, snippets }, params.context.diagnostics, params.context.only);
  });

  connection.onCodeLens(async (params) => {
    // The editor asks for lenses as soon as it opens a file, while that file's first lint may still be fetching its
    // settings: answering before it would show none until the next edit.
    await validating.get(params.textDocument.uri);
    const settings = await settingsFor(params.textDocument.uri);
    const result = resultFor(params.textDocument.uri);
    // Answered from an older version than the document's, or with none: refresh once the current one is published.
    const served = result ? (linter.get(params.textDocument.uri)?.version ?? -1) : -1;
    if (served === documents.get(params.textDocument.uri)?.version) lensesServed.delete(params.textDocument.uri);
    else lensesServed.set(params.textDocument.uri, served);
    if (!settings.codeLens || !result) return [];
    // The count is what the Problems panel lists: not the baselined findings (hints or hidden), which it says apart.
    return codeLenses(result, workspace.catalogueFor(params.textDocument.uri), snippets, baselinedIn(params.textDocument.uri, result));
  });

  connection.onExecuteCommand((params) =>
    executeCommand(params, {
      catalogue,
      docUri,
      showDocument,
      open: async (p) => (await connection.window.showDocument(p)).success,
      message: (text) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: text }),
    }),
  );

  /** Runs the workspace scan (of every folder, or those of `only`) with window progress, cancellable from it or `token`. */
  const runScan = async (token: CancellationToken, only?: readonly string[]): Promise<ScanResult> => {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Cloudline: scanning the workspace', 0, 'finding IaC files…', true);
    let cancelled = false;
    progress.token.onCancellationRequested(() => (cancelled = true));
    token.onCancellationRequested(() => (cancelled = true));
    try {
      return await workspace.scan(
        {
          report: (percent, message) => progress.report(percent, message),
          get cancelled() {
            return cancelled;
          },
        },
        only,
      );
    } finally {
      progress.done();
    }
  };

  connection.onRequest(Requests.scanWorkspace, (_params, token): Promise<ScanResult> => runScan(token));

  /** The open documents' current results. */
  const openResults = (): [string, LintResult | undefined][] => [...linter.uris()].map((uri) => [uri, linter.get(uri)?.result]);

  connection.onRequest(Requests.inventory, (): InventoryItem[] => workspace.inventory(openResults()));

  // The report of a folder, from the workspace scan the server holds (the folder is scanned first if it was not).
  connection.onRequest(Requests.report, async (params: ReportParams | undefined, token): Promise<ReportAnswer | ResponseError> => {
    const folders = workspace.folderUris;
    if (!folders.length) return new ResponseError(ErrorCodes.InvalidRequest, 'Cloudline: open a folder to report on: the report covers the IaC files of a workspace folder.');
    const folder = params?.folder ?? (folders.length === 1 ? folders[0] : undefined);
    if (!folder) return new ResponseError(ErrorCodes.InvalidParams, 'Cloudline: name the workspace folder to report on (the workspace has several).');
    const folderPath = workspace.folderPath(folder);
    if (!folderPath) return new ResponseError(ErrorCodes.InvalidParams, `Cloudline: ${folder} is not a workspace folder on disk.`);
    const { settings, options } = await optionsFor(folder);
    if (!settings.enable) return new ResponseError(ErrorCodes.InvalidRequest, 'Cloudline is turned off for this folder (cloudline.enable): there is no scan to report on.');
    if (!workspace.folderScan(folder)) {
      const scanned = await runScan(token, [folder]);
      if (scanned.cancelled || !workspace.folderScan(folder)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Cloudline: the workspace scan was cancelled; no report.');
    }
    return folderReport({ folder, folderPath, results: workspace.current(openResults()), unread: workspace.folderScan(folder)!, options, nonce: params?.nonce }, workspace.catalogueFor(folder));
  });

  connection.onRequest(Requests.backlog, (): BacklogItem[] =>
    backlogItems(workspace.current(openResults()), catalogue, workspace.folderList, (result) => {
      const held = baselinedIn(result.file.uri, result);
      return held && { held, hide: workspace.settingsNow(result.file.uri).baselineFindings === 'hide' };
    }),
  );

  // Requests the lifecycle gate refused (service/lifecycle.ts) arrive here, to be answered with its error.
  connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => new ResponseError(refusal.code, refusal.message));

  documents.listen(connection);
  connection.listen();
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[${new Date().toISOString()}] cloudline: unhandled rejection: ${(reason as Error)?.stack ?? reason}\n`);
});

/**
 * Starts the server on the transport the command line names (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe NAME`):
 * `node dist/server.js --stdio`, or `cloudline lsp --stdio` (dist/cli.js loads dist/server.js and calls this). The
 * HCL parser (WebAssembly) loads once before the server answers; parsing stays synchronous after it.
 */
export function run(): void {
  // The lifecycle gate sees every message before the handlers do (requests before initialize, after shutdown).
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: new Lifecycle() });
  void initHcl().then(() => startServer(connection));
}

if (require.main === module) run();
