// CL-AZ-024: an App Service or Function App with remote debugging on.
import { azurermDoc, defineRule, nist, pci, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-024',
  slug: 'app-service-remote-debugging',
  title: 'App Service or Function App has remote debugging enabled',
  severity: 'medium',
  fixable: true,
  description:
    'Remote debugging opens extra ports on the app\'s workers for a debugger to attach; left on, it widens the attack surface of a production app.',
  remediation: 'Set site_config.remote_debugging_enabled to false (the default).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'workload',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'what you leave enabled on your app is yours',
  },
  frameworks: [nist('CM-7'), pci('2.2.4')],
  equivalents: { checkov: ['CKV_AZURE_72'] },
  docs: [
    'https://learn.microsoft.com/en-us/visualstudio/debugger/remote-debugging-azure-app-service',
    azurermDoc('linux_web_app', 'remote_debugging_enabled'),
  ],
  checks: settingChecks({
    subject: 'App',
    consequence: 'so debugger ports are open on its workers',
    want: false,
    absentMeans: null,
    formats: { terraform: { types: ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'], path: ['site_config', 'remote_debugging_enabled'], absentInBlockMeans: null } },
  }),
});
