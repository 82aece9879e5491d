// The responsibility view: the workspace's resources grouped by service model, then service, with their findings; above
// them, the backlog: the standing findings in the remediation backlog's risk order.
import * as vscode from 'vscode';
import { Commands, type BacklogItem, type InventoryItem } from '../../server/src/protocol';
import { backlogRowText, backlogSummary } from './backlog';

type Node =
  | { kind: 'backlog'; items: BacklogItem[] }
  | { kind: 'backlogRow'; item: BacklogItem }
  | { kind: 'model'; model: string; items: InventoryItem[] }
  | { kind: 'service'; service: string; items: InventoryItem[] }
  | { kind: 'resource'; item: InventoryItem }
  | { kind: 'finding'; item: InventoryItem; finding: InventoryItem['findings'][number] };

const MODEL_ORDER = ['IaaS', 'PaaS', 'SaaS', 'Hybrid', 'Unclassified'];
const MODEL_LABEL: Record<string, string> = {
  IaaS: 'IaaS — you run the OS and up',
  PaaS: 'PaaS — you configure the platform',
  SaaS: 'SaaS — you own identities, settings, data',
  Hybrid: 'Hybrid — managed control plane, your workloads',
};

function count(items: readonly InventoryItem[]): number {
  return items.reduce((n, i) => n + i.findings.length, 0);
}

export class ResponsibilityView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  /** The inventory the tree shows (undefined until the view first asks), and its serialized form. */
  private items: InventoryItem[] | undefined;
  private backlog: BacklogItem[] = [];
  private shown = '';

  constructor(
    private readonly load: () => Promise<InventoryItem[]>,
    private readonly loadBacklog: () => Promise<BacklogItem[]>,
  ) {}

  /** The backlog rows as the view shows them (for tests through the extension's API). */
  backlogRows(): { readonly item: BacklogItem; readonly tree: vscode.TreeItem }[] {
    return this.backlog.map((item) => ({ item, tree: this.getTreeItem({ kind: 'backlogRow', item }) }));
  }

  /**
   * Reloads the inventory and redraws the tree only when it changed. Every redraw makes VS Code drop the tree's
   * elements; one that overlaps VS Code fetching an expanded node's children leaves that node open and empty ("No
   * tree item with id … found" in the extension host log), so a burst of identical redraws (diagnostics arrive file
   * by file during a scan) must not happen.
   */
  async refresh(): Promise<void> {
    if (this.items === undefined) return; // never shown: the first getChildren loads it
    let items: InventoryItem[];
    let backlog: BacklogItem[];
    try {
      [items, backlog] = await Promise.all([this.load(), this.loadBacklog()]);
    } catch {
      return; // the server is restarting; the next change refreshes
    }
    const serialized = JSON.stringify([items, backlog]);
    if (serialized === this.shown) return;
    this.items = items;
    this.backlog = backlog;
    this.shown = serialized;
    this.changed.fire(undefined);
  }

  /** Refreshes after diagnostics settle (they arrive file by file during a scan). */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (this.items === undefined) {
        [this.items, this.backlog] = await Promise.all([this.load(), this.loadBacklog()]);
        this.shown = JSON.stringify([this.items, this.backlog]);
      }
      const items = this.items;
      const models = [...new Set(items.map((i) => i.model))].sort((a, b) => MODEL_ORDER.indexOf(a) - MODEL_ORDER.indexOf(b));
      const byModel: Node[] = models.map((model) => ({ kind: 'model', model, items: items.filter((i) => i.model === model) }));
      return this.backlog.length ? [{ kind: 'backlog', items: this.backlog }, ...byModel] : byModel;
    }
    if (node.kind === 'backlog') return node.items.map((item) => ({ kind: 'backlogRow', item }));
    if (node.kind === 'model') {
      const services = [...new Set(node.items.map((i) => i.service))].sort();
      return services.map((service) => ({ kind: 'service', service, items: node.items.filter((i) => i.service === service) }));
    }
    if (node.kind === 'service') return node.items.map((item) => ({ kind: 'resource', item }));
    if (node.kind === 'resource') return node.item.findings.map((finding) => ({ kind: 'finding', item: node.item, finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'backlog': {
        const t = new vscode.TreeItem('Backlog — what to fix first', vscode.TreeItemCollapsibleState.Collapsed);
        t.id = 'cloudline.backlog';
        t.description = backlogSummary(node.items);
        t.iconPath = new vscode.ThemeIcon('list-ordered');
        t.tooltip = 'The standing findings in order of risk: severity, then exposure (network, identity and access, data stores), then blast radius (as in the responsibility report).';
        return t;
      }
      case 'backlogRow': {
        const i = node.item;
        const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri))}:${i.range.start.line + 1}`;
        const text = backlogRowText(i, where);
        const t = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
        t.description = text.description;
        t.tooltip = text.tooltip;
        t.iconPath = new vscode.ThemeIcon(i.fixable ? 'wrench' : i.severity === 'critical' || i.severity === 'high' ? 'error' : 'warning');
        t.command = { title: 'Go to finding', command: Commands.openLocation, arguments: [i.uri, i.range.start.line, i.range.start.character] };
        return t;
      }
      case 'model': {
        const t = new vscode.TreeItem(MODEL_LABEL[node.model] ?? node.model, vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${node.items.length} resource${node.items.length === 1 ? '' : 's'} · ${count(node.items)} finding${count(node.items) === 1 ? '' : 's'}`;
        return t;
      }
      case 'service': {
        const t = new vscode.TreeItem(node.service, vscode.TreeItemCollapsibleState.Expanded);
        t.description = `${count(node.items)} finding${count(node.items) === 1 ? '' : 's'}`;
        return t;
      }
      case 'resource': {
        const i = node.item;
        const t = new vscode.TreeItem(i.id, i.findings.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        t.description = `${i.type} · ${vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri))}`;
        t.iconPath = new vscode.ThemeIcon(i.findings.length ? 'warning' : 'pass');
        t.tooltip = `${i.type} in ${vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri))}: ${i.findings.length} customer-side finding${i.findings.length === 1 ? '' : 's'}`;
        t.command = { title: 'Go to resource', command: Commands.openLocation, arguments: [i.uri, i.range.start.line, i.range.start.character] };
        return t;
      }
      case 'finding': {
        const f = node.finding;
        const t = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.None);
        t.description = `${f.ruleId} · ${f.severity}`;
        t.iconPath = new vscode.ThemeIcon(f.severity === 'critical' || f.severity === 'high' ? 'error' : f.severity === 'medium' ? 'warning' : 'info');
        t.command = { title: 'Go to finding', command: Commands.openLocation, arguments: [node.item.uri, f.range.start.line, f.range.start.character] };
        return t;
      }
    }
  }
}
