// The workspace view: scanning folders for IaC files, keeping their results current, CodeLens and the inventory.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import type { Catalogue } from '../engine/catalogue';
import type { Options } from '../engine/config';
import type { ScanFs, Unread } from '../engine/files';
import type { Finding, LintResult } from '../engine/lint';
import { scan } from '../engine/scan';
import { toRange } from './diagnostics';
import type { InventoryItem } from '../protocol';
import { isPseudoResource, type Resource } from '../formats/resource';

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
 * findings opens the Problems view; other clients get the title only (no VS Code command they could not run). The
 * count is what the Problems panel lists: findings `.cloudline.yaml`'s baseline holds (`baselined`) are hints or
 * hidden (`cloudline.baselineFindings`), neither of which the panel lists, so they are left out of the count and said
 * after it (`1 customer-side finding (2 more in the baseline)`, `no customer-side findings (2 in the baseline)`).
 */
export function codeLenses(result: LintResult, catalogue: Catalogue, ours = true, baselined?: ReadonlySet<Finding>): CodeLens[] {
  // The findings by resource ID, grouped once (a lens per resource must not walk every finding: n² on large files).
  const byResource = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byResource.get(f.resource.id);
    if (list) list.push(f);
    else byResource.set(f.resource.id, [f]);
  }
  /** The findings of the resources `ids` names, as the lens says them, and how many the Problems panel lists. */
  const count = (ids: Iterable<string>): { n: number; text: string } => {
    const all = [...ids].flatMap((id) => byResource.get(id) ?? []);
    const inBaseline = baselined ? all.filter((f) => baselined.has(f)).length : 0;
    const n = all.length - inBaseline;
    const findings = n === 0 ? 'no customer-side findings' : `${n} customer-side finding${n === 1 ? '' : 's'}`;
    return { n, text: `${findings}${inBaseline === 0 ? '' : ` (${inBaseline}${n ? ' more' : ''} in the baseline)`}` };
  };
  const lens = (at: number, title: string, n: number): CodeLens => ({
    range: toRange(result.file.lines, [at, at]),
    command: { title, command: n && ours ? 'workbench.actions.view.problems' : '' },
  });
  // The resources read from one registry module block (formats/terraform-modules.ts) share one lens at its name.
  const modules = new Map<number, { registry: string; ids: Set<string> }>();
  for (const r of result.resources) {
    if (!r.module) continue;
    const m = modules.get(r.anchor.span[0]) ?? { registry: r.module.registry, ids: new Set<string>() };
    m.ids.add(r.id);
    modules.set(r.anchor.span[0], m);
  }
  const lenses = result.resources
    .filter((r) => !isPseudoResource(r) && !r.module)
    .map((r) => {
      const service = catalogue.service(r.format, r.type);
      const c = count([r.id]);
      // Kubernetes objects start at their document; the others at their name.
      const at = r.format === 'kubernetes' ? r.node.span[0] : r.anchor.span[0];
      return lens(at, `${service?.model ?? '?'}${service ? ` · ${service.service}` : ''} · ${c.text}`, c.n);
    });
  if (modules.size === 0) return lenses;
  for (const [at, m] of modules) {
    const c = count(m.ids);
    lenses.push(lens(at, `${m.registry} · read as ${m.ids.size} resource${m.ids.size === 1 ? '' : 's'} · ${c.text}`, c.n));
  }
  const start = (l: CodeLens) => l.range.start.line * 1e6 + l.range.start.character;
  return lenses.sort((a, b) => start(a) - start(b));
}

export function inventory(results: Iterable<LintResult>, catalogue: Catalogue): InventoryItem[] {
  const out: InventoryItem[] = [];
  for (const result of results) {
    for (const r of result.resources) {
      if (isPseudoResource(r)) continue;
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
