// CL-GCP-042: a GKE cluster that sends no metrics to Cloud Monitoring.
import { defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-042',
  slug: 'gke-monitoring-off',
  title: 'GKE cluster has Cloud Monitoring off',
  severity: 'medium',
  fixable: false,
  description:
    'With monitoring_service set to none, the cluster’s system metrics are not collected: resource exhaustion, crash loops and abnormal activity go unnoticed.',
  remediation: 'Remove monitoring_service = "none" (the default is monitoring.googleapis.com/kubernetes).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'Google collects the cluster’s metrics into Cloud Monitoring when it is on',
    customer: 'keeping it on and alerting on them is yours',
  },
  frameworks: [nist('SI-4')],
  equivalents: { checkov: ['CKV_GCP_8'], kics: ['30e8dfd2-3591-4d19-8d11-79e93106c93d'] },
  docs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/configure-metrics', tfGoogleDoc('container_cluster', 'monitoring_service')],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: (r) =>
      r.body.get('monitoring_service').str()?.toLowerCase() === 'none'
        ? 'so the cluster’s system metrics are not collected'
        : 'the legacy Stackdriver service, decommissioned in 2021, so the cluster’s metrics are not collected as GKE now does',
    want: 'monitoring.googleapis.com/kubernetes',
    absentMeans: null,
    // `none`, or the legacy `monitoring.googleapis.com` (without `/kubernetes`), decommissioned with Legacy Stackdriver.
    ok: (v) => {
      const s = v.str()?.toLowerCase();
      return s === undefined ? undefined : s !== 'none' && s !== 'monitoring.googleapis.com';
    },
    fix: false,
    formats: { terraform: { types: [CLUSTER], path: ['monitoring_service'] } },
  }),
});
