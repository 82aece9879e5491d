// CL-GCP-027: a public Cloud DNS zone without DNSSEC.
import { cisGcp, defineRule, nist, settingChecks, tfGoogleDoc } from '../../kit';

export default defineRule({
  id: 'CL-GCP-027',
  slug: 'dns-dnssec-off',
  title: 'Cloud DNS public zone has DNSSEC off',
  severity: 'medium',
  fixable: true,
  description:
    'Without DNSSEC, resolvers cannot tell your zone’s real answers from forged ones: cache poisoning and spoofed responses can send your users and your email to an attacker.',
  remediation: 'Add dnssec_config { state = "on" } to the zone, then publish its DS record at your registrar.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'Google signs the zone and manages its keys once DNSSEC is on',
    customer: 'turning it on, and publishing the DS record at your registrar, is yours',
  },
  frameworks: [cisGcp('3.3'), nist('SC-20')],
  equivalents: { kics: ['5ef61c88-bbb4-4725-b1df-55d23c9676bb'] },
  docs: ['https://cloud.google.com/dns/docs/dnssec-config', tfGoogleDoc('dns_managed_zone', 'dnssec_config')],
  checks: settingChecks({
    subject: 'Cloud DNS zone',
    consequence: 'so resolvers cannot detect forged answers for it',
    want: 'on',
    absentMeans: 'off',
    // DNSSEC applies to public zones only.
    appliesTo: (r) => {
      const visibility = r.body.get('visibility');
      return visibility.isAbsent || visibility.str()?.toLowerCase() === 'public';
    },
    formats: {
      terraform: { types: ['google_dns_managed_zone'], path: ['dnssec_config', 'state'] },
    },
  }),
});
