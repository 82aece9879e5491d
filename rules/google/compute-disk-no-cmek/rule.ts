// CL-GCP-047: a persistent disk encrypted with Google-managed keys only (no customer-managed or customer-supplied key).
import type { Resource } from '../../kit';
import { AT_REST, defineRule, keyNode, tfGoogleDoc } from '../../kit';

const DISKS = ['google_compute_disk', 'google_compute_region_disk'];
const KEYS = ['kms_key_self_link', 'kms_key_name', 'raw_key', 'rsa_encrypted_key'];
const CONSEQUENCE = 'so its data is encrypted only with a Google-managed key you cannot disable, rotate or audit';

export default defineRule({
  id: 'CL-GCP-047',
  slug: 'compute-disk-no-cmek',
  title: 'Persistent disk does not use a customer-managed key',
  severity: 'low',
  fixable: false,
  description:
    'Compute Engine encrypts every disk with Google-managed keys. With a Cloud KMS key of your own (CMEK), you decide who may use the key, see each use in audit logs, and can make the data unreadable by disabling it.',
  remediation: 'Set disk_encryption_key.kms_key_self_link to a Cloud KMS key (the Compute Engine service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Google encrypts every disk at rest with keys it manages',
    customer: 'controlling the key with Cloud KMS is your choice',
  },
  frameworks: AT_REST,
  equivalents: { kics: ['b1d51728-7270-4991-ac2f-fc26e2695b38'], trivy: ['google-compute-disk-encryption-customer-key'] },
  docs: ['https://cloud.google.com/compute/docs/disks/customer-managed-encryption', tfGoogleDoc('compute_disk', 'disk_encryption_key')],
  checks: {
    terraform: {
      reads: 'resource',
      types: DISKS,
      run(r: Resource, ctx) {
        if (!r.body.get('dynamic').get('disk_encryption_key').isAbsent) return;
        const block = r.body.get('disk_encryption_key').list()[0] ?? r.body.get('disk_encryption_key');
        if (block.isUnknown) return;
        let empty: ReturnType<typeof block.get> | undefined;
        for (const k of KEYS) {
          const v = block.get(k);
          if (v.isAbsent) continue;
          if (v.str() !== '') return; // a key, or one known only at plan time
          empty ??= v;
        }
        if (empty) return void ctx.report(empty, `Disk ${r.id} sets an empty disk_encryption_key, ${CONSEQUENCE}.`);
        const at = (!block.isAbsent && keyNode(r.body, 'disk_encryption_key')) || r.anchor;
        ctx.report(at, `Disk ${r.id} has no customer-managed or customer-supplied disk_encryption_key, ${CONSEQUENCE}.`);
      },
    },
  },
});
