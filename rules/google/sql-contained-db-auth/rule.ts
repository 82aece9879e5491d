// CL-GCP-020: a Cloud SQL for SQL Server instance with the "contained database authentication" flag on.
import { cisGcp, defineRule, nist, tfGoogleDoc } from '../../kit';
import { engineOf, flag, SQL_INSTANCE } from '../../lib/gcp-sql';

const NAME = 'contained database authentication';

export default defineRule({
  id: 'CL-GCP-020',
  slug: 'sql-contained-db-auth',
  title: 'Cloud SQL for SQL Server allows contained database authentication',
  severity: 'medium',
  fixable: false,
  description:
    'With contained database authentication on, users defined inside a database log in without a server login: database owners can create users the instance administrators do not see, and a contained database attached elsewhere brings its users with it.',
  remediation: 'Set the "contained database authentication" flag to off (or remove it; it is off by default).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'Google runs the SQL Server engine and applies the flags you set',
    customer: 'the database flags and who may log in are yours',
  },
  frameworks: [cisGcp('6.3.7'), nist('AC-2', 'IA-2')],
  equivalents: {},
  docs: ['https://cloud.google.com/sql/docs/sqlserver/flags', tfGoogleDoc('sql_database_instance', 'database_flags')],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_INSTANCE],
      run(r, ctx) {
        if (engineOf(r) !== 'SQLSERVER') return;
        const f = flag(r, NAME);
        if (!f || f.value.str()?.toLowerCase() !== 'on') return;
        ctx.report(f.value, `Cloud SQL instance ${r.id} sets the database flag "${NAME}" to on, so users defined inside a database can log in without a server login.`);
      },
    },
  },
});
