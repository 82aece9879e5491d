// The protocol between the VS Code client (client/src) and the language server: request names, command IDs, view
// IDs and the types that cross the wire. The one module client/src imports from server/src (esbuild bundles it into
// both); test/unit/protocol-names.test.ts checks that these names are written nowhere else.
import type { Report } from './report/report';

/** Custom requests the server answers. */
export const Requests = {
  /** Scans every workspace folder; answers a `ScanResult`. */
  scanWorkspace: 'cloudline/scanWorkspace',
  /** The resources of the scanned and open files; answers `InventoryItem[]`. */
  inventory: 'cloudline/inventory',
  /** The responsibility report of a workspace folder (`ReportParams`); answers `ReportAnswer`. */
  report: 'cloudline/report',
  /** The standing findings of the scanned and open files in the backlog's risk order; answers `BacklogItem[]`. */
  backlog: 'cloudline/backlog',
} as const;

/** Commands the client registers (the server sends the first two in diagnostics and code actions). */
export const Commands = {
  /** `(slug: string)`: opens a rule's documentation page. */
  showRuleDocumentation: 'cloudline.showRuleDocumentation',
  /** `(uri, version, range, snippet)`: inserts a snippet fix (only clients that announce `applySnippet`). */
  applySnippet: 'cloudline.applySnippet',
  scanWorkspace: 'cloudline.scanWorkspace',
  refreshResponsibilityView: 'cloudline.refreshResponsibilityView',
  /** `(uri, line, character)`: reveals a position (the responsibility view's items). */
  openLocation: 'cloudline.openLocation',
  /** Opens the responsibility report of the workspace in a webview panel. */
  showResponsibilityReport: 'cloudline.showResponsibilityReport',
  /** Saves the report the panel shows as a self-contained HTML file. */
  exportResponsibilityReport: 'cloudline.exportResponsibilityReport',
} as const;

/** IDs the client contributes in package.json. */
export const Views = {
  responsibility: 'cloudline.responsibility',
  statusItem: 'cloudline.status',
  /** The webview panel (its view type) that shows the responsibility report. */
  reportPanel: 'cloudline.report',
} as const;

/** The settings section (`cloudline.*`) the server asks the client for. */
export const SETTINGS_SECTION = 'cloudline';

/** The `initializationOptions` a client sends to say it runs `Commands.applySnippet`. */
export interface InitializationOptions {
  readonly cloudline?: { readonly applySnippet?: boolean };
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** One resource of the inventory the responsibility view shows (the answer to `Requests.inventory`). */
export interface InventoryItem {
  readonly uri: string;
  readonly id: string;
  readonly type: string;
  readonly format: string;
  readonly service: string;
  readonly model: string;
  readonly range: Range;
  readonly findings: readonly { readonly ruleId: string; readonly title: string; readonly severity: string; readonly range: Range }[];
}

/** The answer to `Requests.scanWorkspace`. */
export interface ScanResult {
  /** IaC files linted. */
  readonly files: number;
  readonly findings: number;
  readonly cancelled: boolean;
  /** Files that could not be read (listed in the server's log). */
  readonly unread: number;
}

/** The parameters of `Requests.report`. */
export interface ReportParams {
  /** The workspace folder (URI); may be left out when there is exactly one. */
  readonly folder?: string;
  /**
   * A nonce for the editor's webview: the page then allows only its own style and script (with that nonce), and its
   * file locations are links the script posts to the extension. Without it: the CLI's self-contained page.
   */
  readonly nonce?: string;
}

/** The answer to `Requests.report`. */
export interface ReportAnswer {
  /** The folder reported on (URI). */
  readonly folder: string;
  readonly html: string;
  /** The report's model (docs/report.md, docs/schemas/report.schema.json); its files are relative to the folder. */
  readonly report: Report;
  /** Each file the report names (as it names it) and its URI: the only files a link in the page may open. */
  readonly files: Readonly<Record<string, string>>;
}

/** A standing finding in the backlog's risk order (the answer to `Requests.backlog`). */
export interface BacklogItem {
  readonly rank: number;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  readonly resource: string;
  readonly resourceType: string;
  readonly uri: string;
  readonly range: Range;
  /** Why it is at this place (the backlog's reason). */
  readonly why: string;
  readonly owner: 'customer' | 'shared' | 'provider';
  readonly fixable: boolean;
  /** The baseline of the folder's `.cloudline.yaml` holds it (shown only with `cloudline.baselineFindings: hint`). */
  readonly baselined: boolean;
}
