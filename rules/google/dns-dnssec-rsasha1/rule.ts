// CL-GCP-028: a Cloud DNS zone whose DNSSEC key-signing or zone-signing key uses RSASHA1.
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-028',
  slug: 'dns-dnssec-rsasha1',
  title: 'Cloud DNS zone signs with RSASHA1',
  severity: 'medium',
  fixable: false,
  description:
    'RSASHA1 signatures rest on SHA-1, for which chosen-prefix collisions are practical; RFC 8624 says zones must not sign with it, and validating resolvers increasingly treat it as insecure.',
  remediation: 'Use rsasha256, rsasha512, ecdsap256sha256 or ecdsap384sha384 in dnssec_config.default_key_specs.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'Google signs the zone with the algorithms you choose',
    customer: 'choosing a current algorithm is yours',
  },
  frameworks: [cisGcp('3.4', '3.5'), nist('SC-13', 'SC-20')],
  equivalents: { kics: ['ccc3100c-0fdd-4a5e-9908-c10107291860'] },
  docs: ['https://cloud.google.com/dns/docs/dnssec-advanced', tfGoogleDoc('dns_managed_zone', 'default_key_specs')],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['google_dns_managed_zone'],
      run(r, ctx) {
        for (const cfg of r.body.get('dnssec_config').list()) {
          for (const spec of cfg.get('default_key_specs').list()) {
            const alg = spec.get('algorithm');
            if (alg.str()?.toLowerCase() !== 'rsasha1') continue;
            const type = spec.get('key_type').str();
            const key = type === 'keySigning' ? 'key-signing key' : type === 'zoneSigning' ? 'zone-signing key' : 'DNSSEC key';
            ctx.report(alg, `Cloud DNS zone ${r.id} signs its ${key} with ${alg.str()}, an algorithm based on SHA-1 that zones must no longer use.`);
          }
        }
      },
    },
  },
});
