// CL-GCP-010: a VM that accepts the project-wide SSH keys (every key in project metadata logs in to it).
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { metadataFlagChecks } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-010',
  slug: 'compute-project-ssh-keys-allowed',
  title: 'VM accepts project-wide SSH keys',
  severity: 'medium',
  fixable: true,
  description:
    'Project-wide SSH keys in project metadata log in to every VM of the project that does not block them: one leaked key opens all of them.',
  remediation: 'Set block-project-ssh-keys to true in the VM metadata (or use OS Login), and give the VM only its own keys.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Google’s guest environment installs the SSH keys that the metadata lists',
    customer: 'which keys reach which VM is your metadata setting',
  },
  frameworks: [cisGcp('4.3'), nist('AC-6', 'IA-2')],
  equivalents: { checkov: ['CKV_GCP_32'], kics: ['3e4d5ce6-3280-4027-8010-c26eeea1ec01'], trivy: ['google-compute-no-project-wide-ssh-keys'] },
  docs: ['https://cloud.google.com/compute/docs/connect/restrict-ssh-keys', tfGoogleDoc('compute_instance', 'metadata')],
  checks: metadataFlagChecks({
    key: 'block-project-ssh-keys',
    want: true,
    // A VM accepts project keys unless its metadata blocks them.
    vmAbsent: false,
    projectAbsent: null,
    project: false,
    consequence: 'so every project-wide SSH key logs in to it',
  }),
});
