// CL-GCP-019: a Cloud SQL instance with a public IPv4 address (ipv4_enabled defaults to true).
import { cisGcp, defineRule, NOT_PUBLIC, settingChecks, tfGoogleDoc } from '../../kit';
import { SQL_INSTANCE } from '../../lib/gcp-sql';

export default defineRule({
  id: 'CL-GCP-019',
  slug: 'sql-public-ip',
  title: 'Cloud SQL instance has a public IP address',
  severity: 'medium',
  fixable: false,
  description:
    'With ipv4_enabled on (the default), the instance gets a public IP address: it is one authorized-network entry away from the internet, and clients are tempted to connect over it instead of a private path.',
  remediation: 'Set settings.ip_configuration.ipv4_enabled to false and connect through a private IP (private_network or Private Service Connect).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Google runs the instance and its network endpoints',
    customer: 'whether the instance has a public address is yours',
  },
  frameworks: [cisGcp('6.6', '6.2.9'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_GCP_60'], kics: ['b187edca-b81e-4fdc-aff4-aab57db45edb'] },
  docs: ['https://cloud.google.com/sql/docs/mysql/configure-private-ip', tfGoogleDoc('sql_database_instance', 'ipv4_enabled')],
  checks: settingChecks({
    subject: 'Cloud SQL instance',
    consequence: 'so it has a public IP address',
    want: false,
    absentMeans: true,
    // Turning the public address off cuts every client that uses it, and needs a private network first.
    fix: false,
    formats: {
      terraform: { types: [SQL_INSTANCE], path: ['settings', 'ip_configuration', 'ipv4_enabled'] },
    },
  }),
});
