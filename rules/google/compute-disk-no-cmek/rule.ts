// CL-GCP-047: a persistent disk encrypted with Google-managed keys only (no customer-managed or customer-supplied key):
// disk resources, and the boot disk a VM instance creates from an image.
import type { CheckContext, Resource } from '../../kit';
import { AT_REST, defineRule, keyNode, tfGoogleDoc } from '../../kit';

const DISKS = ['google_compute_disk', 'google_compute_region_disk'];
const KEYS = ['kms_key_self_link', 'kms_key_name', 'raw_key', 'rsa_encrypted_key'];
/** The keys of a VM instance's boot_disk block (a CMEK, or a customer-supplied raw or RSA-wrapped key). */
const BOOT_KEYS = ['kms_key_self_link', 'disk_encryption_key_raw', 'disk_encryption_key_rsa'];
const INSTANCE = 'google_compute_instance';
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
  docs: [
    'https://cloud.google.com/compute/docs/disks/customer-managed-encryption',
    tfGoogleDoc('compute_disk', 'disk_encryption_key'),
    tfGoogleDoc('compute_instance', 'kms_key_self_link'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: [...DISKS, INSTANCE],
      run(r: Resource, ctx) {
        if (r.type === INSTANCE) return bootDisk(r, ctx);
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

/** A VM instance's boot disk, when the instance creates it (not `source`, an existing disk checked on its own). */
function bootDisk(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('boot_disk').isAbsent) return;
  const written = r.body.get('boot_disk');
  const boot = written.list()[0] ?? written;
  if (boot.isAbsent || boot.isUnknown || !boot.get('source').isAbsent) return;
  let empty: ReturnType<typeof boot.get> | undefined;
  for (const k of BOOT_KEYS) {
    const v = boot.get(k);
    if (v.isAbsent) continue;
    if (v.str() !== '') return; // a key, or one known only at plan time
    empty ??= v;
  }
  const what = `The boot disk of VM instance ${r.id}`;
  if (empty) return void ctx.report(empty, `${what} sets an empty encryption key, ${CONSEQUENCE}.`);
  ctx.report(keyNode(r.body, 'boot_disk') ?? r.anchor, `${what} has no kms_key_self_link or customer-supplied key, ${CONSEQUENCE}.`);
}
