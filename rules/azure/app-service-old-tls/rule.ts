// CL-AZ-022: an App Service or Function App that accepts TLS 1.0 or 1.1.
import { azurermDoc, checkSetting, cisAzure, defineRule, type Resource, type SettingFormat, type SettingSpec, TLS_VERSIONS } from '../../kit';

const TYPES = ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];

/** The older azurerm_app_service and azurerm_function_app call it site_config.min_tls_version. */
const PATHS: Record<string, readonly string[]> = {
  azurerm_app_service: ['site_config', 'min_tls_version'],
  azurerm_function_app: ['site_config', 'min_tls_version'],
};

const SPEC: SettingSpec = {
  subject: 'App',
  consequence: 'so clients may connect with TLS versions that are no longer considered secure',
  want: '1.2',
  // The default is 1.2: absent is fine.
  absentMeans: null,
  ok: (v) => { const s = v.str() ?? (v.num() === undefined ? undefined : String(v.num())); return s === undefined ? undefined : !['1.0', '1.1', '1', '1.00', '1.10'].includes(s); },
  formats: { terraform: { types: TYPES, path: ['site_config', 'minimum_tls_version'] } },
};

const formatOf = (r: Resource): SettingFormat => ({ types: TYPES, path: PATHS[r.type] ?? SPEC.formats.terraform!.path, absentInBlockMeans: null });

export default defineRule({
  id: 'CL-AZ-022',
  slug: 'app-service-old-tls',
  title: 'App Service or Function App accepts TLS 1.0 or 1.1',
  severity: 'medium',
  fixable: true,
  description:
    'An app whose minimum TLS version is 1.0 or 1.1 lets clients negotiate deprecated protocol versions with known weaknesses.',
  remediation: 'Set site_config.minimum_tls_version (min_tls_version on azurerm_app_service and azurerm_function_app) to "1.2" (the default).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Microsoft patches the workers\' operating system and runtimes and terminates TLS on its front ends',
    customer: 'the oldest TLS version the app accepts is your setting',
  },
  frameworks: [cisAzure('9.3'), ...TLS_VERSIONS],
  equivalents: { checkov: ['CKV_AZURE_15'], kics: ['b7b9d1c7-2d3b-49b4-b867-ebbe68d0b643', '45fc717a-bd86-415c-bdd8-677901be1aa6'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/app-service/overview-tls',
    azurermDoc('linux_web_app', 'minimum_tls_version'),
    azurermDoc('app_service', 'min_tls_version'),
  ],
  checks: { terraform: { reads: 'resource', types: TYPES, run: (r, ctx) => checkSetting(r, ctx, SPEC, formatOf(r)) } },
});
