// CL-GCP-016: a Cloud SQL instance that authorizes connections from the whole internet.
import { cisGcp, defineRule, NOT_PUBLIC, tfGoogleDoc } from '../../kit';
import { settingsOf, SQL_INSTANCE } from '../../lib/gcp-sql';

const WORLD = new Set(['0.0.0.0/0', '::/0', '0.0.0.0']);

export default defineRule({
  id: 'CL-GCP-016',
  slug: 'sql-authorized-network-open',
  title: 'Cloud SQL instance authorizes connections from any address',
  severity: 'critical',
  fixable: false,
  description:
    'An authorized network of 0.0.0.0/0 lets every address on the internet connect to the instance’s public IP: the database login is then the only barrier against password guessing and engine vulnerabilities.',
  remediation: 'Remove the 0.0.0.0/0 authorized network; connect through the Cloud SQL Auth Proxy or a private IP, or authorize only your own ranges.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'Google runs the instance and accepts connections on its public IP only from the networks you authorize',
    customer: 'which networks you authorize is yours',
  },
  frameworks: [cisGcp('6.5'), ...NOT_PUBLIC],
  equivalents: { checkov: ['CKV_GCP_11'], kics: ['b187edca-b81e-4fdc-aff4-aab57db45edb'] },
  docs: ['https://cloud.google.com/sql/docs/mysql/authorize-networks', tfGoogleDoc('sql_database_instance', 'authorized_networks')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_INSTANCE],
      run(r, ctx) {
        for (const ip of settingsOf(r).path('ip_configuration').list()) {
          for (const net of ip.get('authorized_networks').list()) {
            const value = net.get('value');
            if (!WORLD.has(value.str()?.trim() ?? '')) continue;
            ctx.report(value, `Cloud SQL instance ${r.id} authorizes ${value.str()} in settings.ip_configuration.authorized_networks, so any address on the internet can connect to its public IP.`);
          }
        }
      },
    },
  },
});
