// CL-GCP-046: a user-managed service account key created in Terraform.
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-046',
  slug: 'iam-sa-user-managed-key',
  title: 'User-managed service account key',
  severity: 'medium',
  fixable: false,
  description:
    'A google_service_account_key creates a long-lived private key for the account (ten years by default), which Terraform writes to its state: anyone who reads the state, or a copy of the key, can act as the account from anywhere until it is deleted.',
  remediation: 'Use attached service accounts, Workload Identity or Workload Identity Federation instead of keys; if a key is unavoidable, give it an expiry and rotate it.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'Google manages and rotates the keys of its own service-account credentials',
    customer: 'keys you create, and where they end up, are yours',
  },
  frameworks: [cisGcp('1.4'), nist('IA-5')],
  equivalents: {},
  docs: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys', tfGoogleDoc('google_service_account_key')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['google_service_account_key'],
      run(r, ctx) {
        const uploaded = !r.body.get('public_key_data').isAbsent;
        ctx.report(
          r.anchor,
          uploaded
            ? `Service account key ${r.id} uploads a user-managed public key, so the matching private key is a long-lived credential for the account that you must guard and rotate.`
            : `Service account key ${r.id} creates a user-managed key, so a long-lived private key for the account is kept in Terraform state.`,
        );
      },
    },
  },
});
