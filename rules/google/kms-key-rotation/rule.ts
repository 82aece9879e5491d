// CL-GCP-021: a Cloud KMS symmetric key without automatic rotation, or rotated less often than every 90 days.
import { cisGcp, defineRule, nist, pci, settingChecks, tfGoogleDoc } from '../../kit';

const NINETY_DAYS = 90 * 24 * 3600;

/** Seconds of a rotation period (`7776000s`), or undefined when it is not a known duration. */
function seconds(s: string | undefined): number | undefined {
  const m = s === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(s.trim());
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  id: 'CL-GCP-021',
  slug: 'kms-key-rotation',
  title: 'Cloud KMS key is not rotated at least every 90 days',
  severity: 'medium',
  fixable: true,
  description:
    'A symmetric key without automatic rotation (or with a period over 90 days) keeps encrypting new data with the same key version for years: more data is exposed if that version leaks, and the cryptoperiod exceeds common key-management guidance.',
  remediation: 'Set rotation_period to "7776000s" (90 days) or less.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'Google creates new key versions on the schedule you set, and keeps old versions for decryption',
    customer: 'setting the rotation period is yours',
  },
  frameworks: [cisGcp('1.10'), nist('SC-12'), pci('3.7.4')],
  equivalents: { kics: ['d8c57c4e-bf6f-4e32-a2bf-8643532de77b'] },
  docs: ['https://cloud.google.com/kms/docs/key-rotation', tfGoogleDoc('kms_crypto_key', 'rotation_period')],
  checks: settingChecks({
    subject: 'Cloud KMS key',
    consequence: 'so the same key version encrypts new data for longer than 90 days',
    want: '7776000s',
    absentMeans: 'no automatic rotation',
    ok: (v) => {
      const n = seconds(v.str());
      return n === undefined ? undefined : n <= NINETY_DAYS;
    },
    // Only symmetric encryption keys rotate automatically.
    appliesTo: (r) => {
      const purpose = r.body.get('purpose');
      return purpose.isAbsent || purpose.str() === 'ENCRYPT_DECRYPT';
    },
    formats: {
      terraform: { types: ['google_kms_crypto_key'], path: ['rotation_period'] },
    },
  }),
});
