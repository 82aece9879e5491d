// CL-GCP-023: Service Account User or Service Account Token Creator granted on a whole project, folder or organisation.
import type { Resource } from '../../kit';
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { FOLDER_IAM, iamSubject, levelOf, ORG_IAM, PROJECT_IAM, rolesOf } from '../../lib/gcp-iam';

const ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']);

export default defineRule({
  id: 'CL-GCP-023',
  slug: 'iam-sa-user-project-level',
  title: 'Service Account User or Token Creator granted on a whole project',
  severity: 'high',
  fixable: false,
  description:
    'Granted on a project (or folder, or organisation), these roles let the holder act as every service account in it, current and future: run workloads or mint tokens with each account’s permissions, including the most privileged one.',
  remediation: 'Grant the role on the one service account that needs to be used (google_service_account_iam_member), not on the project.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google enforces impersonation permissions exactly as granted',
    customer: 'at which level you grant them is yours',
  },
  frameworks: [cisGcp('1.6'), nist('AC-6')],
  equivalents: {
    kics: ['617ef6ff-711e-4bd7-94ae-e965911b1b40', 'c68b4e6d-4e01-4ca1-b256-1e18e875785c'],
  },
  docs: ['https://cloud.google.com/iam/docs/service-account-permissions', tfGoogleDoc('google_project_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM],
      run(r: Resource, ctx) {
        for (const g of rolesOf(r, ctx)) {
          if (!ROLES.has(g.role)) continue;
          ctx.report(g.at, `${iamSubject(r)} ${r.id} grants ${g.role}${g.via} on the whole ${levelOf(r)}, so its members can act as every service account in it.`);
        }
      },
    },
  },
});
