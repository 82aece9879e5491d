// CL-GCP-013: a VM or template that turns off Shielded VM's vTPM or integrity monitoring.
import type { SettingFormat, SettingSpec } from '../../kit';
import { checkSetting, cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { VM_TYPES, vmSubject } from '../../lib/gcp-compute';

const spec = (key: string, consequence: string): [SettingSpec, SettingFormat] => [
  {
    subject: vmSubject,
    consequence,
    want: true,
    // Both default to true, in the block and without it.
    absentMeans: null,
    fixNote: 'needs an image that supports Shielded VM',
    formats: {},
  },
  { types: VM_TYPES, path: ['shielded_instance_config', key] },
];

const VTPM = spec('enable_vtpm', 'so boot measurements are not taken and secrets cannot be sealed to the VM');
const INTEGRITY = spec('enable_integrity_monitoring', 'so changes to its boot sequence go unnoticed');

export default defineRule({
  id: 'CL-GCP-013',
  slug: 'compute-shielded-vm-disabled',
  title: 'VM turns off Shielded VM protections',
  severity: 'medium',
  fixable: true,
  description:
    'Shielded VM measures the boot of the VM into a virtual TPM and compares it with a known-good baseline; with the vTPM or integrity monitoring off, a bootkit or rootkit that changes the boot chain goes unnoticed.',
  remediation: 'Remove enable_vtpm = false and enable_integrity_monitoring = false (both default to true), and turn on enable_secure_boot where the image allows.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'workload',
    provider: 'Google provides the verified firmware, the virtual TPM and the integrity baseline',
    customer: 'keeping them on for your VMs is yours',
  },
  frameworks: [cisGcp('4.8'), nist('SI-7')],
  // Not KICS 1b44e234 (shielded_vm_disabled): its query reads only `data "google_compute_instance"` blocks, never the
  // resources this rule checks, so a KICS suppression of it must not silence this rule (docs/bench-detect/gcp.md).
  equivalents: { checkov: ['CKV_GCP_39'], trivy: ['google-compute-enable-shielded-vm'] },
  docs: ['https://cloud.google.com/compute/shielded-vm/docs/shielded-vm', tfGoogleDoc('compute_instance', 'shielded_instance_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: VM_TYPES,
      run(r, ctx) {
        checkSetting(r, ctx, ...VTPM);
        checkSetting(r, ctx, ...INTEGRITY);
      },
    },
  },
});
