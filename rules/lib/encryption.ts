// Encryption knowledge shared by the at-rest and in-transit rules of services that encrypt only when asked
// (DocumentDB, Neptune, …): which settings make a resource inherit its encryption, and the key check that applies
// only once encryption is on.
import { type CheckContext, chooseFix, isSet, type Resource } from '../kit';
import { KMS_KEY, type KmsKeySpec } from './kms';

/** A key named by an alias of an AWS managed key (`alias/aws/rds`, `arn:…:alias/aws/docdb`): no better than none. */
export function isAwsManagedAlias(s: string): boolean {
  return /(^|:)alias\/aws\//.test(s);
}

/** True when the resource sets one of `attrs` (a snapshot or source it is restored from, whose encryption it takes). */
export function inherits(r: Resource, attrs: readonly string[]): boolean {
  return attrs.some((a) => isSet(r.body.get(a)));
}

/** True when every alternative of the boolean setting `flag` is known to be true. */
export function isOn(r: Resource, flag: string): boolean {
  const alts = r.body.get(flag).each();
  return alts.length > 0 && alts.every((a) => a.isTrue());
}

export interface CmkSpec extends KmsKeySpec {
  /** The boolean setting that turns encryption on: the key is added by a fix only when it is known to be on. */
  readonly flag?: string;
  /** Settings that restore the resource from a snapshot or source (the key then comes from there): not checked. */
  readonly inheritsFrom?: readonly string[];
}

/**
 * The check for the key property `key` of a resource that names no customer managed key: absent, empty or an AWS
 * managed alias is reported (at the resource when no branch sets it, else at the value); unknown values never are.
 * A resource that accepts a key only once encrypted gets the fix (a snippet with `KMS_KEY`) only when `flag` is on:
 * a key without encryption is rejected, and turning encryption on is the at-rest rule's fix.
 */
export function cmkCheck(spec: CmkSpec): (key: string) => (r: Resource, ctx: CheckContext) => void {
  const want = spec.want ?? 'a customer managed KMS key';
  return (key) => (r, ctx) => {
    if (spec.inheritsFrom && inherits(r, spec.inheritsFrom)) return;
    const v = r.body.get(key);
    const bad = v.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? '') || (spec.noBetter?.(x.str() ?? '') ?? false));
    if (!bad) return;
    const fix = !spec.flag || isOn(r, spec.flag) ? chooseFix(ctx, r, bad, [key], KMS_KEY, `Set ${key} to ${want} (fill in its ARN)`) : undefined;
    if (!bad.isAbsent) ctx.report(bad, `${spec.subject} ${r.id} sets ${key} to ${bad.str() === '' ? 'an empty string' : bad.str()}, ${spec.consequence}.`, { fix });
    else ctx.report(v.alts.length === 1 ? r.anchor : bad, `${spec.subject} ${r.id} has no ${key}, ${spec.consequence}.`, { fix });
  };
}
