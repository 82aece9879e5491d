// CL-GCP-045: a Cloud Run service or Cloud Function that anyone may invoke (an IAM grant to allUsers or allAuthenticatedUsers).
import { defineRule, nist, tfGoogleDoc } from '../../kit';
import { publicGrantCheck, whoIs } from '../../lib/gcp-iam';

const KINDS = [
  ['google_cloud_run_service_iam', 'Cloud Run service IAM'],
  ['google_cloud_run_v2_service_iam', 'Cloud Run service IAM'],
  ['google_cloudfunctions_function_iam', 'Cloud Function IAM'],
  ['google_cloudfunctions2_function_iam', 'Cloud Function IAM'],
] as const;
const TYPES = KINDS.flatMap(([prefix]) => ['member', 'binding', 'policy'].map((k) => `${prefix}_${k}`));

export default defineRule({
  id: 'CL-GCP-045',
  slug: 'serverless-invoker-public',
  title: 'Cloud Run service or Cloud Function can be invoked by anyone',
  severity: 'medium',
  fixable: false,
  description:
    'An invoker (or broader) role granted to allUsers or allAuthenticatedUsers makes the service callable without authentication by anyone who finds its URL: fine for a public website on purpose, a data leak or a cost and abuse risk for an internal API.',
  remediation: 'Grant roles/run.invoker (or roles/cloudfunctions.invoker) to the service accounts and groups that call the service; put public endpoints behind a load balancer with IAP or Cloud Armor.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Google authenticates every request against the service’s IAM policy',
    customer: 'who may invoke the service is yours',
  },
  frameworks: [nist('AC-3', 'IA-2')],
  equivalents: {},
  docs: ['https://cloud.google.com/run/docs/authenticating/public', tfGoogleDoc('cloud_run_v2_service_iam'), tfGoogleDoc('cloudfunctions2_function_iam')],
  checks: {
    terraform: publicGrantCheck({
      types: TYPES,
      subject: (r) => `${KINDS.find(([p]) => r.type.startsWith(`${p}_`))![1]} ${r.type.split('_iam_')[1]}`,
      consequence: (member) => `so ${whoIs(member)} can call it without authenticating`,
    }),
  },
});
