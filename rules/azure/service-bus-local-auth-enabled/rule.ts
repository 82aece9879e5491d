// CL-AZ-042: a Service Bus namespace that accepts shared access signature keys.
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-042',
  slug: 'service-bus-local-auth-enabled',
  title: 'Service Bus namespace allows shared access key (local) authentication',
  severity: 'low',
  fixable: false,
  description:
    'While local authentication is on, the namespace\'s shared access keys (RootManageSharedAccessKey and others) grant send, listen or manage rights with no identity attached; they sit in connection strings and are rarely rotated.',
  remediation: 'Set local_auth_enabled to false once clients use Microsoft Entra ID.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the messaging service and authenticates every request the way the namespace allows',
    customer: 'which authentication methods the namespace accepts is yours',
  },
  frameworks: [nist('IA-2', 'AC-3')],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/service-bus-messaging/disable-local-authentication',
    azurermDoc('servicebus_namespace', 'local_auth_enabled'),
  ],
  checks: settingChecks({
    subject: 'Service Bus namespace',
    consequence: 'so shared access keys grant access with no identity attached',
    want: false,
    absentMeans: true,
    fix: false,
    formats: { terraform: { types: ['azurerm_servicebus_namespace'], path: ['local_auth_enabled'] } },
  }),
});
