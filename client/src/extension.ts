// Thin VS Code client: starts the Cloudline language server and registers the commands it needs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Cloudline', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
    ],
    outputChannel: output,
    synchronize: { configurationSection: 'cloudline' },
  };
  client = new LanguageClient('cloudline', 'Cloudline', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('cloudline.showRuleDocumentation', async (slug?: string) => {
      const docs = context.asAbsolutePath(path.join('dist', 'docs'));
      let chosen = slug;
      if (!chosen) {
        const pages = await vscode.workspace.fs.readDirectory(vscode.Uri.file(docs));
        chosen = await vscode.window.showQuickPick(pages.map(([name]) => name.replace(/\.md$/, '')).sort(), { placeHolder: 'Cloudline rule' });
      }
      if (!chosen) return;
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(docs, `${chosen}.md`)));
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
