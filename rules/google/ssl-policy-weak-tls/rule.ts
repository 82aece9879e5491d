// CL-GCP-031: a load balancer SSL policy that accepts TLS 1.0 or 1.1.
import { cisGcp, defineRule, settingChecks, tfGoogleDoc, TLS_VERSIONS } from '../../kit';

export default defineRule({
  id: 'CL-GCP-031',
  slug: 'ssl-policy-weak-tls',
  title: 'SSL policy accepts TLS 1.0 or 1.1',
  severity: 'medium',
  fixable: false,
  description:
    'TLS 1.0 and 1.1 were deprecated by RFC 8996: they rely on SHA-1 and CBC constructions with known attacks, and a policy that accepts them lets clients (or an attacker forcing a downgrade) use them.',
  remediation: 'Set min_tls_version to TLS_1_2 (with the MODERN or RESTRICTED profile).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Google terminates TLS at the load balancer with the versions and ciphers your policy allows',
    customer: 'the policy is yours',
  },
  frameworks: [cisGcp('3.9'), ...TLS_VERSIONS],
  equivalents: { kics: ['14a457f0-473d-4d1d-9e37-6d99b355b336'] },
  docs: ['https://cloud.google.com/load-balancing/docs/ssl-policies-concepts', tfGoogleDoc('compute_ssl_policy', 'min_tls_version')],
  checks: settingChecks({
    subject: 'SSL policy',
    consequence: 'so clients can connect with deprecated TLS versions',
    want: 'TLS_1_2',
    absentMeans: 'TLS_1_0',
    ok: (v) => {
      const s = v.str()?.toUpperCase();
      return s === undefined ? undefined : s === 'TLS_1_2' || s === 'TLS_1_3';
    },
    // Old clients stop connecting: the decision is the owner's.
    fix: false,
    formats: {
      terraform: { types: ['google_compute_ssl_policy'], path: ['min_tls_version'] },
    },
  }),
});
