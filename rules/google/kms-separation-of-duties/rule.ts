// CL-GCP-050: one principal both administers Cloud KMS and uses its keys, at project (folder, organisation) level.
// Grants are often split over several IAM resources: they are gathered across the file's project-level members,
// bindings and policies (with their data.google_iam_policy) for the same project.
import type { CheckContext, Resource } from '../../kit';
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { FOLDER_IAM, ORG_IAM, PROJECT_IAM, rolesOf } from '../../lib/gcp-iam';

const ADMIN = 'roles/cloudkms.admin';
const USE = new Set(['roles/cloudkms.cryptoKeyEncrypterDecrypter', 'roles/cloudkms.cryptoKeyEncrypter', 'roles/cloudkms.cryptoKeyDecrypter']);
const TYPES = [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM];

/** The scope a hierarchy IAM resource applies to (`project:acme`), or undefined when not known. */
function scopeOf(r: Resource): string | undefined {
  for (const key of ['project', 'folder', 'org_id']) {
    const v = r.body.get(key);
    if (v.isAbsent) continue;
    const s = v.str();
    return s === undefined ? undefined : `${key}:${s}`;
  }
  // The provider's default project: the same for every such resource of the file.
  return r.type.startsWith('google_project_') ? 'project:(provider default)' : undefined;
}

/** Members holding the admin role, and members holding a key-use role, per scope, over the whole file. */
function index(ctx: CheckContext): Map<string, { admins: Set<string>; users: Set<string> }> {
  return ctx.shared('gcp.kms.sod', (all) => {
    const out = new Map<string, { admins: Set<string>; users: Set<string> }>();
    for (const r of all) {
      if (!TYPES.includes(r.type)) continue;
      const scope = scopeOf(r);
      if (!scope) continue;
      const entry = out.get(scope) ?? { admins: new Set<string>(), users: new Set<string>() };
      for (const g of rolesOf(r, ctx)) {
        if (g.role === ADMIN) g.members.forEach((m) => entry.admins.add(m));
        if (USE.has(g.role)) g.members.forEach((m) => entry.users.add(m));
      }
      out.set(scope, entry);
    }
    return out;
  });
}

export default defineRule({
  id: 'CL-GCP-050',
  slug: 'kms-separation-of-duties',
  title: 'The same principal administers Cloud KMS and uses its keys',
  severity: 'medium',
  fixable: false,
  description:
    'Cloud KMS Admin can change key policies, rotate and destroy keys; the encrypter/decrypter roles use them. Held by one principal on a project, one compromised identity can both decrypt the data and cover its tracks by changing who else may.',
  remediation: 'Grant roles/cloudkms.admin and the cryptoKey encrypter/decrypter roles to different principals.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google enforces each role exactly as granted',
    customer: 'separating key administration from key use is yours',
  },
  frameworks: [cisGcp('1.11'), nist('AC-5')],
  equivalents: { kics: ['92e4464a-4139-4d57-8742-b5acc0347680'] },
  docs: ['https://cloud.google.com/kms/docs/separation-of-duties', tfGoogleDoc('google_project_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: TYPES,
      run(r, ctx) {
        const scope = scopeOf(r);
        if (!scope) return;
        const entry = index(ctx).get(scope);
        if (!entry) return;
        for (const g of rolesOf(r, ctx)) {
          // Reported once, at the admin grant.
          if (g.role !== ADMIN) continue;
          const both = g.members.filter((m) => entry.users.has(m));
          if (both.length) ctx.report(g.at, `${r.id} grants ${ADMIN}${g.via} to ${both.join(', ')}, who also hold a key encrypter/decrypter role on the same ${scope.split(':')[0]}, so one identity can both manage and use the keys.`);
        }
      },
    },
  },
});
