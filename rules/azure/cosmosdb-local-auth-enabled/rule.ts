// CL-AZ-039: a Cosmos DB account that accepts its primary keys.
import { azurermDoc, cisAzure, defineRule, nist, settingChecks } from '../../kit';

export default defineRule({
  id: 'CL-AZ-039',
  slug: 'cosmosdb-local-auth-enabled',
  title: 'Cosmos DB account allows key-based (local) authentication',
  severity: 'low',
  fixable: false,
  description:
    'While local authentication is allowed, the account\'s primary keys grant full access to all data with no identity attached; with it disabled only Microsoft Entra ID with Cosmos DB data-plane RBAC works.',
  remediation: 'Set local_authentication_disabled to true once clients use Microsoft Entra ID.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Microsoft runs the database service, replicates and backs it up and encrypts data at rest',
    customer: 'how clients authenticate to the account is yours',
  },
  frameworks: [cisAzure('4.5.3'), nist('IA-2', 'AC-3')],
  equivalents: { checkov: ['CKV_AZURE_140'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#disable-local-auth',
    azurermDoc('cosmosdb_account', 'local_authentication_disabled'),
  ],
  checks: settingChecks({
    subject: 'Cosmos DB account',
    consequence: 'so its primary keys grant full access with no identity attached',
    want: true,
    absentMeans: false,
    fix: false,
    formats: { terraform: { types: ['azurerm_cosmosdb_account'], path: ['local_authentication_disabled'] } },
  }),
});
