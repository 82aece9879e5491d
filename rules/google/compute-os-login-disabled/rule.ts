// CL-GCP-011: OS Login turned off for a VM, or not turned on for the project.
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { metadataFlagChecks } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-011',
  slug: 'compute-os-login-disabled',
  title: 'OS Login is disabled',
  severity: 'medium',
  fixable: true,
  description:
    'Without OS Login, SSH access to VMs is granted by keys in metadata instead of IAM: access is not tied to a Google identity, survives the user leaving, and is not audited per user.',
  remediation: 'Set enable-oslogin to TRUE in the project metadata, and do not set it to FALSE on VMs.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Google runs OS Login and checks each SSH login against IAM when it is on',
    customer: 'turning it on for the project and keeping VMs from opting out is yours',
  },
  frameworks: [cisGcp('4.4'), nist('AC-2', 'IA-2')],
  equivalents: { checkov: ['CKV_GCP_34'], kics: ['d0b4d550-c001-46c3-bbdb-d5d75d33f05f', '32ecd6eb-0711-421f-9627-1a28d9eff217'], trivy: ['google-compute-no-oslogin-override'] },
  docs: ['https://cloud.google.com/compute/docs/oslogin/set-up-oslogin', tfGoogleDoc('compute_project_metadata')],
  checks: metadataFlagChecks({
    key: 'enable-oslogin',
    want: true,
    // A VM without the key follows the project; project metadata without it leaves OS Login off.
    vmAbsent: null,
    projectAbsent: false,
    consequence: 'so SSH access goes by metadata keys instead of IAM',
  }),
});
