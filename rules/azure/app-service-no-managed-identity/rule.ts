// CL-AZ-025: an App Service or Function App without a managed identity.
import { azurermDoc, cisAzure, defineRule, nist, NO_EMBEDDED_SECRETS, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-025',
  slug: 'app-service-no-managed-identity',
  title: 'App Service or Function App has no managed identity',
  severity: 'low',
  fixable: false,
  description:
    'Without a managed identity the app must authenticate to databases, storage and Key Vault with secrets kept in its settings, which leak and are rarely rotated; a managed identity gets tokens from the platform instead.',
  remediation: 'Add an identity block (type SystemAssigned or UserAssigned) and grant it the roles the app needs.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'how your app authenticates to other services is yours',
  },
  frameworks: [cisAzure('9.5'), nist('IA-5'), ...NO_EMBEDDED_SECRETS],
  equivalents: { checkov: ['CKV_AZURE_71'], kics: ['b61cce4b-0cc4-472b-8096-15617a6d769b', 'c87749b3-ff10-41f5-9df2-c421e8151759'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity',
    azurermDoc('linux_web_app', 'identity'),
  ],
  checks: settingChecks({
    subject: 'App',
    consequence: 'so it has to keep secrets to authenticate to other services',
    want: 'SystemAssigned',
    absentMeans: 'None',
    ok: (v) => (v.str() === undefined ? undefined : v.str()!.toLowerCase() !== 'none'),
    fix: false,
    formats: { terraform: { types: ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'], path: ['identity', 'type'], absentInBlockMeans: null } },
  }),
});
