// Google Cloud IAM: the principals that mean "everyone" (`allUsers`, `allAuthenticatedUsers`), the grants IAM
// resources make (`*_iam_member`, `*_iam_binding`, and `*_iam_policy` through the `data.google_iam_policy` its
// `policy_data` names), and primitive or sensitive roles.
import type { Check, CheckContext, ReportOptions, Resource, Severity } from '../kit';
import { findById, Val } from '../kit';

/** Everyone on the internet, and every signed-in Google account. */
export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Who a public member is, for messages. */
export function whoIs(member: string): string {
  return member === 'allUsers' ? 'anyone on the internet' : 'anyone with a Google account';
}

/** One principal granted a role by an IAM resource. */
export interface Grant {
  /** Where to report it: the member's value, or the `policy_data` that brings it in. */
  readonly at: Val;
  readonly member: string;
  /** The role, when known. */
  readonly role?: string;
  /** ` (through data.google_iam_policy.p)` when the grant comes from a policy document. */
  readonly via: string;
}

export const IAM_POLICY_DOC = 'data.google_iam_policy';

/** The members of a binding: `members` (a list) and `member` (one). */
function membersOf(body: Val): Val[] {
  return [...body.get('members').items(), ...(body.get('member').isAbsent ? [] : [body.get('member')])];
}

/**
 * Every known member an IAM resource grants, with its role. `*_iam_member` and `*_iam_binding` are read from their
 * own body; `*_iam_policy` from the `data.google_iam_policy` its `policy_data` refers to (reported at `policy_data`).
 */
export function grantsOf(r: Resource, ctx: CheckContext): Grant[] {
  if (r.type.endsWith('_iam_policy')) {
    const policy = r.body.get('policy_data');
    const doc = findById(ctx, [IAM_POLICY_DOC], r.references('policy_data'));
    if (!doc) return [];
    const out: Grant[] = [];
    for (const binding of doc.body.get('binding').list()) {
      const role = binding.get('role').str();
      for (const m of membersOf(binding)) {
        const member = m.str();
        if (member !== undefined) out.push({ at: policy, member, role, via: ` (through ${doc.id})` });
      }
    }
    return out;
  }
  const role = r.body.get('role').str();
  return membersOf(r.body)
    .filter((m) => m.str() !== undefined)
    .map((m) => ({ at: m, member: m.str()!, role, via: '' }));
}

/** The public grants of an IAM resource. */
export function publicGrants(r: Resource, ctx: CheckContext): Grant[] {
  return grantsOf(r, ctx).filter((g) => PUBLIC_MEMBERS.has(g.member));
}

export interface PublicGrantSpec {
  /** IAM resource types (member, binding, policy) and any other type `extra` handles. */
  readonly types: readonly string[];
  /** `Storage bucket IAM member`, for messages. */
  readonly subject: (r: Resource) => string;
  /** What follows, for a member: `so anyone on the internet can use the key`. */
  readonly consequence: (member: string, role: string | undefined) => string;
  /** A lower severity and why (a setting elsewhere that blocks the grant for now), or undefined. */
  readonly lower?: (r: Resource, ctx: CheckContext) => { severity: Severity; why: string } | undefined;
  /** Only grants of roles this accepts (default: every role). */
  readonly roles?: (role: string | undefined) => boolean;
}

/** A Terraform check that reports each public member an IAM resource grants. */
export function publicGrantCheck(spec: PublicGrantSpec): Check {
  return {
    reads: 'scope',
    types: spec.types,
    run(r, ctx) {
      const lower = spec.lower?.(r, ctx);
      for (const g of publicGrants(r, ctx)) {
        if (spec.roles && !spec.roles(g.role)) continue;
        const options: ReportOptions = lower ? { severity: lower.severity } : {};
        ctx.report(
          g.at,
          `${spec.subject(r)} ${r.id} grants ${g.role ?? 'a role'} to ${g.member}${g.via}, ${spec.consequence(g.member, g.role)}${lower ? ` (${lower.why})` : ''}.`,
          options,
        );
      }
    },
  };
}
