// CL-GCP-031: a load balancer SSL policy that accepts TLS 1.0 or 1.1, or weak TLS 1.2 cipher suites (the COMPATIBLE
// profile, the default, or CUSTOM features without forward secrecy or with 3DES): both halves of CIS GCP 3.9.
import type { SettingFormat, SettingSpec } from '../../kit';
import { checkSetting, cisGcp, defineRule, tfGoogleDoc, TLS_VERSIONS } from '../../kit';

const TYPE = 'google_compute_ssl_policy';

const TLS: SettingSpec = {
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
  formats: {},
};
const TLS_FORMAT: SettingFormat = { types: [TYPE], path: ['min_tls_version'] };

/** The cipher suites CIS GCP 3.9 names as weak: RSA key exchange (no forward secrecy) and 3DES. */
const WEAK_FEATURES: ReadonlySet<string> = new Set([
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
]);
const COMPATIBLE = 'so clients can negotiate cipher suites without forward secrecy (TLS_RSA_*) and 3DES';

export default defineRule({
  id: 'CL-GCP-031',
  slug: 'ssl-policy-weak-tls',
  title: 'SSL policy accepts TLS 1.0/1.1 or weak cipher suites',
  severity: 'medium',
  fixable: false,
  description:
    'TLS 1.0 and 1.1 were deprecated by RFC 8996, and the COMPATIBLE profile (the default) or a CUSTOM one with TLS_RSA_* or 3DES suites lets clients, or an attacker forcing a downgrade, negotiate key exchanges without forward secrecy and ciphers with known weaknesses.',
  remediation: 'Set min_tls_version to TLS_1_2 and profile to MODERN or RESTRICTED (or CUSTOM without TLS_RSA_* and 3DES features).',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'Google terminates TLS at the load balancer with the versions and ciphers your policy allows',
    customer: 'the policy is yours',
  },
  frameworks: [cisGcp('3.9'), ...TLS_VERSIONS],
  equivalents: { kics: ['14a457f0-473d-4d1d-9e37-6d99b355b336'] },
  docs: [
    'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts',
    tfGoogleDoc('compute_ssl_policy', 'min_tls_version'),
    tfGoogleDoc('compute_ssl_policy', 'profile'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: [TYPE],
      run(r, ctx) {
        checkSetting(r, ctx, TLS, TLS_FORMAT);
        const profile = r.body.get('profile');
        if (profile.isAbsent) {
          ctx.report(r.anchor, `SSL policy ${r.id} does not set profile, which defaults to COMPATIBLE, ${COMPATIBLE}.`);
          return;
        }
        const p = profile.str()?.toUpperCase();
        if (p === 'COMPATIBLE') return void ctx.report(profile, `SSL policy ${r.id} uses the COMPATIBLE profile, ${COMPATIBLE}.`);
        if (p !== 'CUSTOM') return;
        for (const feature of r.body.get('custom_features').items()) {
          const f = feature.str()?.toUpperCase();
          if (f && WEAK_FEATURES.has(f)) {
            const why = f.includes('3DES') ? 'a 3DES cipher suite' : 'an RSA key exchange without forward secrecy';
            ctx.report(feature, `SSL policy ${r.id} enables ${f}, ${why}.`);
          }
        }
      },
    },
  },
});
