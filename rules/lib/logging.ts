// Logging and resilience knowledge shared by the logging rules (CL-AWS-180 on): which engines take IAM database
// authentication, the "the exports list must name this log type" check the DocumentDB and Neptune audit-log rules
// share, how a CloudTrail trail selects S3 data events, and SAM Globals lookups.
import { addPath, appendItem, type CheckContext, get, keyNode, type Resource, type Val } from '../kit';

/**
 * The RDS engines that support IAM database authentication: MySQL, PostgreSQL, their Aurora editions, and MariaDB from
 * 10.11 (RDS for MariaDB 10.4 to 10.6 have no IAM authentication). A MariaDB version that is not written is the
 * current default, which supports it; one that is not known is left alone.
 */
export function iamAuthEngine(engine: Val, version: Val): boolean {
  const e = engine.str()?.toLowerCase();
  if (e === undefined) return false;
  if (e === 'mariadb') {
    if (version.isAbsent) return true;
    const m = /^(\d+)\.(\d+)/.exec(version.str() ?? '');
    if (!m) return false;
    const major = Number(m[1]);
    return major > 10 || (major === 10 && Number(m[2]) >= 11);
  }
  return e === 'mysql' || e === 'postgres' || e === 'aurora' || e === 'aurora-mysql' || e === 'aurora-postgresql';
}

/**
 * An Aurora DB instance (a `DBClusterIdentifier`, or an `aurora*` engine): settings such as IAM authentication and
 * log exports are its cluster's, not its own.
 */
export function auroraInstance(r: Resource, clusterKey: string | undefined, engineKey: string): boolean {
  if (clusterKey && !r.body.get(clusterKey).isAbsent) return true;
  return r.body.get(engineKey).some((e) => (e.str() ?? '').toLowerCase().startsWith('aurora'));
}

export interface ExportSpec {
  /** `DocumentDB cluster`. */
  readonly subject: string;
  /** The exports list's key. */
  readonly key: string;
  /** The log type that must be in it. */
  readonly log: string;
  /** What follows when it is not, as a clause. */
  readonly consequence: string;
}

/**
 * Reports a cluster whose CloudWatch Logs exports list lacks `spec.log`: at the resource when the list is absent
 * (the fix adds `[log]`), at the list's key when it is written without it (an empty list at the list; the fix appends it to a list written in place).
 * Unknown lists and unknown items are never reported.
 */
export function exportCheck(spec: ExportSpec) {
  return (r: Resource, ctx: CheckContext): void => {
    const v = r.body.get(spec.key);
    const bad = v.find((x) => x.isAbsent || (x.isSeq && !x.items().some((i) => i.isUnknown || i.str() === spec.log)));
    if (!bad) return;
    if (bad.isAbsent) {
      const single = v.alts.length === 1;
      ctx.report(single ? r.anchor : bad, `${spec.subject} ${r.id} does not set ${spec.key}, ${spec.consequence}.`, {
        fix: { title: `Add ${spec.key} with ${spec.log}`, edits: single ? addPath(ctx.edits, r, [spec.key], [spec.log]) : undefined },
      });
      return;
    }
    const listed = bad.strings();
    const shown = listed.length ? `[${listed.join(', ')}]` : 'an empty list';
    const single = v.alts.length === 1;
    // Appended to the list as written (a YAML block or flow list, JSON, HCL), in its style.
    const edits = single ? appendItem(ctx.edits, bad, spec.log) : undefined;
    // A written list is reported at its key (a YAML block list spans several lines); a branch at the branch.
    const at = single && bad.items().length > 0 ? (keyNode(r.body, spec.key) ?? bad) : bad;
    ctx.report(at, `${spec.subject} ${r.id} sets ${spec.key} to ${shown} without ${spec.log}, ${spec.consequence}.`, {
      fix: { title: `Add ${spec.log} to ${spec.key}`, edits },
    });
  };
}

/** The keys of a CloudTrail trail's event selectors, per format. */
export interface TrailKeys {
  readonly selectors: string;
  readonly dataResources: string;
  readonly type: string;
  readonly advanced: string;
  readonly fieldSelectors: string;
  readonly field: string;
  readonly equals: string;
}

export const TRAIL_KEYS: Record<'cloudformation' | 'terraform', TrailKeys> = {
  cloudformation: {
    selectors: 'EventSelectors',
    dataResources: 'DataResources',
    type: 'Type',
    advanced: 'AdvancedEventSelectors',
    fieldSelectors: 'FieldSelectors',
    field: 'Field',
    equals: 'Equals',
  },
  terraform: {
    selectors: 'event_selector',
    dataResources: 'data_resource',
    type: 'type',
    advanced: 'advanced_event_selector',
    fieldSelectors: 'field_selector',
    field: 'field',
    equals: 'equals',
  },
};

/** The items of a list or block at `key` under each of `parents`; undefined when one of them is unknown. */
function under(parents: readonly Val[], key: string): Val[] | undefined {
  const out: Val[] = [];
  for (const p of parents) {
    const v = p.get(key);
    if (v.some((x) => x.isUnknown)) return undefined;
    for (const item of v.list()) {
      if (item.isUnknown) return undefined;
      out.push(item);
    }
  }
  return out;
}

/**
 * Whether a trail logs S3 object-level data events (a basic selector's data resource of type `AWS::S3::Object`, or an
 * advanced selector whose `resources.type` equals it): 'yes', 'no', or 'unknown' when a selector is not known.
 */
export function s3DataEvents(r: Resource, k: TrailKeys): 'yes' | 'no' | 'unknown' {
  if (r.format === 'terraform' && (!r.body.get('dynamic').get(k.selectors).isAbsent || !r.body.get('dynamic').get(k.advanced).isAbsent)) return 'unknown';
  const resources = under(under([r.body], k.selectors) ?? [], k.dataResources);
  const fields = under(under([r.body], k.advanced) ?? [], k.fieldSelectors);
  if (!resources || !fields || !under([r.body], k.selectors) || !under([r.body], k.advanced)) return 'unknown';
  let unknown = false;
  for (const d of resources) {
    const t = d.get(k.type);
    if (t.isUnknown) unknown = true;
    else if (t.some((x) => x.str() === 'AWS::S3::Object')) return 'yes';
  }
  for (const f of fields) {
    const field = f.get(k.field);
    const equals = f.get(k.equals);
    if (field.isUnknown) {
      unknown = true;
      continue;
    }
    if (field.str() !== 'resources.type') continue;
    if (equals.isUnknown || equals.items().some((e) => e.isUnknown)) unknown = true;
    else if (equals.some((e) => e.strings().includes('AWS::S3::Object'))) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

/**
 * True when the template's SAM `Globals.<section>` writes `key` (a SAM resource that does not write it inherits it):
 * a check that calls this reads the document, so it declares `reads: 'scope'`.
 */
export function samGlobal(r: Resource, section: string, key: string): boolean {
  return get(get(get(r.doc.doc.root, 'Globals'), section), key) !== undefined;
}
