// Helpers shared by the AWS data-protection rules (CL-AWS-054 … CL-AWS-070): settings that must be true,
// blocks that may be missing, and fixes that add the missing key (and its parent block) in the file's style.
import type { CheckContext } from '../../server/src/engine/rule';
import type { Edits, Plain, TextEdit } from '../../server/src/engine/edits';
import type { Resource } from '../../server/src/formats/resource';
import type { Val } from '../../server/src/formats/value';
import { getPair, type Node } from '../../server/src/model/tree';

/** Anything that can report a finding for one resource (a check's context, or a project check bound to a resource). */
export interface Reporter {
  report: CheckContext['report'];
  readonly edits: Edits;
}

/** The key node of `key` in the mapping `parent` (to point at a block that lacks a setting), else undefined. */
export function keyNode(parent: Val, key: string): Node | undefined {
  const n = parent.node;
  return n?.kind === 'map' ? getPair(n, key)?.key : undefined;
}

/**
 * Edits that add `key: value` to the mapping `parent`, only when that mapping is written in place (not a
 * branch of `Fn::If`). For a CloudFormation resource without `Properties`, adds `Properties: {key: value}`.
 */
export function addSetting(edits: Edits, r: Resource, parent: Val, key: string, value: Plain): TextEdit[] | undefined {
  if (parent === r.body && r.body.isAbsent) {
    if (r.format !== 'cloudformation' || getPair(r.node, 'Properties')) return undefined;
    const e = edits.addPair(r.node, 'Properties', { [key]: value });
    return e.length ? e : undefined;
  }
  const n = parent.node;
  if (!n || n.kind !== 'map' || n !== parent.at || parent.when.length > 0) return undefined;
  const e = edits.addPair(n, key, value);
  return e.length ? e : undefined;
}

/** The known mappings of a nested block: a CloudFormation property (per `Fn::If` branch) or a Terraform block (object or list). */
export function blocks(parent: Val, key: string): Val[] {
  return parent.get(key).each().flatMap((alt) => alt.list()).filter((b) => b.isMap);
}

/** True when the known string value is one of `values` (case-insensitive). */
export function isOneOf(v: Val, ...values: string[]): boolean {
  const s = v.str()?.toLowerCase();
  return s !== undefined && values.some((x) => x.toLowerCase() === s);
}

/** A value that is set to something (known or unknown): neither absent nor an empty string or empty list. */
export function isSet(v: Val): boolean {
  if (v.isAbsent) return false;
  if (v.isUnknown) return true;
  if (v.str() === '') return false;
  if (v.isSeq && v.items().length === 0 && v.node?.kind === 'seq' && v.node.items.length === 0) return false;
  return true;
}

export interface RequireTrue {
  /** The mapping that holds the setting (a resource body or a nested block). */
  readonly parent: Val;
  readonly key: string;
  /** Where to point when the setting is missing: a block's key, the logical ID, the Terraform name. */
  readonly anchor: Node;
  /** Report the setting when it is absent (its default is insecure). */
  readonly absentIsBad: boolean;
  /** Message for `false`, and for a missing setting. */
  readonly whenFalse: string;
  readonly whenAbsent: string;
  /** Fix titles; a fix is offered only where the value is written in place. */
  readonly setTitle?: string;
  readonly addTitle?: string;
}

/**
 * Reports a boolean setting that must be true: each `Fn::If` branch that is false (at the value), or the
 * setting missing (at `anchor`) when its default is insecure. Unknown values are never reported.
 */
export function requireTrue(rep: Reporter, r: Resource, spec: RequireTrue): void {
  const value = spec.parent.get(spec.key);
  for (const alt of value.each()) {
    if (alt.isFalse()) {
      const edits = spec.setTitle ? rep.edits.setValue(alt, true) : undefined;
      rep.report(alt, spec.whenFalse, { fix: edits && { title: spec.setTitle!, edits } });
    } else if (alt.isAbsent && spec.absentIsBad) {
      // Adding the key is only safe where it is not written at all (not where a branch yields AWS::NoValue).
      const written = keyNode(spec.parent, spec.key) !== undefined;
      const edits = spec.addTitle && !written ? addSetting(rep.edits, r, spec.parent, spec.key, true) : undefined;
      rep.report(missingAt(alt, spec.anchor), spec.whenAbsent, { fix: edits && { title: spec.addTitle!, edits } });
    }
  }
}

/**
 * A block that must exist and hold `key: true` (`EncryptionAtRestOptions: {Enabled: true}`,
 * `encrypt_at_rest { enabled = true }`). A missing block is reported at the resource anchor and fixed by
 * adding the whole block; a block without the key is reported at the block's key.
 */
export function requireBlockTrue(
  rep: Reporter,
  r: Resource,
  spec: {
    readonly block: string;
    readonly key: string;
    /** The setting is insecure when the block exists but lacks the key (CloudFormation); false where the block's default is secure. */
    readonly absentKeyIsBad: boolean;
    readonly whenFalse: string;
    readonly whenBlockAbsent: string;
    readonly whenKeyAbsent: string;
    readonly setTitle: string;
    readonly addTitle: string;
  },
): void {
  const blockVal = r.body.get(spec.block);
  for (const alt of blockVal.each()) {
    if (alt.isAbsent) {
      const written = keyNode(r.body, spec.block) !== undefined;
      const edits = written ? undefined : addSetting(rep.edits, r, r.body, spec.block, { [spec.key]: true });
      rep.report(missingAt(alt, r.anchor), spec.whenBlockAbsent, { fix: edits && { title: spec.addTitle, edits } });
      continue;
    }
    const items = alt.list();
    // An empty Terraform block list (`[]`) is no block at all.
    if (alt.isSeq && items.length === 0 && alt.node?.kind === 'seq' && alt.node.items.length === 0) {
      rep.report(r.anchor, spec.whenBlockAbsent);
      continue;
    }
    for (const b of items) {
      if (!b.isMap) continue;
      requireTrue(rep, r, {
        parent: b,
        key: spec.key,
        anchor: keyNode(r.body, spec.block) ?? r.anchor,
        absentIsBad: spec.absentKeyIsBad,
        whenFalse: spec.whenFalse,
        whenAbsent: spec.whenKeyAbsent,
        setTitle: spec.setTitle,
        addTitle: spec.addTitle,
      });
    }
  }
}

/**
 * Where to report a setting that is missing: the `Fn::If` branch that leaves it out (so the finding carries the
 * branch's condition), else `anchor`.
 */
export function missingAt(alt: Val, anchor: Node): Val | Node {
  return alt.when.length > 0 ? alt : anchor;
}

/** A reporter for a project check, bound to one resource. */
export function reporterFor(
  ctx: { report(resource: Resource, at: Val | Node, message: string, options?: Parameters<CheckContext['report']>[2]): void; edits(resource: Resource): Edits },
  r: Resource,
): Reporter {
  return { report: (at, message, options) => ctx.report(r, at, message, options), edits: ctx.edits(r) };
}

/**
 * The engine of an ElastiCache replication group: its known lower-case name, `redis` when unset (the default of
 * CloudFormation and Terraform), or undefined when it is unknown or differs between `Fn::If` branches.
 */
export function cacheEngine(body: Val, key: string): string | undefined {
  const v = body.get(key);
  if (v.isAbsent) return 'redis';
  return v.str()?.toLowerCase();
}
