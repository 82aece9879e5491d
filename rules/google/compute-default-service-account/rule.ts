// CL-GCP-015: a VM or template that runs as the default Compute Engine service account.
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { defaultServiceAccount, VM_TYPES } from '../../lib/gcp-compute';

export default defineRule({
  id: 'CL-GCP-015',
  slug: 'compute-default-service-account',
  title: 'VM runs as the default Compute Engine service account',
  severity: 'medium',
  fixable: false,
  description:
    'The default Compute Engine service account is shared by every VM that does not name another, and unless an organisation policy prevents it, it holds the Editor role on the project: a compromise of one VM reaches everything the project holds.',
  remediation: 'Create a service account for the workload, grant it only the roles it needs, and set service_account.email to it.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Google creates the default account and issues tokens for whatever account you attach',
    customer: 'which identity the VM runs as, and its roles, is yours',
  },
  frameworks: [cisGcp('4.1'), nist('AC-6'), pci('2.2.2')],
  equivalents: {
    checkov: ['CKV_GCP_30'],
    kics: ['3cb4af0b-056d-4fb1-8b95-fdc4593625ff'],
    trivy: ['google-compute-no-default-service-account'],
  },
  docs: ['https://cloud.google.com/compute/docs/access/service-accounts#default_service_account', tfGoogleDoc('compute_instance', 'service_account')],
  checks: {
    terraform: {
      reads: 'resource',
      types: VM_TYPES,
      run(r, ctx) {
        const def = defaultServiceAccount(r);
        if (!def) return;
        const kind = r.type === 'google_compute_instance' ? 'VM instance' : 'Instance template';
        ctx.report(def.at, `${kind} ${r.id} ${def.how}, which is shared with every such VM and often holds the project's Editor role.`);
      },
    },
  },
});
