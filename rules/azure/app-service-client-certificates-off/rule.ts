// CL-AZ-026: an App Service or Function App that does not request client certificates.
import { azurermDoc, checkSetting, cisAzure, defineRule, nist, type Resource, type SettingFormat, type SettingSpec } from '../../kit';

const TYPES = ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];

/** The older azurerm_app_service calls it client_cert_enabled. */
const PATHS: Record<string, readonly string[]> = {
  azurerm_app_service: ['client_cert_enabled'],
};

const SPEC: SettingSpec = {
  subject: 'App',
  consequence: 'so any client may connect without a certificate',
  want: true,
  absentMeans: false,
  fix: false,
  formats: { terraform: { types: TYPES, path: ['client_certificate_enabled'] } },
};

const formatOf = (r: Resource): SettingFormat => ({ types: TYPES, path: PATHS[r.type] ?? SPEC.formats.terraform!.path });

/** The older azurerm_function_app has no switch: client_cert_mode Required asks for certificates, absent or Optional does not. */
const FUNCTION_APP: SettingSpec = {
  subject: 'App',
  consequence: 'so any client may connect without a certificate',
  want: 'Required',
  absentMeans: 'Optional',
  fix: false,
  formats: { terraform: { types: ['azurerm_function_app'], path: ['client_cert_mode'] } },
};

export default defineRule({
  id: 'CL-AZ-026',
  slug: 'app-service-client-certificates-off',
  title: 'App Service or Function App does not require client certificates',
  severity: 'low',
  fixable: false,
  description:
    'With client certificates not required, any client may open a TLS connection to the app; requiring them (mutual TLS) lets only holders of a trusted certificate reach the app code.',
  remediation: 'Set client_certificate_enabled (client_cert_enabled on azurerm_app_service) to true with client_certificate_mode "Required" (client_cert_mode = "Required" on azurerm_function_app), for apps whose clients can present certificates.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'whether clients must prove their identity with a certificate is your choice',
  },
  frameworks: [cisAzure('9.4'), nist('IA-3')],
  equivalents: { checkov: ['CKV_AZURE_17'], kics: ['a81573f9-3691-4d83-88a0-7d4af63e17a3', '9bb3c639-5edf-458c-8ee5-30c17c7d671d'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth',
    azurermDoc('linux_web_app', 'client_certificate_enabled'),
    azurermDoc('app_service', 'client_cert_enabled'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: TYPES,
      run: (r, ctx) =>
        r.type === 'azurerm_function_app' ? checkSetting(r, ctx, FUNCTION_APP, FUNCTION_APP.formats.terraform!) : checkSetting(r, ctx, SPEC, formatOf(r)),
    },
  },
});
