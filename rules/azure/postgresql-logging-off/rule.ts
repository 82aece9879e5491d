// CL-AZ-036: an Azure Database for PostgreSQL server parameter that turns off connection, checkpoint or duration
// logging, or connection throttling (azurerm_postgresql_configuration and the flexible server's configuration).
import { azurermDoc, cisAzure, AUDIT_LOGGING, defineRule } from '../../kit';

/** Parameters that must stay on, and what turning them off loses. */
const PARAMS: Record<string, string> = {
  log_connections: 'connection attempts are not logged',
  log_disconnections: 'session ends and their durations are not logged',
  log_checkpoints: 'checkpoints are not logged',
  log_duration: 'statement durations are not logged',
  connection_throttling: 'repeated failed logins are not throttled',
  'connection_throttle.enable': 'repeated failed logins are not throttled',
};

export default defineRule({
  id: 'CL-AZ-036',
  slug: 'postgresql-logging-off',
  title: 'PostgreSQL server turns off connection logging or throttling',
  severity: 'low',
  fixable: true,
  description:
    'Connection, disconnection, checkpoint and duration logs are what show brute-force attempts, unusual sessions and performance anomalies on a PostgreSQL server; connection throttling slows password guessing. A configuration that turns them off removes that evidence and protection.',
  remediation: 'Set the parameter back to "on" (or remove the configuration resource).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft runs the engine and collects the server logs the parameters ask for',
    customer: 'which events your server logs is your setting',
  },
  frameworks: [cisAzure('4.3.2', '4.3.3', '4.3.4', '4.3.5'), ...AUDIT_LOGGING],
  equivalents: {
    checkov: ['CKV_AZURE_30', 'CKV_AZURE_31', 'CKV_AZURE_32'],
    kics: [
      '3790d386-be81-4dcf-9850-eaa7df6c10d9',
      'c640d783-10c5-4071-b6c1-23507300d333',
      '07f7134f-9f37-476e-8664-670c218e4702',
      '16e0879a-c4ae-4ff8-a67d-a2eed5d67b8f',
      '2b3c671f-1b76-4741-8789-ed1fe0785dc4',
    ],
  },
  docs: [
    'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-logging',
    azurermDoc('postgresql_configuration'),
    azurermDoc('postgresql_flexible_server_configuration'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_postgresql_configuration', 'azurerm_postgresql_flexible_server_configuration'],
      run(r, ctx) {
        const name = r.body.get('name').str()?.trim().toLowerCase();
        const why = name === undefined ? undefined : PARAMS[name];
        if (!why) return;
        const value = r.body.get('value');
        const off = value.find((v) => v.str()?.trim().toLowerCase() === 'off');
        if (!off) return;
        ctx.report(off, `PostgreSQL configuration ${r.id} sets ${name} to ${off.str()}, so ${why}.`, {
          fix: { title: `Set ${name} to on`, edits: ctx.edits.setValue(off, 'on') },
        });
      },
    },
  },
});
