// Thin VS Code client: starts the Cloudline language server, maps settings, registers commands, the
// responsibility view and the status bar item.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  Commands,
  Requests,
  SETTINGS_SECTION,
  Views,
  type BacklogItem,
  type InitializationOptions,
  type InventoryItem,
  type ReportAnswer,
  type ReportParams,
  type ScanResult,
} from '../../server/src/protocol';
import { ReportPanel } from './report-panel';
import { ResponsibilityView } from './view';
import { HASHICORP_TERRAFORM, withoutDuplicateHclDiagnostics } from './terraform';

let client: LanguageClient | undefined;

/** What the extension returns from `activate`: the view and the report panel, for the end-to-end tests. */
export interface CloudlineApi {
  readonly view: ResponsibilityView;
  readonly report: ReportPanel;
}

export async function activate(context: vscode.ExtensionContext): Promise<CloudlineApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Cloudline', { log: true });
  let restarts = 0;
  let told = false;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      // Terraform HCL, whatever language the editor gives it (`terraform` with HashiCorp's extension, else plain text).
      { scheme: 'file', pattern: '**/*.{tf,tfvars}' },
    ],
    // This client runs `cloudline.applySnippet` (below): the server may send snippet fixes through it.
    initializationOptions: { cloudline: { applySnippet: true } } satisfies InitializationOptions,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      // HashiCorp's Terraform extension (terraform-ls) reports HCL syntax errors and repeated arguments itself:
      // with it installed, ours would say the same twice. Our findings, and why we did not lint a file, stay.
      handleDiagnostics: (uri, diagnostics, next) =>
        next(uri, withoutDuplicateHclDiagnostics(uri.path, diagnostics, vscode.extensions.getExtension(HASHICORP_TERRAFORM) !== undefined)),
    },
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: vscode.workspace.createFileSystemWatcher('**/.cloudline.yaml') },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts++;
        if (!told) {
          told = true;
          void vscode.window.showWarningMessage('The Cloudline language server stopped unexpectedly and was restarted. Details are in the Cloudline output.');
        }
        output.error(`language server stopped (${restarts}); restarting`);
        return { action: restarts <= 5 ? CloseAction.Restart : CloseAction.DoNotRestart };
      },
    },
  };
  client = new LanguageClient('cloudline', 'Cloudline', serverOptions, clientOptions);
  const lc = client;

  const view = new ResponsibilityView(
    async () => (await lc.sendRequest<InventoryItem[]>(Requests.inventory)) ?? [],
    async () => (await lc.sendRequest<BacklogItem[]>(Requests.backlog)) ?? [],
  );
  const report = new ReportPanel((params: ReportParams) => lc.sendRequest<ReportAnswer>(Requests.report, params));
  const status = vscode.window.createStatusBarItem(Views.statusItem, vscode.StatusBarAlignment.Left, 50);
  status.name = 'Cloudline';
  status.command = 'workbench.actions.view.problems';
  const refreshStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const diagnostics = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'cloudline' && d.code !== 'syntax-error') : [];
    if (!editor || (diagnostics.length === 0 && !['yaml', 'json', 'jsonc'].includes(editor.document.languageId))) {
      status.hide();
      return;
    }
    status.text = diagnostics.length ? `$(shield) ${diagnostics.length} customer-side` : '$(shield) Cloudline';
    status.tooltip = diagnostics.length
      ? `${diagnostics.length} Cloudline finding${diagnostics.length === 1 ? '' : 's'} on your side of the shared-responsibility line in this file`
      : 'Cloudline: no customer-side findings in this file';
    status.show();
  };

  context.subscriptions.push(
    output,
    status,
    vscode.window.registerTreeDataProvider(Views.responsibility, view),
    vscode.languages.onDidChangeDiagnostics(() => {
      refreshStatus();
      view.refreshSoon();
    }),
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, async (slug?: string) => {
      const docs = context.asAbsolutePath(path.join('dist', 'docs'));
      let chosen = slug;
      if (!chosen) {
        const pages = await vscode.workspace.fs.readDirectory(vscode.Uri.file(docs));
        chosen = await vscode.window.showQuickPick(pages.map(([name]) => name.replace(/\.md$/, '')).sort(), { placeHolder: 'Cloudline rule' });
      }
      if (!chosen) return;
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(docs, `${chosen}.md`)));
    }),
    vscode.commands.registerCommand(Commands.applySnippet, async (uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, snippet: string) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      if (doc.version !== version) {
        void vscode.window.showInformationMessage('Cloudline: the file changed since this action was offered; try again.');
        return;
      }
      const editor = await vscode.window.showTextDocument(doc);
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      // The server writes every line with its final indentation: `keepWhitespace` stops the editor from adding the
      // insertion line's indentation to each new line (which misindented JSON and broke YAML suppressions).
      // (`keepWhitespace` is missing from @types/vscode 1.85 but is honoured by the editor.)
      const options = { undoStopBefore: true, undoStopAfter: true, keepWhitespace: true };
      await editor.insertSnippet(new vscode.SnippetString(snippet), r, options);
    }),
    vscode.commands.registerCommand(Commands.scanWorkspace, async () => {
      // The server reports progress (cancellable) itself; this waits for the result.
      const result = await lc.sendRequest<ScanResult>(Requests.scanWorkspace, {});
      await view.refresh();
      const message = result.cancelled
        ? 'Cloudline: workspace scan cancelled.'
        : `Cloudline: ${result.findings} customer-side finding${result.findings === 1 ? '' : 's'} in ${result.files} IaC file${result.files === 1 ? '' : 's'}.`;
      void vscode.window.showInformationMessage(message);
      return result;
    }),
    vscode.commands.registerCommand(Commands.refreshResponsibilityView, () => view.refresh()),
    vscode.commands.registerCommand(Commands.showResponsibilityReport, async () => {
      const shown = await report.show();
      await view.refresh(); // the report may have run the workspace scan
      return shown;
    }),
    vscode.commands.registerCommand(Commands.exportResponsibilityReport, () => report.export()),
    vscode.commands.registerCommand(Commands.openLocation, async (uri: string, line: number, character: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const pos = new vscode.Position(line, character);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
  await client.start();
  output.info('Cloudline language server started');
  refreshStatus();
  return { view, report };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
