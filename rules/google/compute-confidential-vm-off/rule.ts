// CL-GCP-057: a VM or template that is not a Confidential VM (memory not encrypted in use).
import { cisGcp, defineRule, keyNode, nist, tfGoogleDoc } from '../../kit';
import { VM_TYPES, vmSubject } from '../../lib/gcp-compute';

const CONSEQUENCE = 'so its memory is not encrypted while in use and the host could read it';

export default defineRule({
  id: 'CL-GCP-057',
  slug: 'compute-confidential-vm-off',
  title: 'VM is not a Confidential VM',
  severity: 'low',
  fixable: false,
  description:
    'Google Cloud encrypts data at rest and in transit, but a VM’s memory holds it in clear while it is processed. A Confidential VM keeps its memory encrypted with a key held by the CPU (AMD SEV, SEV-SNP or Intel TDX), out of reach of the hypervisor and host.',
  remediation:
    'Use a machine series that supports Confidential VM (N2D, C2D, C3D, C3 and others), set scheduling.on_host_maintenance to TERMINATE where required, and set confidential_instance_config.enable_confidential_compute to true (or confidential_instance_type).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Google provides the CPU memory encryption and the attestation of Confidential VMs',
    customer: 'running sensitive workloads on Confidential VMs is yours',
  },
  frameworks: [cisGcp('4.11'), nist('SC-28')],
  equivalents: {},
  docs: [
    'https://cloud.google.com/confidential-computing/confidential-vm/docs/confidential-vm-overview',
    tfGoogleDoc('compute_instance', 'confidential_instance_config'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: VM_TYPES,
      run(r, ctx) {
        if (!r.body.get('dynamic').get('confidential_instance_config').isAbsent) return;
        const written = r.body.get('confidential_instance_config');
        if (written.isUnknown) return;
        const block = written.list()[0] ?? written;
        if (block.isUnknown) return;
        // A confidential_instance_type (SEV, SEV_SNP, TDX) turns it on by itself.
        const type = block.get('confidential_instance_type');
        if (type.isUnknown) return;
        const t = type.str()?.toUpperCase();
        if (t !== undefined && t !== '' && t !== 'CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED') return;
        const enable = block.get('enable_confidential_compute');
        if (enable.isTrue() || enable.isUnknown) return;
        const subject = `${vmSubject(r)} ${r.id}`;
        if (enable.isFalse()) return void ctx.report(enable, `${subject} sets confidential_instance_config.enable_confidential_compute to false, ${CONSEQUENCE}.`);
        const at = (!written.isAbsent && keyNode(r.body, 'confidential_instance_config')) || r.anchor;
        ctx.report(at, `${subject} does not set confidential_instance_config.enable_confidential_compute, which defaults to false, ${CONSEQUENCE}.`);
      },
    },
  },
});
