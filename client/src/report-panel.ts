// "Cloudline: Show Responsibility Report": the server's report of a workspace folder in one webview panel (revealed
// and refreshed when the command runs again). The page allows only its own style and script, by a fresh nonce each
// time; it loads nothing (`localResourceRoots: []`), and its one script posts the location links clicked, which the
// extension checks (report-link.ts) before it opens anything. "Export…" saves the CLI's self-contained page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Requests, Views, type ReportAnswer, type ReportParams } from '../../server/src/protocol';
import { reportLinkTarget, type LinkTarget } from './report-link';

export const REPORT_TITLE = 'Cloudline Responsibility Report';

type Send = (params: ReportParams) => Promise<ReportAnswer>;

export class ReportPanel {
  private panel: vscode.WebviewPanel | undefined;
  /** The folder shown, and the report's files (names to URIs) whose links the page may follow. */
  private shown: { folder: string; files: Readonly<Record<string, string>> } | undefined;

  constructor(private readonly send: Send) {}

  /** The folder to report on: the only one, or the one the user picks; undefined when none is open or none picked. */
  private async pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      void vscode.window.showErrorMessage('Cloudline: open a folder to report on. The responsibility report covers the IaC files of a workspace folder.');
      return undefined;
    }
    if (folders.length === 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder to report on' });
  }

  /** Builds the report (the server scans the folder first if it has not) and shows it. */
  async show(): Promise<{ folder: string; title: string } | undefined> {
    const folder = await this.pickFolder();
    if (!folder) return undefined;
    const nonce = randomBytes(18).toString('base64');
    let answer: ReportAnswer;
    try {
      answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Cloudline: building the responsibility report' }, () =>
        this.send({ folder: folder.uri.toString(), nonce }),
      );
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message || 'Cloudline: the report could not be built.');
      return undefined;
    }
    const title = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${REPORT_TITLE}: ${folder.name}` : REPORT_TITLE;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(Views.reportPanel, title, vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        enableForms: false,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    } else {
      this.panel.title = title;
      this.panel.reveal();
    }
    this.shown = { folder: folder.uri.toString(), files: normalised(answer.files) };
    this.panel.webview.html = answer.html;
    return { folder: this.shown.folder, title };
  }

  /** The target of a message from the page, checked against the report's files and the workspace folders. */
  target(message: unknown): LinkTarget | undefined {
    if (!this.shown) return undefined;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    return reportLinkTarget(message, this.shown.files, folders);
  }

  /** Opens the file a link of the page names, at its position; anything else the page posts is ignored. */
  async open(message: unknown): Promise<vscode.TextEditor | undefined> {
    const target = this.target(message);
    if (!target) return undefined;
    const pos = new vscode.Position(target.line, target.character);
    return vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One, preview: false });
  }

  /** Saves the report of the folder shown (or picked) as the CLI's self-contained HTML page, where the user says. */
  async export(): Promise<vscode.Uri | undefined> {
    const folderUri = this.shown?.folder;
    const folder = folderUri ? vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderUri) : await this.pickFolder();
    if (!folder) return undefined;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder.uri, 'cloudline-report.html'),
      filters: { HTML: ['html'] },
      title: 'Save the Cloudline responsibility report',
    });
    if (!target) return undefined;
    try {
      const answer = await this.send({ folder: folder.uri.toString() });
      await vscode.workspace.fs.writeFile(target, Buffer.from(answer.html, 'utf8'));
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message || 'Cloudline: the report could not be saved.');
      return undefined;
    }
    void vscode.window.showInformationMessage(`Cloudline: report saved to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  }
}

/** The server's URIs as VS Code writes them (its encoding differs from Node's), so they compare with the folders'. */
function normalised(files: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, uri] of Object.entries(files)) out[name] = vscode.Uri.parse(uri).toString();
  return out;
}
