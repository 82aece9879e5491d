// The protocol between the VS Code client (client/src) and the language server: request names, command IDs, view
// IDs and the types that cross the wire. The one module client/src imports from server/src (esbuild bundles it into
// both); test/unit/protocol-names.test.ts checks that these names are written nowhere else.

/** Custom requests the server answers. */
export const Requests = {
  /** Scans every workspace folder; answers a `ScanResult`. */
  scanWorkspace: 'cloudline/scanWorkspace',
  /** The resources of the scanned and open files; answers `InventoryItem[]`. */
  inventory: 'cloudline/inventory',
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
} as const;

/** IDs the client contributes in package.json. */
export const Views = {
  responsibility: 'cloudline.responsibility',
  statusItem: 'cloudline.status',
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
