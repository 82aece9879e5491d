// CL-GCP-024: a service account granted an administrative or basic role on a project, folder or organisation.
import type { Resource } from '../../kit';
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { FOLDER_IAM, IAM_POLICY_DOC, iamSubject, isAdminRole, isPrimitiveRole, levelOf, ORG_IAM, PROJECT_IAM, rolesOf, unusedDocRoles } from '../../lib/gcp-iam';

export default defineRule({
  id: 'CL-GCP-024',
  slug: 'iam-sa-admin-role',
  title: 'Service account holds an admin, owner or editor role',
  severity: 'high',
  fixable: false,
  description:
    'Service accounts act for code: whoever controls that code (or steals a key or token of the account) gets its roles. An admin, owner or editor role on a project turns one compromised workload into control of the project.',
  remediation: 'Grant the service account the narrowest predefined or custom roles its workload needs.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google authenticates the account and enforces its roles',
    customer: 'which roles a service account holds is yours',
  },
  frameworks: [cisGcp('1.5'), nist('AC-6'), pci('7.2.5')],
  equivalents: {
    kics: ['84d36481-fd63-48cb-838e-635c44806ec2', 'cefdad16-0dd5-4ac5-8ed2-a37502c78672'],
  },
  docs: ['https://cloud.google.com/iam/docs/best-practices-service-accounts', tfGoogleDoc('google_project_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM, IAM_POLICY_DOC],
      run(r: Resource, ctx) {
        // A policy document no resource of the file uses: its basic roles (only meaningful on the hierarchy) count.
        for (const g of unusedDocRoles(r, ctx)) {
          if (!isPrimitiveRole(g.role)) continue;
          const accounts = g.members.filter((m) => m.startsWith('serviceAccount:'));
          if (accounts.length) ctx.report(g.at, `IAM policy document ${r.id} grants ${g.role} to ${accounts.map((a) => a.slice('serviceAccount:'.length)).join(', ')}, so a compromise of that workload controls whatever the policy is set on.`);
        }
        if (r.type === IAM_POLICY_DOC) return;
        for (const g of rolesOf(r, ctx)) {
          if (!isAdminRole(g.role)) continue;
          const accounts = g.members.filter((m) => m.startsWith('serviceAccount:'));
          if (!accounts.length) continue;
          ctx.report(
            g.at,
            `${iamSubject(r)} ${r.id} grants ${g.role}${g.via} on the ${levelOf(r)} to ${accounts.map((a) => a.slice('serviceAccount:'.length)).join(', ')}, so a compromise of that workload controls the ${levelOf(r)}.`,
          );
        }
      },
    },
  },
});
