// CL-GCP-059: a project, folder or organisation role granted to a personal (consumer) Google account.
import type { Resource } from '../../kit';
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { FOLDER_IAM, grantsOf, iamSubject, levelOf, ORG_IAM, personalAccountDomain, PROJECT_IAM } from '../../lib/gcp-iam';

export default defineRule({
  id: 'CL-GCP-059',
  slug: 'iam-personal-account',
  title: 'Role granted to a personal Google account (gmail.com) on a project, folder or organisation',
  severity: 'medium',
  fixable: false,
  description:
    'A personal Google account (gmail.com) is not managed by your organisation: you cannot enforce its 2-step verification, suspend it when the person leaves, or see its sign-in activity, yet it keeps the roles granted to it.',
  remediation: 'Grant the role to a corporate account or, better, a group of your Cloud Identity or Google Workspace domain, and remove the personal account.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google authenticates every Google account and enforces the roles granted to it',
    customer: 'granting roles only to identities your organisation manages is yours',
  },
  frameworks: [cisGcp('1.1'), nist('AC-2', 'IA-2')],
  equivalents: { kics: ['9356962e-4a4f-4d06-ac59-dc8008775eaa'] },
  docs: ['https://cloud.google.com/architecture/identity/best-practices-for-planning', tfGoogleDoc('google_project_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM],
      run(r: Resource, ctx) {
        for (const g of grantsOf(r, ctx)) {
          const domain = personalAccountDomain(g.member);
          if (!domain) continue;
          ctx.report(
            g.at,
            `${iamSubject(r)} ${r.id} grants ${g.role ?? 'a role'} on the ${levelOf(r)} to ${g.member}${g.via}, a personal Google account (${domain}) your organisation does not manage.`,
          );
        }
      },
    },
  },
});
