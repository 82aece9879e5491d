// CL-AZ-052: an Azure SQL logical server that accepts SQL logins (passwords), not only Microsoft Entra ID.
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-052',
  slug: 'sql-server-entra-only-auth-disabled',
  title: 'SQL server accepts SQL authentication (not Microsoft Entra-only)',
  severity: 'low',
  fixable: false,
  description:
    'Unless the server uses Microsoft Entra-only authentication, its SQL administrator login and any SQL logins authenticate with passwords that bypass conditional access and multifactor authentication and are rarely rotated.',
  remediation: 'Add an azuread_administrator block with azuread_authentication_only = true once applications connect with Microsoft Entra identities.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the database engine and authenticates every connection the way the server allows',
    customer: 'which authentication methods the server accepts, and its administrators, are yours',
  },
  frameworks: [nist('IA-2', 'AC-2')],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-azure-ad-only-authentication',
    azurermDoc('mssql_server', 'azuread_authentication_only'),
  ],
  checks: settingChecks({
    subject: 'SQL server',
    consequence: 'so SQL logins with passwords can connect besides Microsoft Entra identities',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_mssql_server'], path: ['azuread_administrator', 'azuread_authentication_only'] } },
  }),
});
