// CL-AZ-015: a Key Vault key without an expiration date.
import { azurermDoc, cisAzure, defineRule, nist, pci } from '../../kit';

export default defineRule({
  id: 'CL-AZ-015',
  slug: 'key-vault-key-no-expiry',
  title: 'Key Vault key has no expiration date',
  severity: 'low',
  fixable: false,
  description:
    'A key without an expiration date stays usable for ever: nothing forces it to be rotated, and a key that leaked or outlived its purpose keeps working.',
  remediation: 'Set expiration_date (and a rotation_policy that rotates the key before it expires).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'secrets',
    provider: 'Microsoft keeps keys in its HSM-backed service and enforces the dates you set',
    customer: 'the lifetime and rotation of your keys are yours',
  },
  frameworks: [cisAzure('8.1', '8.2'), nist('SC-12'), pci('3.7.4')],
  equivalents: { checkov: ['CKV_AZURE_40'], kics: ['4d080822-5ee2-49a4-8984-68f3d4c890fc'] },
  docs: ['https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation', azurermDoc('key_vault_key', 'expiration_date')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_key_vault_key'],
      run(r, ctx) {
        if (!r.body.get('expiration_date').isAbsent) return;
        ctx.report(r.anchor, `Key Vault key ${r.id} does not set expiration_date, so it never expires and nothing forces its rotation.`);
      },
    },
  },
});
