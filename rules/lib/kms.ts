// KMS knowledge shared by the rules that ask for a key of yours: the placeholder a fix writes, and the check that a
// resource names a key.
import { type CheckContext, chooseFix, findById, placeholder, type Resource, type Val } from '../kit';

/** A KMS key ARN for the user to replace (the example key of the AWS documentation). */
export const KMS_KEY = placeholder('arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');

export interface KmsKeySpec {
  /** What the resource is, as messages name it ("Trail"). */
  subject: string;
  /** What follows from no key, after a comma ("so its log files are …"). */
  consequence: string;
  /**
   * A value that is no better than no key (the AWS managed key written out), reported as set; in Terraform also a
   * reference to a data source that looks such a key up (`lookedUpKey`), so the check reads the scope there.
   */
  noBetter?: (s: string) => boolean;
  /** The key the fix asks for, in its title ("a KMS key", "a customer managed KMS key"). */
  want?: string;
  /** `false`: no quick-fix at all (the rule offers no placeholder key to fill in). */
  fix?: false;
}

/**
 * The check for the property `key`: absent, empty (or `noBetter`) is reported (at the resource when no branch sets
 * it, else at the value) with a fix that sets it to `KMS_KEY`; unknown values are never reported.
 */
export function kmsKeyCheck(spec: KmsKeySpec) {
  const want = spec.want ?? 'a KMS key';
  return (key: string) => (r: Resource, ctx: CheckContext) => {
    const v = r.body.get(key);
    const lookedUp = (x: Val) => (spec.noBetter ? lookedUpKey(r, ctx, x) : undefined);
    const bad = v.find((x) => x.isAbsent || x.str() === '' || (spec.noBetter?.(x.str() ?? lookedUp(x) ?? '') ?? false));
    if (!bad) return;
    const fix = spec.fix === false ? undefined : chooseFix(ctx, r, bad, [key], KMS_KEY, `Set ${key} to ${want} (fill in its ARN)`);
    if (!bad.isAbsent) ctx.report(bad, `${spec.subject} ${r.id} sets ${key} to ${shownKey(bad, lookedUp(bad))}, ${spec.consequence}.`, { fix });
    else ctx.report(v.alts.length === 1 ? r.anchor : bad, `${spec.subject} ${r.id} has no ${key}, ${spec.consequence}.`, { fix });
  };
}

/** Data sources that look a KMS key up, and the attribute that names the key (an alias, an ID or an ARN). */
const KEY_LOOKUPS: Readonly<Record<string, string>> = { 'data.aws_kms_key': 'key_id', 'data.aws_kms_alias': 'name' };

/**
 * Terraform: when `v` is a reference to a data source of the file that looks a KMS key up, and nothing else
 * (`data.aws_kms_key.k.arn` with `key_id = "alias/aws/s3"`, `data.aws_kms_alias.a.target_key_arn` with
 * `name = "alias/aws/s3"`), the key it names, when that is written literally; otherwise undefined. The looked-up key
 * is the one used, so an AWS managed alias there is the AWS managed key. Reads the scope.
 */
export function lookedUpKey(r: Resource, ctx: CheckContext, v: Val): string | undefined {
  if (r.format !== 'terraform' || v.alts.length !== 1 || !v.isUnknown) return undefined;
  const at = v.at;
  const m = at.kind === 'scalar' && typeof at.value === 'string' ? /^\$\{(data\.aws_kms_(?:key|alias))\.([A-Za-z_][A-Za-z0-9_-]*)\.[a-z_]+\}$/.exec(at.value) : null;
  if (!m) return undefined;
  return findById(ctx, [m[1]], [`${m[1]}.${m[2]}`])?.body.get(KEY_LOOKUPS[m[1]]).str();
}

/** A bad key value as messages show it: the value, "an empty string", or the reference and the key it looks up. */
export function shownKey(bad: Val, lookedUp: string | undefined): string {
  if (lookedUp !== undefined) {
    const at = bad.at;
    const ref = at.kind === 'scalar' && typeof at.value === 'string' ? at.value.slice(2, -1) : 'a data source';
    return `${ref}, which looks up ${lookedUp}`;
  }
  return bad.str() === '' ? 'an empty string' : String(bad.str());
}
