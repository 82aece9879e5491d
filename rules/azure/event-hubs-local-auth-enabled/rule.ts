// CL-AZ-043: an Event Hubs namespace that accepts shared access signature keys.
import { azurermDoc, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-043',
  slug: 'event-hubs-local-auth-enabled',
  title: 'Event Hubs namespace allows shared access key (local) authentication',
  severity: 'low',
  fixable: false,
  description:
    'While local authentication is on, the namespace\'s shared access keys grant send, listen or manage rights with no identity attached; they sit in connection strings and are rarely rotated.',
  remediation: 'Set local_authentication_enabled to false once clients use Microsoft Entra ID.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the event streaming service and authenticates every request the way the namespace allows',
    customer: 'which authentication methods the namespace accepts is yours',
  },
  frameworks: [nist('IA-2', 'AC-3')],
  equivalents: {},
  docs: [
    'https://learn.microsoft.com/en-us/azure/event-hubs/authenticate-shared-access-signature#disable-local-or-sas-key-authentication',
    azurermDoc('eventhub_namespace', 'local_authentication_enabled'),
  ],
  checks: settingChecks({
    subject: 'Event Hubs namespace',
    consequence: 'so shared access keys grant access with no identity attached',
    want: false,
    absentMeans: true,
    fix: false,
    formats: { terraform: { types: ['azurerm_eventhub_namespace'], path: ['local_authentication_enabled'] } },
  }),
});
