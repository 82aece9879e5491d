// CL-GCP-017: a Cloud SQL instance that accepts unencrypted connections (ssl_mode, or the older require_ssl).
import { cisGcp, defineRule, IN_TRANSIT_STORES, keyNode, tfGoogleDoc } from '../../kit';
import { settingsOf, SQL_INSTANCE } from '../../lib/gcp-sql';

const ENFORCED = new Set(['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']);
const CONSEQUENCE = 'so clients may connect without TLS and send credentials and data in clear text';

export default defineRule({
  id: 'CL-GCP-017',
  slug: 'sql-ssl-not-required',
  title: 'Cloud SQL instance accepts unencrypted connections',
  severity: 'high',
  fixable: false,
  description:
    'Unless ssl_mode is ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (or the older require_ssl is true), the instance accepts plain-text connections: passwords and query results cross the network unencrypted.',
  remediation: 'Set settings.ip_configuration.ssl_mode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'Google provides the server certificate and TLS on every connection that asks for it',
    customer: 'refusing connections that do not is yours',
  },
  frameworks: [cisGcp('6.4'), ...IN_TRANSIT_STORES],
  equivalents: { checkov: ['CKV_GCP_6'], kics: ['02474449-71aa-40a1-87ae-e14497747b00'] },
  docs: ['https://cloud.google.com/sql/docs/mysql/configure-ssl-instance', tfGoogleDoc('sql_database_instance', 'ssl_mode')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_INSTANCE],
      run(r, ctx) {
        const settings = settingsOf(r);
        if (settings.isUnknown || !r.body.get('dynamic').get('settings').isAbsent || !settings.get('dynamic').get('ip_configuration').isAbsent) return;
        const ip = settings.get('ip_configuration').list()[0] ?? settings.get('ip_configuration');
        if (ip.isUnknown) return;
        const mode = ip.get('ssl_mode');
        const require = ip.get('require_ssl');
        if (!mode.isAbsent) {
          const m = mode.str()?.toUpperCase();
          if (m === undefined || ENFORCED.has(m)) return;
          ctx.report(mode, `Cloud SQL instance ${r.id} sets settings.ip_configuration.ssl_mode to ${mode.str()}, ${CONSEQUENCE}.`);
          return;
        }
        if (!require.isAbsent) {
          if (!require.isFalse()) return;
          ctx.report(require, `Cloud SQL instance ${r.id} sets settings.ip_configuration.require_ssl to false and no ssl_mode, ${CONSEQUENCE}.`);
          return;
        }
        const at = (!ip.isAbsent && keyNode(settings, 'ip_configuration')) || (!settings.isAbsent && keyNode(r.body, 'settings')) || r.anchor;
        ctx.report(at, `Cloud SQL instance ${r.id} does not set settings.ip_configuration.ssl_mode, which defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED, ${CONSEQUENCE}.`);
      },
    },
  },
});
