// Commands the server runs itself (`workspace/executeCommand`) for a client that is not our VS Code client: Neovim,
// Helix, Emacs and any other plain LSP client. Our VS Code client registers these commands itself (it announces
// `applySnippet`), so the server does not claim them there: the language client would register them a second time.
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ResponseError, type ExecuteCommandParams, type ShowDocumentParams } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import { Commands } from '../protocol';

/** The commands a plain client runs through `workspace/executeCommand` (none for our VS Code client). */
export function serverCommands(ours: boolean): string[] {
  return ours ? [] : [Commands.showRuleDocumentation];
}

export interface CommandHost {
  readonly catalogue: Catalogue;
  /** The URL of a rule's page (the bundled Markdown page, offline). */
  readonly docUri: (slug: string) => string;
  /** The client opens documents the server names (`window.showDocument.support`). */
  readonly showDocument: boolean;
  /** Sends `window/showDocument`: true when the client opened it. */
  open(params: ShowDocumentParams): Promise<boolean>;
  /** Sends `window/showMessage` (information). */
  message(text: string): void;
}

/**
 * Runs a server command. `cloudline.showRuleDocumentation (idOrSlug)` asks the client to open the rule's page
 * (`window/showDocument`); a client that cannot, or did not, is told where the page is (`window/showMessage`).
 */
export async function executeCommand(params: ExecuteCommandParams, host: CommandHost): Promise<null | ResponseError<void>> {
  if (params.command !== Commands.showRuleDocumentation) return new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${params.command}`);
  const arg = params.arguments?.[0];
  const rule = typeof arg === 'string' ? host.catalogue.rule(arg) : undefined;
  if (!rule) return new ResponseError(ErrorCodes.InvalidParams, `${Commands.showRuleDocumentation} needs a rule ID or slug, not ${JSON.stringify(arg ?? null)}`);
  const uri = host.docUri(rule.slug);
  if (host.showDocument && (await host.open({ uri, takeFocus: true }).catch(() => false))) return null;
  host.message(`${rule.id} ${rule.title}: ${uri.startsWith('file:') ? fileURLToPath(uri) : uri}`);
  return null;
}
