// CL-AZ-016: a Key Vault secret without an expiration date.
import { azurermDoc, cisAzure, defineRule, nist } from '../../kit';

export default defineRule({
  id: 'CL-AZ-016',
  slug: 'key-vault-secret-no-expiry',
  title: 'Key Vault secret has no expiration date',
  severity: 'low',
  fixable: false,
  description:
    'A secret without an expiration date stays valid for ever: nothing flags it for rotation, and a secret that leaked or outlived its purpose keeps working.',
  remediation: 'Set expiration_date and rotate the secret (and the credential it holds) before it expires.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'secrets',
    provider: 'Microsoft stores secrets encrypted and reports the dates you set',
    customer: 'the lifetime and rotation of your secrets are yours',
  },
  frameworks: [cisAzure('8.3', '8.4'), nist('IA-5')],
  equivalents: { checkov: ['CKV_AZURE_41'], kics: ['dfa20ffa-f476-428f-a490-424b41e91c7f'] },
  docs: ['https://learn.microsoft.com/en-us/azure/key-vault/secrets/tutorial-rotation', azurermDoc('key_vault_secret', 'expiration_date')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_key_vault_secret'],
      run(r, ctx) {
        if (!r.body.get('expiration_date').isAbsent) return;
        ctx.report(r.anchor, `Key Vault secret ${r.id} does not set expiration_date, so it never expires and nothing flags it for rotation.`);
      },
    },
  },
});
