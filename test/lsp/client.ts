// A minimal LSP client for tests: starts the bundled server over stdio and talks the protocol to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Settings the server gets when it asks for `cloudline` configuration. */
  settings: Record<string, unknown>;
  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (published after this call or already queued). */
  diagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics notification received so far. */
  readonly received: PublishDiagnosticsParams[];
  /** Every `$/progress` value received so far. */
  readonly progress: { kind: string; title?: string; message?: string; percentage?: number; cancellable?: boolean }[];
  /** How many `workspace/codeLens/refresh` requests the server sent (the client announces refresh support). */
  lensRefreshes: number;
  /** The server's answer to `initialize`. */
  readonly initialized: { capabilities: Record<string, unknown> };
  /** Every `window/showDocument` request (answered with `showDocumentResult`) and `window/showMessage` received. */
  readonly shown: { uri: string; takeFocus?: boolean }[];
  readonly messages: { type: number; message: string }[];
  stop(): Promise<void>;
}

/** Starts dist/server.js, initializes it (with workspace/configuration, unless turned off, and progress support) and returns a client. */
export async function startServer(
  workspaceFolders: { uri: string; name: string }[] | null = null,
  options: {
    configuration?: boolean;
    initializationOptions?: unknown;
    /** Start `dist/cli.js lsp --stdio` instead of `dist/server.js --stdio`. */
    cli?: boolean;
    /** The client's `window.showDocument.support`, and what it answers (default: not announced). */
    showDocument?: { success: boolean };
    /** The client's hover content formats (default: Markdown only). */
    hoverFormats?: string[];
  } = {},
): Promise<TestClient> {
  const dist = join(__dirname, '..', '..', 'dist');
  const args = options.cli ? [join(dist, 'cli.js'), 'lsp', '--stdio'] : [join(dist, 'server.js'), '--stdio'];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const received: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  let cursor = new Map<string, number>();
  const client: TestClient = {
    connection,
    process: proc,
    settings: {},
    received,
    progress: [],
    lensRefreshes: 0,
    initialized: { capabilities: {} },
    shown: [],
    messages: [],
    diagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      const from = cursor.get(uri) ?? 0;
      const queued = received.slice(from).find((p) => p.uri === uri && pred(p));
      if (queued) {
        cursor.set(uri, received.indexOf(queued) + 1);
        return Promise.resolve(queued);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          uri,
          pred,
          resolve: (p) => {
            clearTimeout(timer);
            cursor.set(uri, received.indexOf(p) + 1);
            resolve(p);
          },
        });
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      proc.kill();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    received.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => {
    client.lensRefreshes++;
    return null;
  });
  connection.onNotification('$/progress', (p: { value: TestClient['progress'][number] }) => client.progress.push(p.value));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('window/showMessage', (m: { type: number; message: string }) => client.messages.push(m));
  connection.onRequest('window/showDocument', (p: { uri: string; takeFocus?: boolean }) => {
    client.shown.push(p);
    return { success: options.showDocument?.success ?? false };
  });
  connection.listen();
  const answer = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders,
    initializationOptions: options.initializationOptions,
    capabilities: {
      window: { workDoneProgress: true, ...(options.showDocument ? { showDocument: { support: true } } : {}) },
      workspace: { codeLens: { refreshSupport: true }, configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }, hover: { contentFormat: options.hoverFormats ?? ['markdown'] } },
    },
  });
  Object.assign(client.initialized, answer);
  await connection.sendNotification('initialized', {});
  cursor = new Map();
  return client;
}
