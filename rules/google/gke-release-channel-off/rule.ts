// CL-GCP-055: a GKE cluster that opts out of release channels (release_channel.channel = "UNSPECIFIED").
import { defineRule, PATCHING, settingChecks, tfGoogleDoc } from '../../kit';
import { CLUSTER } from '../../lib/gcp-gke';

export default defineRule({
  id: 'CL-GCP-055',
  slug: 'gke-release-channel-off',
  title: 'GKE cluster is not enrolled in a release channel',
  severity: 'low',
  fixable: false,
  description:
    'A Standard cluster outside every release channel keeps the versions you pin, node pools may turn auto-upgrade off, and maintenance exclusions cannot be scoped: security patches reach it only when someone upgrades it or its version reaches end of support. Google has deprecated the option.',
  remediation: 'Set release_channel.channel to REGULAR or STABLE (or remove the block: new Standard clusters are enrolled by default), and control timing with a maintenance window.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'patching-and-versions',
    provider: 'Google qualifies patched GKE versions and rolls them out to each release channel',
    customer: 'enrolling the cluster, and choosing the channel and maintenance windows, is yours',
  },
  frameworks: PATCHING,
  equivalents: {},
  docs: [
    'https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/release-channels',
    tfGoogleDoc('container_cluster', 'release_channel'),
  ],
  checks: settingChecks({
    subject: 'GKE cluster',
    consequence: 'so it is in no release channel and gets patched versions only when upgraded by hand or at end of support',
    want: 'REGULAR',
    // No block (or no channel in it): GKE enrolls a new Standard cluster in a channel (Regular) by default.
    absentMeans: null,
    ok: (v) => {
      const s = v.str()?.toUpperCase();
      return s === undefined ? undefined : s !== 'UNSPECIFIED';
    },
    // Enrolling may upgrade the cluster at once, and the channel is a choice between stability and features.
    fix: false,
    formats: { terraform: { types: [CLUSTER], path: ['release_channel', 'channel'] } },
  }),
});
