// CL-GCP-041: a GKE cluster that sends no logs to Cloud Logging.
import { AUDIT_LOGGING, defineRule, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-041',
  slug: 'gke-logging-off',
  title: 'GKE cluster has Cloud Logging off',
  severity: 'medium',
  fixable: false,
  description:
    'With logging_service set to none, system and workload logs of the cluster are not collected: an incident in the cluster leaves no trail to investigate.',
  remediation: 'Remove logging_service = "none" (the default is logging.googleapis.com/kubernetes).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'Google collects the cluster’s logs into Cloud Logging when it is on',
    customer: 'keeping it on and retaining the logs is yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: { checkov: ['CKV_GCP_1'], kics: ['4c7ebcb2-eae2-461e-bc83-456ee2d4f694'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs', tfGoogleDoc('container_cluster', 'logging_service')],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: (r) =>
      r.body.get('logging_service').str()?.toLowerCase() === 'none'
        ? 'so the cluster’s system and workload logs are not collected'
        : 'the legacy Stackdriver service, decommissioned in 2021, so the cluster’s logs are not collected as GKE now does',
    want: 'logging.googleapis.com/kubernetes',
    absentMeans: null,
    // `none`, or the legacy `logging.googleapis.com` (without `/kubernetes`), decommissioned with Legacy Stackdriver.
    ok: (v) => {
      const s = v.str()?.toLowerCase();
      return s === undefined ? undefined : s !== 'none' && s !== 'logging.googleapis.com';
    },
    fix: false,
    formats: { terraform: { types: [CLUSTER], path: ['logging_service'] } },
  }),
});
