// The workspace view: scanning folders for IaC files, keeping their results current, CodeLens and the inventory.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import type { Options } from '../engine/config';
import type { ScanFs, Unread } from '../engine/files';
import type { LintResult } from '../engine/lint';
import { scan } from '../engine/scan';
import { toRange } from './diagnostics';
import type { InventoryItem } from '../protocol';
import type { Resource } from '../formats/resource';

export interface ScanProgress {
  report(done: number, total: number, file: string): void;
  readonly cancelled: boolean;
}

/**
 * Reads and lints every IaC file under `folder` (cross-file checks see them all), yielding to the event loop between
 * files so the editor's requests are answered during the scan. Symbolic links leading out of the folder are not
 * followed. Undefined when cancelled; `unread` names (by URI) what could not be read.
 */
export async function scanFolder(
  folder: string,
  catalogue: Catalogue,
  options: Options,
  progress: ScanProgress,
  fs?: ScanFs,
): Promise<{ results: LintResult[]; unread: Unread[] } | undefined> {
  const outcome = await scan([folder], catalogue, options, {
    exclude: options.exclude,
    base: folder,
    name: (path) => pathToFileURL(path).toString(),
    progress: (done, total, file) => {
      if (done < total) progress.report(done, total, file);
    },
    cancelled: () => progress.cancelled,
    cooperative: true,
    fs,
  });
  return outcome.cancelled ? undefined : { results: outcome.results, unread: outcome.unread };
}

/** The path of a `file:` URI, or undefined for other schemes. */
export function uriPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CodeLens above each resource: its service model and its open findings. In our VS Code client (`ours`) a lens with
 * findings opens the Problems view; other clients get the title only (no VS Code command they could not run).
 */
export function codeLenses(result: LintResult, catalogue: Catalogue, ours = true): CodeLens[] {
  // The resources read from one registry module block (formats/terraform-modules.ts) share one lens at its name.
  const modules = new Map<number, { name: string; registry: string; ids: Set<string> }>();
  for (const r of result.resources) {
    if (!r.module) continue;
    const m = modules.get(r.anchor.span[0]) ?? { name: r.module.name, registry: r.module.registry, ids: new Set<string>() };
    m.ids.add(r.id);
    modules.set(r.anchor.span[0], m);
  }
  const moduleLenses = [...modules].map(([at, m]): CodeLens => {
    const n = result.findings.filter((f) => m.ids.has(f.resource.id)).length;
    const findings = n === 0 ? 'no customer-side findings' : `${n} customer-side finding${n === 1 ? '' : 's'}`;
    return {
      range: toRange(result.file.lines, [at, at]),
      command: { title: `${m.registry} · read as ${m.ids.size} resource${m.ids.size === 1 ? '' : 's'} · ${findings}`, command: n && ours ? 'workbench.actions.view.problems' : '' },
    };
  });
  const lenses = codeLensesOf(result.resources.filter((r) => !r.module), result, catalogue, ours);
  if (moduleLenses.length === 0) return lenses;
  const start = (l: CodeLens) => l.range.start.line * 1e6 + l.range.start.character;
  return [...lenses, ...moduleLenses].sort((a, b) => start(a) - start(b));
}

function codeLensesOf(resources: readonly Resource[], result: LintResult, catalogue: Catalogue, ours: boolean): CodeLens[] {
  return resources.filter((r) => !r.template).map((r) => {
    const service = catalogue.service(r.format, r.type);
    const n = result.findings.filter((f) => f.resource.id === r.id).length;
    const model = service?.model ?? '?';
    const findings = n === 0 ? 'no customer-side findings' : `${n} customer-side finding${n === 1 ? '' : 's'}`;
    // Kubernetes objects start at their document; the others at their name.
    const at = r.format === 'kubernetes' ? r.node.span[0] : r.anchor.span[0];
    return {
      range: toRange(result.file.lines, [at, at]),
      command: { title: `${model}${service ? ` · ${service.service}` : ''} · ${findings}`, command: n && ours ? 'workbench.actions.view.problems' : '' },
    };
  });
}

export function inventory(results: Iterable<LintResult>, catalogue: Catalogue): InventoryItem[] {
  const out: InventoryItem[] = [];
  for (const result of results) {
    for (const r of result.resources) {
      if (r.template) continue;
      const service = catalogue.service(r.format, r.type);
      out.push({
        uri: result.file.uri,
        id: r.id,
        type: r.type,
        format: r.format,
        service: service?.service ?? 'Other',
        model: service?.model ?? 'Unclassified',
        range: toRange(result.file.lines, r.anchor.span),
        findings: result.findings
          .filter((f) => f.resource.id === r.id)
          .map((f) => ({ ruleId: f.rule.id, title: f.rule.title, severity: f.severity, range: toRange(result.file.lines, f.span) })),
      });
    }
  }
  return out;
}
