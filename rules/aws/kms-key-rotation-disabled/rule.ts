// CL-AWS-071: a symmetric KMS key without automatic key rotation.
import { cfnGuideDoc, cisAws, defineRule, nist, pci, settingChecks, tfDoc, type Val } from '../../kit';

/** True when the key can rotate automatically: a symmetric encryption key whose material AWS KMS generated. */
function rotatable(spec: Val, origin: Val | undefined, customStore: Val | undefined): boolean {
  if (spec.isUnknown || !(spec.isAbsent || spec.str() === 'SYMMETRIC_DEFAULT')) return false;
  if (origin && (origin.isUnknown || !(origin.isAbsent || origin.str() === 'AWS_KMS'))) return false;
  if (customStore && !customStore.isAbsent) return false;
  return true;
}

export default defineRule({
  id: 'CL-AWS-071',
  slug: 'kms-key-rotation-disabled',
  title: 'KMS key rotation is not enabled',
  severity: 'medium',
  fixable: true,
  description:
    'Automatic rotation gives a symmetric customer managed key new key material every year (or the period you set) while keeping the old material to decrypt existing data. Without it, one key material protects all data for the key\'s whole life, which widens the impact of any exposure and fails cryptoperiod requirements.',
  remediation: 'Set EnableKeyRotation (enable_key_rotation) to true on symmetric encryption keys.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS keeps key material inside its HSMs and rotates AWS managed keys itself',
    customer: 'turning rotation on for your customer managed keys is yours',
  },
  frameworks: [cisAws('3.6'), nist('SC-12'), pci('3.7.4')],
  equivalents: {
    checkov: ['CKV_AWS_7'],
    kics: ['235ca980-eb71-48f4-9030-df0c371029eb', '1c07bfaf-663c-4f6f-b22b-8e2d481e4df5', '22fbfeac-7b5a-421a-8a27-7a2178bb910b'],
    trivy: ['aws-kms-auto-rotate-keys'],
    cfnNag: ['F19'],
  },
  docs: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    cfnGuideDoc('aws-resource-kms-key', 'cfn-kms-key-enablekeyrotation'),
    tfDoc('kms_key', 'enable_key_rotation'),
  ],
  checks: settingChecks({
    subject: 'KMS key',
    consequence: 'so the same key material protects everything it encrypts for as long as the key lives',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: {
        types: ['AWS::KMS::Key'],
        path: ['EnableKeyRotation'],
        appliesTo: (r) => rotatable(r.body.get('KeySpec'), r.body.get('Origin'), undefined),
      },
      terraform: {
        types: ['aws_kms_key'],
        path: ['enable_key_rotation'],
        appliesTo: (r) => {
          const store = r.body.get('custom_key_store_id');
          return rotatable(r.body.get('customer_master_key_spec'), undefined, store.isAbsent ? r.body.get('xks_key_id') : store);
        },
      },
    },
  }),

});
