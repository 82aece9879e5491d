// CL-AZ-023: an App Service or Function App that accepts plain FTP deployments.
import { azurermDoc, cisAzure, defineRule, IN_TRANSIT, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-023',
  slug: 'app-service-ftp-allowed',
  title: 'App Service or Function App allows plain FTP',
  severity: 'medium',
  fixable: false,
  description:
    'With ftps_state AllAllowed, the app\'s deployment endpoint accepts plain FTP: deployment credentials and the code travel unencrypted.',
  remediation: 'Set site_config.ftps_state to "Disabled" (or "FtpsOnly" if you deploy over FTP).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'how your code may be deployed is your setting',
  },
  frameworks: [cisAzure('9.10'), ...IN_TRANSIT],
  equivalents: { checkov: ['CKV_AZURE_78'], kics: ['85da374f-b00f-4832-9d44-84a1ca1e89f8', '9dab0179-433d-4dff-af8f-0091025691df'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps',
    azurermDoc('linux_web_app', 'ftps_state'),
  ],
  checks: settingChecks({
    subject: 'App',
    consequence: 'so deployment credentials and code can travel over unencrypted FTP',
    want: 'Disabled',
    // The provider default differs by resource and version; only an explicit AllAllowed is reported.
    absentMeans: null,
    ok: (v) => (v.str() === undefined ? undefined : v.str()!.toLowerCase() !== 'allallowed'),
    fix: false,
    formats: { terraform: { types: ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'], path: ['site_config', 'ftps_state'], absentInBlockMeans: null } },
  }),
});
