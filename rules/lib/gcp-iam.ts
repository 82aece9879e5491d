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

/** IAM resources of the resource hierarchy, by level. */
export const PROJECT_IAM = ['google_project_iam_member', 'google_project_iam_binding', 'google_project_iam_policy'];
export const FOLDER_IAM = ['google_folder_iam_member', 'google_folder_iam_binding', 'google_folder_iam_policy'];
export const ORG_IAM = ['google_organization_iam_member', 'google_organization_iam_binding', 'google_organization_iam_policy'];

/** `project`, `folder` or `organization` for a hierarchy IAM resource. */
export function levelOf(r: Resource): string {
  return r.type.startsWith('google_project_') ? 'project' : r.type.startsWith('google_folder_') ? 'folder' : 'organization';
}

/** `Project IAM member`, `Folder IAM binding`, `Organization IAM policy`. */
export function iamSubject(r: Resource): string {
  const level = levelOf(r);
  const kind = r.type.endsWith('_member') ? 'member' : r.type.endsWith('_binding') ? 'binding' : 'policy';
  return `${level[0].toUpperCase()}${level.slice(1)} IAM ${kind}`;
}

/** Basic (primitive) roles that grant broad access to every service. */
export function isPrimitiveRole(role: string): boolean {
  return role === 'roles/owner' || role === 'roles/editor';
}

/** Roles CIS counts as administrative: owner, editor, and every predefined role whose name ends in `admin`. */
export function isAdminRole(role: string): boolean {
  return isPrimitiveRole(role) || /admin$/i.test(role.replace(/^roles\//, ''));
}

/**
 * The roles an IAM resource grants, each with where to report it: a member or binding's `role` value; for a policy,
 * its `policy_data` (the roles of the `data.google_iam_policy` it names).
 */
export function rolesOf(r: Resource, ctx: CheckContext): { at: Val; role: string; members: string[]; via: string }[] {
  if (r.type.endsWith('_iam_policy')) {
    const policy = r.body.get('policy_data');
    const doc = findById(ctx, [IAM_POLICY_DOC], r.references('policy_data'));
    if (!doc) return [];
    return doc.body
      .get('binding')
      .list()
      .flatMap((b) => {
        const role = b.get('role').str();
        return role === undefined ? [] : [{ at: policy, role, members: membersOf(b).flatMap((m) => m.strings()), via: ` (through ${doc.id})` }];
      });
  }
  const role = r.body.get('role');
  const s = role.str();
  return s === undefined ? [] : [{ at: role, role: s, members: membersOf(r.body).flatMap((m) => m.strings()), via: '' }];
}

/**
 * How a `data.google_iam_policy` is used in the file: `hierarchy` when a project, folder or organisation IAM policy
 * names it (that resource reports its grants), `other` when another resource does (a bucket, a key: resource-level
 * grants), `none` when nothing in the file does (it is read as a document of its own, like an AWS policy document).
 */
export function docUse(doc: Resource, ctx: CheckContext): 'hierarchy' | 'other' | 'none' {
  const uses = ctx.shared('gcp.iam.docUses', (all) => {
    const out = new Map<string, Set<string>>();
    for (const r of all) {
      if (!r.type.endsWith('_iam_policy')) continue;
      for (const id of r.references('policy_data')) {
        const s = out.get(id) ?? new Set<string>();
        s.add(r.type);
        out.set(id, s);
      }
    }
    return out;
  });
  const types = uses.get(doc.id);
  if (!types) return 'none';
  const hierarchy = [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM];
  return [...types].some((t) => hierarchy.includes(t)) ? 'hierarchy' : 'other';
}

/** The bindings of a policy document that nothing in the file uses: each role value with its members. */
export function unusedDocRoles(doc: Resource, ctx: CheckContext): { at: Val; role: string; members: string[] }[] {
  if (doc.type !== IAM_POLICY_DOC || docUse(doc, ctx) !== 'none') return [];
  return doc.body
    .get('binding')
    .list()
    .flatMap((b) => {
      const role = b.get('role');
      const s = role.str();
      return s === undefined ? [] : [{ at: role, role: s, members: membersOf(b).flatMap((m) => m.strings()) }];
    });
}

/** Consumer Google account domains: an account there belongs to a person, not to your organisation's Cloud Identity. */
const PERSONAL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/** The domain when a member is a `user:` on a consumer Google domain (`user:jane@gmail.com` → `gmail.com`), else undefined. */
export function personalAccountDomain(member: string): string | undefined {
  const m = /^user:[^@\s]+@([^@\s]+)$/i.exec(member.trim());
  const domain = m?.[1].toLowerCase();
  return domain !== undefined && PERSONAL_DOMAINS.has(domain) ? domain : undefined;
}
