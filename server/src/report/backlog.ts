// The remediation backlog (issue 15): the findings that stand, ordered by risk. First severity; then exposure (a
// finding of the network layer: what it opens is reachable; then identity and access, credentials included; then a
// data store's finding); then blast radius (how many other findings sit on the resources it is linked to). A finding
// of the network layer on a resource linked to another finding ranks with it: the open security group in front of a
// public database is listed right after the database, at its rank, since closing either closes the path. Links are
// the references between resources the formats resolve (a database naming its security group, a security-group rule
// naming its group) and the `related` locations of cross-resource findings. Ties are broken by file, line, column,
// rule and resource, so the order is the same on every run. Pure functions: no I/O.
import type { Catalogue } from '../engine/catalogue';
import type { Finding, LintResult } from '../engine/lint';
import { severityRank, type Layer, type Rule, type Severity } from '../engine/rule';
import type { Resource } from '../formats/resource';
import type { LineIndex } from '../model/lines';
import type { Span } from '../model/tree';

/** How directly a finding exposes something: what ranks first at equal severity. */
export type Exposure = 'network' | 'identity' | 'data' | 'other';
export const EXPOSURES: readonly Exposure[] = ['network', 'identity', 'data', 'other'];

const EXPOSURE_TEXT: Record<Exposure, string> = {
  network: 'network exposure: it decides what is reachable, from the internet or the network',
  identity: 'identity and access: it decides who (or which credentials) may act',
  data: 'a data store: it holds the data itself',
  other: 'no direct exposure (not network, identity or a data store)',
};

/** Services whose resources hold data at rest (databases, object, file and block storage, caches, secret stores, streams). */
const DATA_STORE =
  /\b(S3|Glacier|RDS|DocumentDB|Redshift|DynamoDB|MemoryDB|Timestream|Keyspaces|FSx|Neptune|EFS|ElastiCache|OpenSearch|Backup|Kinesis|MSK|Secrets Manager|Parameter Store|KMS|Storage|SQL|Database|Cache for Redis|Key Vault|Cosmos DB|BigQuery|Key Management|storage|secrets and configuration)\b/;

/** Types that only glue others together on the network: a link through one of them counts (a rule → its group ← a database). */
const NETWORK_GLUE = /SecurityGroup|security_group|network_security_group|firewall/i;

/** A finding another one ranks with, as the row names it. */
export interface BacklogLink {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly resource: string;
  readonly severity: Severity;
}

export interface BacklogRow {
  /** 1-based place in the backlog. */
  readonly rank: number;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly exposure: Exposure;
  readonly layer: Layer;
  /** The service of the resource (responsibility data), if known. */
  readonly service?: string;
  /** Who acts: the rule's owner, and the customer's side of the line as the rule words it. */
  readonly owner: 'customer' | 'shared' | 'provider';
  readonly ownerText: string;
  readonly file: string;
  /** 1-based line and column of the value to change (or of the resource's name, for a missing setting). */
  readonly line: number;
  readonly column: number;
  readonly resource: { readonly id: string; readonly type: string };
  readonly message: string;
  readonly fixable: boolean;
  /** How many other standing findings sit on resources linked to this one. */
  readonly blastRadius: number;
  /** The finding this one ranks with (it makes that one reachable), if any. */
  readonly ranksWith?: BacklogLink;
  /** Why it is where it is, in a sentence. */
  readonly why: string;
}

export interface BacklogEntry {
  readonly finding: Finding;
  readonly result: LintResult;
  readonly row: BacklogRow;
}

