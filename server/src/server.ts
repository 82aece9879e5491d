// LSP wiring only: the connection, open documents, settings, and the service functions they call.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCatalogue } from './engine/default-catalogue';
import type { LintConfig } from './engine/lint';
import { SEVERITIES, type Severity } from './engine/rule';
import { codeActions } from './service/actions';
import { toDiagnostics } from './service/diagnostics';
import { hoverAt } from './service/hover';
import { DocumentLinter } from './service/linter';

/** Settings under `cloudline.*`, as the client reports them per resource. */
interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  minimumSeverity: Severity;
  rules: Record<string, 'off' | Severity>;
}

const DEFAULTS: Settings = { enable: true, run: 'onType', minimumSeverity: 'info', rules: {} };
const DEBOUNCE_MS = 200;

function normalise(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Settings>;
  const rules: Record<string, 'off' | Severity> = {};
  for (const [k, v] of Object.entries(s.rules ?? {})) {
    if (v === 'off' || (SEVERITIES as readonly string[]).includes(v as string)) rules[k] = v as 'off' | Severity;
  }
  return {
    enable: s.enable !== false,
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    minimumSeverity: (SEVERITIES as readonly string[]).includes(s.minimumSeverity as string) ? (s.minimumSeverity as Severity) : 'info',
    rules,
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const catalogue = defaultCatalogue();
  const linter = new DocumentLinter(catalogue);
  const docUri = (slug: string) => pathToFileURL(join(__dirname, 'docs', `${slug}.md`)).toString();
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let pullConfiguration = false;

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!pullConfiguration) return Promise.resolve(DEFAULTS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cloudline' })
        .then(normalise, () => DEFAULTS);
      settingsCache.set(uri, s);
    }
    return s;
  };

  const validate = async (doc: TextDocument): Promise<void> => {
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded while settings were fetched
    if (!settings.enable) {
      linter.forget(doc.uri);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    const config: LintConfig = { minimumSeverity: settings.minimumSeverity, rules: settings.rules };
    try {
      const state = linter.lint(doc.uri, doc.version, doc.getText(), config);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toDiagnostics(state.result, doc.version, docUri) });
      for (const e of state.result.errors) connection.console.error(`[${new Date().toISOString()}] ${doc.uri}: ${e}`);
    } catch (e) {
      connection.console.error(`[${new Date().toISOString()}] linting ${doc.uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  };

  const schedule = (doc: TextDocument, delay: number) => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void validate(doc);
      }, delay),
    );
  };

  connection.onInitialize((params) => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'cloudline', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cloudline' });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') schedule(e.document, DEBOUNCE_MS);
  });
  documents.onDidSave((e) => schedule(e.document, 0));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    linter.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const state = linter.get(doc.uri);
    // While the text has a syntax error, hover is served from the last version that parsed.
    const result = state?.result.problems.length ? state.lastGood : state?.result;
    if (!result || !state) return null;
    const offset = result.file.lines.offsetAt(params.position);
    return hoverAt(result, offset, catalogue, docUri);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return codeActions(doc.uri, doc.version, params.context.diagnostics, params.context.only);
  });

  documents.listen(connection);
  connection.listen();
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[${new Date().toISOString()}] cloudline: unhandled rejection: ${(reason as Error)?.stack ?? reason}\n`);
});

if (require.main === module) startServer(createConnection(ProposedFeatures.all));
