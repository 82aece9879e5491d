// CL-AZ-021: an App Service or Function App that serves plain HTTP.
import { azurermDoc, cisAzure, defineRule, IN_TRANSIT, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-021',
  slug: 'app-service-https-only-disabled',
  title: 'App Service or Function App accepts plain HTTP',
  severity: 'medium',
  fixable: true,
  description:
    'Without HTTPS only, the app answers plain HTTP requests instead of redirecting them, so cookies, tokens and form data can travel unencrypted and be read or changed in transit.',
  remediation: 'Set https_only to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'redirecting every request to HTTPS is your setting',
  },
  frameworks: [cisAzure('9.2'), ...IN_TRANSIT],
  equivalents: { checkov: ['CKV_AZURE_14', 'CKV_AZURE_70'], kics: ['11e9a948-c6c3-4a0f-8dcf-b5cf1763cdbe'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https',
    azurermDoc('linux_web_app', 'https_only'),
    azurermDoc('linux_function_app', 'https_only'),
  ],
  checks: settingChecks({
    subject: 'App',
    consequence: 'so it serves plain HTTP requests',
    want: true,
    absentMeans: false,
    formats: { terraform: { types: ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'], path: ['https_only'] } },
  }),
});
