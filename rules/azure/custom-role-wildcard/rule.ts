// CL-AZ-035: a custom role definition that allows every action (`*`), every authorization action, or writing role
// definitions (which lets its holders grant themselves anything).
import { azurermDoc, cisAzure, defineRule, nist, pci } from '../../kit';

/** Actions that make a custom role as powerful as Owner over its scopes, and why (lower case). */
const OWNER_LIKE: Record<string, string> = {
  '*': 'every action on every resource',
  'microsoft.authorization/*': 'every authorization action, so its holders can assign themselves any role',
  'microsoft.authorization/roledefinitions/write': 'writing role definitions, so its holders can give any permission to roles they hold',
  'microsoft.authorization/roleassignments/write': 'writing role assignments, so its holders can assign themselves any role',
};

export default defineRule({
  id: 'CL-AZ-035',
  slug: 'custom-role-wildcard',
  title: 'Custom role allows every action or role management',
  severity: 'high',
  fixable: false,
  description:
    'A custom role whose actions include "*" is an Owner by another name; one that may write role definitions or assignments lets its holders raise their own permissions. Either defeats least privilege at every scope it can be assigned to.',
  remediation: 'List the specific actions the role needs; keep role management with Owner and User Access Administrator, assigned sparingly.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs Azure Resource Manager and evaluates every request against your role assignments',
    customer: 'what your custom roles allow is yours',
  },
  frameworks: [cisAzure('1.23'), nist('AC-6', 'AC-6(5)'), pci('7.2.2')],
  equivalents: { checkov: ['CKV_AZURE_39'], kics: ['3fa5900f-9aac-4982-96b2-a6143d9c99fb'] },
  docs: ['https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles', azurermDoc('role_definition', 'permissions')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_role_definition'],
      run(r, ctx) {
        for (const permissions of r.body.get('permissions').list()) {
          for (const action of permissions.get('actions').items()) {
            const why = OWNER_LIKE[action.str()?.trim().toLowerCase() ?? ''];
            if (why) ctx.report(action, `Custom role ${r.id} allows ${action.str()}: ${why}.`);
          }
        }
      },
    },
  },
});
