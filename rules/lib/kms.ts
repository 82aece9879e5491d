// KMS knowledge shared by the rules that ask for a key of yours: the placeholder a fix writes, and the check that a
// resource names a key.
import { type CheckContext, chooseFix, placeholder, type Resource } from '../kit';

/** A KMS key ARN for the user to replace (the example key of the AWS documentation). */
export const KMS_KEY = placeholder('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');

export interface KmsKeySpec {
  /** What the resource is, as messages name it ("Trail"). */
  subject: string;
  /** What follows from no key, after a comma ("so its log files are …"). */
  consequence: string;
  /** A value that is no better than no key (the AWS managed key written out), reported as set. */
  noBetter?: (s: string) => boolean;
  /** The key the fix asks for, in its title ("a KMS key", "a customer managed KMS key"). */
  want?: string;
}

/**
 * The check for the property `key`: absent, empty (or `noBetter`) is reported (at the resource when no branch sets
 * it, else at the value) with a fix that sets it to `KMS_KEY`; unknown values are never reported.
 */
export function kmsKeyCheck(spec: KmsKeySpec) {
  const want = spec.want ?? 'a KMS key';
  return (key: string) => (r: Resource, ctx: CheckContext) => {
    const v = r.body.get(key);
    const bad = v.find((x) => x.isAbsent || x.str() === '' || (spec.noBetter?.(x.str() ?? '') ?? false));
    if (!bad) return;
    const fix = chooseFix(ctx, r, bad, [key], KMS_KEY, `Set ${key} to ${want} (fill in its ARN)`);
    if (!bad.isAbsent) ctx.report(bad, `${spec.subject} ${r.id} sets ${key} to ${bad.str() === '' ? 'an empty string' : bad.str()}, ${spec.consequence}.`, { fix });
    else ctx.report(v.alts.length === 1 ? r.anchor : bad, `${spec.subject} ${r.id} has no ${key}, ${spec.consequence}.`, { fix });
  };
}
