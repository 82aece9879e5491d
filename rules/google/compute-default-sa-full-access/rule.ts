// CL-GCP-008: a VM or template that runs as the default service account with the cloud-platform scope.
import { cisGcp, defineRule, nist, pci, tfGoogleDoc } from '../../kit';
import { defaultServiceAccount, VM_TYPES } from '../../lib/gcp-compute';

const FULL = new Set(['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform']);

export default defineRule({
  id: 'CL-GCP-008',
  slug: 'compute-default-sa-full-access',
  title: 'VM runs as the default service account with full access to all Cloud APIs',
  severity: 'high',
  fixable: false,
  description:
    'The default Compute Engine service account often holds the Editor role on the project; with the cloud-platform scope, any code on the VM (or anyone who reaches its metadata server) can use that role on every API.',
  remediation: 'Run the VM as a service account of its own with only the roles it needs, or at least narrow the scopes.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'Google issues short-lived tokens for the account and scopes you attach to the VM',
    customer: 'which identity the VM runs as, and what it may do, is yours',
  },
  frameworks: [cisGcp('4.2'), nist('AC-6'), pci('2.2.2', '7.2.5')],
  equivalents: { kics: ['bc280331-27b9-4acb-a010-018e8098aa5d'] },
  docs: ['https://cloud.google.com/compute/docs/access/service-accounts#default_service_account', tfGoogleDoc('compute_instance', 'service_account')],
  checks: {
    terraform: {
      reads: 'resource',
      types: VM_TYPES,
      run(r, ctx) {
        const def = defaultServiceAccount(r);
        if (!def) return;
        for (const scope of def.block.get('scopes').items()) {
          if (!FULL.has(scope.str() ?? '')) continue;
          const kind = r.type === 'google_compute_instance' ? 'VM instance' : 'Instance template';
          ctx.report(scope, `${kind} ${r.id} ${def.how}, with the cloud-platform scope, so code on it can use every role of that account on every API.`);
        }
      },
    },
  },
});
