// Encryption knowledge shared by the at-rest, in-transit and customer managed key rules (CL-AWS-130 to -159): which
// settings make a resource inherit its encryption, AWS managed key aliases, the key checks (top-level and nested, with
// a fix only where the resource accepts a key), and several setting checks run as one check.
import { blocks, type Check, type CheckContext, checkSetting, chooseFix, isSet, keyNode, missingAt, type Node, type Resource, type SettingSpec, type Val } from '../kit';
import { KMS_KEY, type KmsKeySpec, lookedUpKey, shownKey } from './kms';

// The key lookups of kms.ts, for the rules that judge a key themselves (one lib import per rule).
export { KMS_KEY, lookedUpKey, shownKey } from './kms';

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
  /** Appended to the fix title in parentheses: what applying it does besides (`replaces an existing cluster`). */
  readonly fixNote?: string;
}

/**
 * The check for the key property `key` of a resource that names no customer managed key: absent, empty or an AWS
 * managed alias (in Terraform also a data source that looks one up: the check reads the scope there) is reported (at the resource when no branch sets it, else at the value); unknown values never are.
 * A resource that accepts a key only once encrypted gets the fix (a snippet with `KMS_KEY`) only when `flag` is on:
 * a key without encryption is rejected, and turning encryption on is the at-rest rule's fix.
 */
export function cmkCheck(spec: CmkSpec): (key: string) => (r: Resource, ctx: CheckContext) => void {
  const want = spec.want ?? 'a customer managed KMS key';
  return (key) => (r, ctx) => {
    if (spec.inheritsFrom && inherits(r, spec.inheritsFrom)) return;
    const v = r.body.get(key);
    const noBetter = (s: string) => isAwsManagedAlias(s) || (spec.noBetter?.(s) ?? false);
    const bad = v.find((x) => x.isAbsent || x.str() === '' || noBetter(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
    if (!bad) return;
    const fix = spec.fix !== false && (!spec.flag || isOn(r, spec.flag)) ? chooseFix(ctx, r, bad, [key], KMS_KEY, `Set ${key} to ${want} (fill in its ARN${spec.fixNote ? `; ${spec.fixNote}` : ''})`) : undefined;
    if (!bad.isAbsent) ctx.report(bad, `${spec.subject} ${r.id} sets ${key} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${spec.consequence}.`, { fix });
    else ctx.report(v.alts.length === 1 ? r.anchor : bad, `${spec.subject} ${r.id} has no ${key}, ${spec.consequence}.`, { fix });
  };
}

/**
 * The customer managed key check for a key nested in blocks (`EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId`,
 * Terraform blocks as objects or lists): a missing block or key is reported at the key of the nearest written block
 * (at the resource when none is), or at the `Fn::If` branch that leaves it out while another branch writes it (no fix
 * there; `missingBranches: false` for a rule that reports those branches itself); an empty key or an AWS managed
 * alias at the value; unknown values never are. The fix is a snippet that adds what is missing (or replaces the bad value) with `KMS_KEY`.
 */
export function nestedCmkCheck(
  spec: KmsKeySpec,
  path: readonly string[],
  options: { readonly missingBranches?: false } = {},
): (r: Resource, ctx: CheckContext) => void {
  const want = spec.want ?? 'a customer managed KMS key';
  const shown = path.join('.');
  const leaf = path[path.length - 1];
  const title = `Set ${leaf} to ${want} (fill in its ARN)`;
  return (r, ctx) => {
    const walk = (here: Val, i: number, at: Node | undefined) => {
      const key = path[i];
      const child = here.get(key);
      const from = here === r.body ? undefined : here;
      if (i === path.length - 1) {
        const bad = child.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? '') || (spec.noBetter?.(x.str() ?? '') ?? false));
        if (!bad) return;
        const fix = spec.fix === false ? undefined : chooseFix(ctx, r, bad, [key], KMS_KEY, title, from);
        if (!bad.isAbsent) ctx.report(bad, `${spec.subject} ${r.id} sets ${shown} to ${bad.str() === '' ? 'an empty string' : bad.str()}, ${spec.consequence}.`, { fix });
        else ctx.report(missingAt(bad, at ?? r.anchor), `${spec.subject} ${r.id} does not set ${shown}, ${spec.consequence}.`, { fix });
        return;
      }
      const found = blocks(here, key);
      const next = keyNode(here, key) ?? at;
      if (found.length > 0) {
        for (const b of found) walk(b, i + 1, next);
        // An Fn::If branch that leaves the block out (AWS::NoValue) while another writes it: missing in that branch.
        if (options.missingBranches === false) return;
        for (const alt of child.each()) {
          if (alt.isAbsent) ctx.report(missingAt(alt, at ?? r.anchor), `${spec.subject} ${r.id} does not set ${shown}, ${spec.consequence}.`);
        }
        return;
      }
      const missing = child.find((x) => x.isAbsent || (x.node?.kind === 'seq' && x.node.items.length === 0));
      if (!missing) return;
      const fix = missing.isAbsent && spec.fix !== false ? chooseFix(ctx, r, missing, path.slice(i), KMS_KEY, title, from) : undefined;
      ctx.report(missingAt(missing, at ?? r.anchor), `${spec.subject} ${r.id} does not set ${shown}, ${spec.consequence}.`, { fix });
    };
    walk(r.body, 0, undefined);
  };
}

/** One check per format that runs several setting checks on each resource (each reports on its own). */
export function allSettings(specs: readonly SettingSpec[], format: 'cloudformation' | 'terraform'): Check {
  return {
    reads: 'resource',
    types: [...new Set(specs.flatMap((s) => s.formats[format]?.types ?? []))],
    run: (r, ctx) => {
      for (const s of specs) {
        const f = s.formats[format];
        if (f && f.types.includes(r.type)) checkSetting(r, ctx, s, f);
      }
    },
  };
}
