// CL-GCP-025: the basic roles Owner or Editor granted on a project, folder or organisation.
import type { Resource } from '../../kit';
import { defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { FOLDER_IAM, IAM_POLICY_DOC, iamSubject, isPrimitiveRole, levelOf, ORG_IAM, PROJECT_IAM, rolesOf, unusedDocRoles } from '../../lib/gcp-iam';

export default defineRule({
  id: 'CL-GCP-025',
  slug: 'iam-primitive-role',
  title: 'Basic role Owner or Editor granted on a project, folder or organisation',
  severity: 'medium',
  fixable: false,
  description:
    'The basic roles predate IAM’s predefined roles: Editor can change almost every resource of every service, Owner also manages IAM. Granted on a folder or organisation they reach every project below.',
  remediation: 'Grant predefined or custom roles scoped to the services and resources the principal works with.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Google defines the roles and enforces them',
    customer: 'choosing least-privilege roles over basic ones is yours',
  },
  frameworks: [nist('AC-6'), pci('7.2.2')],
  equivalents: {},
  docs: ['https://cloud.google.com/iam/docs/roles-overview#basic', tfGoogleDoc('google_project_iam')],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...PROJECT_IAM, ...FOLDER_IAM, ...ORG_IAM, IAM_POLICY_DOC],
      run(r: Resource, ctx) {
        for (const g of unusedDocRoles(r, ctx)) {
          if (isPrimitiveRole(g.role)) ctx.report(g.at, `IAM policy document ${r.id} grants the basic role ${g.role}, which covers nearly every resource of every service where the policy is set.`);
        }
        if (r.type === IAM_POLICY_DOC) return;
        for (const g of rolesOf(r, ctx)) {
          if (!isPrimitiveRole(g.role)) continue;
          ctx.report(g.at, `${iamSubject(r)} ${r.id} grants the basic role ${g.role}${g.via} on the ${levelOf(r)}, which covers nearly every resource of every service in it.`);
        }
      },
    },
  },
});