function exposureOf(rule: Rule, service: string | undefined): Exposure {
  const layer = rule.responsibility.layer;
  if (layer === 'network') return 'network';
  if (layer === 'identity-and-access' || layer === 'secrets') return 'identity';
  if (layer === 'data-protection' || (service !== undefined && DATA_STORE.test(service))) return 'data';
  return 'other';
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareIds = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function position(lines: LineIndex, span: Span) {
  const p = lines.positionAt(span[0]);
  return { line: p.line + 1, column: p.character + 1 };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The scope resource IDs are resolved in: a Terraform module is its folder, a template or manifest its file. */
function scopeOf(format: Resource['format'], uri: string): string {
  if (format === 'terraform' || format === 'terraform-plan') return `${format === 'terraform-plan' ? uri : uri.replace(/[\\/][^\\/]*$/, '')}\u0000tf`;
  return `${uri}\u0000${format}`;
}

interface Item {
  readonly finding: Finding;
  readonly result: LintResult;
  readonly key: string;
  readonly sev: number;
  readonly exposure: Exposure;
  readonly exposureRank: number;
  readonly service?: string;
  readonly line: number;
  readonly column: number;
  readonly linked: Set<string>;
  blast: number;
  anchor?: Item;
}

/** `a` before `b` on risk: severity, then exposure. */
function compareRisk(a: Item, b: Item): number {
  return b.sev - a.sev || a.exposureRank - b.exposureRank;
}

/** `a` before `b` on their own: risk, then blast radius, then place (file, line, column, rule, resource). */
function compareOwn(a: Item, b: Item): number {
  return compareRisk(a, b) || b.blast - a.blast || comparePlace(a, b);
}

function comparePlace(a: Item, b: Item): number {
  return (
    byText(a.result.file.uri, b.result.file.uri) ||
    a.line - b.line ||
    a.column - b.column ||
    compareIds(a.finding.rule.id, b.finding.rule.id) ||
    byText(a.finding.resource.id, b.finding.resource.id)
  );
}

/**
 * The standing findings of the results, ordered by risk, each with the sentence that says why it is there. Suppressed
 * findings are not in the backlog (they are accepted: the evidence lists them).
 */
export function buildBacklog(results: readonly LintResult[], catalogue: Catalogue): BacklogEntry[] {
  // Resources by scope and ID, and the links between them (both ways).
  const resourceKey = (scope: string, id: string) => `${scope}\u0000${id}`;
  const byId = new Map<string, Resource>();
  for (const result of results) for (const r of result.resources) if (!r.template) byId.set(resourceKey(scopeOf(r.format, result.file.uri), r.id), r);
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    (links.get(a) ?? links.set(a, new Set()).get(a)!).add(b);
    (links.get(b) ?? links.set(b, new Set()).get(b)!).add(a);
  };
  const typeOf = new Map<string, string>();
  for (const result of results) {
    for (const r of result.resources) {
      if (r.template) continue;
      const scope = scopeOf(r.format, result.file.uri);
      const from = resourceKey(scope, r.id);
      typeOf.set(from, r.type);
      let refs: string[] = [];
      try {
        refs = r.references();
      } catch {
        refs = [];
      }
      for (const id of refs) if (byId.has(resourceKey(scope, id))) link(from, resourceKey(scope, id));
    }
  }
  // A finding's related locations link its resource to the resources they fall in.
  const resourcesByFile = new Map<string, { key: string; span: Span }[]>();
  for (const result of results) {
    resourcesByFile.set(
      result.file.uri,
      result.resources.filter((r) => !r.template).map((r) => ({ key: resourceKey(scopeOf(r.format, result.file.uri), r.id), span: r.node.span })),
    );
  }
  const findingKey = (result: LintResult, f: Finding) => resourceKey(scopeOf(f.resource.format, result.file.uri), f.resource.id);
  for (const result of results) {
    for (const f of result.findings) {
      for (const rel of f.related) {
        // The innermost resource that holds the related span.
        const holders = (resourcesByFile.get(rel.uri) ?? []).filter((h) => h.span[0] <= rel.span[0] && rel.span[1] <= h.span[1]);
        holders.sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]));
        if (holders[0]) link(findingKey(result, f), holders[0].key);
      }
    }
  }
  /** Resources linked to `key`: directly, or through a security group (or firewall) between them. */
  const neighbours = (key: string): Set<string> => {
    const out = new Set<string>();
    for (const n of links.get(key) ?? []) {
      out.add(n);
      if (NETWORK_GLUE.test(typeOf.get(n) ?? '')) for (const m of links.get(n) ?? []) if (m !== key) out.add(m);
    }
    return out;
  };

  const items: Item[] = [];
  const byResource = new Map<string, Item[]>();
  for (const result of results) {
    for (const finding of result.findings) {
      const service = catalogue.service(finding.resource.format, finding.resource.type)?.service;
      const exposure = exposureOf(finding.rule, service);
      const key = findingKey(result, finding);
      const item: Item = {
        finding,
        result,
        key,
        sev: severityRank(finding.severity),
        exposure,
        exposureRank: EXPOSURES.indexOf(exposure),
        service,
        ...position(result.file.lines, finding.span),
        linked: neighbours(key),
        blast: 0,
      };
      items.push(item);
      (byResource.get(key) ?? byResource.set(key, []).get(key)!).push(item);
    }
  }
  const linkedFindings = new Map<Item, Item[]>();
  for (const item of items) {
    const others = [...item.linked].flatMap((k) => byResource.get(k) ?? []);
    linkedFindings.set(item, others);
    item.blast = others.length;
  }
  // A network finding makes the findings of the resources it is linked to reachable: it ranks with the worst of them
  // when that one comes first (strictly: the anchor precedes it in a total order, so anchors never loop).
  for (const item of items) {
    if (item.exposure !== 'network') continue;
    const worst = [...linkedFindings.get(item)!].sort(compareOwn)[0];
    if (worst && compareOwn(worst, item) < 0) item.anchor = worst;
  }
  const lead = (i: Item): Item => {
    let l = i;
    while (l.anchor) l = l.anchor;
    return l;
  };
  items.sort(
    (a, b) =>
      // The group's lead's place; within the group, the lead, then what ranks with it in its own order.
      compareOwn(lead(a), lead(b)) || (a === lead(a) ? 0 : 1) - (b === lead(b) ? 0 : 1) || compareOwn(a, b),
  );
  // Equal risk and radius are said as ties broken by place.
  return items.map((item, i) => {
    const f = item.finding;
    const rule = f.rule;
    const anchor = item.anchor;
    const ranksWith: BacklogLink | undefined = anchor
      ? { ruleId: anchor.finding.rule.id, file: anchor.result.file.uri, line: anchor.line, resource: anchor.finding.resource.id, severity: anchor.finding.severity }
      : undefined;
    const radius = item.blast
      ? `; ${plural(item.blast, 'other finding')} on ${item.blast === 1 ? 'a resource' : 'resources'} linked to it`
      : '';
    const lifted = anchor && compareRisk(anchor, item) < 0;
    const why = ranksWith
      ? `Ranks with ${ranksWith.ruleId} on ${ranksWith.resource} (${ranksWith.severity}, ${ranksWith.file}:${ranksWith.line}): ` +
        (lifted
          ? `this ${f.severity} network finding is linked to that resource and makes it reachable, so it is raised to its rank`
          : `both are on the same network path (${f.severity}, ${EXPOSURE_TEXT.network.split(':')[0]}), so closing either closes it`) +
        `${radius}.`
      : `${capital(f.severity)} severity; ${EXPOSURE_TEXT[item.exposure]}${radius}.`;
    const row: BacklogRow = {
      rank: i + 1,
      ruleId: rule.id,
      title: rule.title,
      severity: f.severity,
      exposure: item.exposure,
      layer: rule.responsibility.layer,
      ...(item.service !== undefined ? { service: item.service } : {}),
      owner: rule.responsibility.owner,
      ownerText: rule.responsibility.customer,
      file: item.result.file.uri,
      line: item.line,
      column: item.column,
      resource: { id: f.resource.id, type: f.resource.type },
      message: f.message,
      fixable: f.fixes.length > 0,
      blastRadius: item.blast,
      ...(ranksWith ? { ranksWith } : {}),
      why,
    };
    return { finding: f, result: item.result, row };
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
