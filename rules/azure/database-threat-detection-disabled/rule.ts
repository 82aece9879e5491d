// CL-AZ-053: threat detection (Microsoft Defender alerts) turned off on a database server: an Azure SQL server's
// security alert policy with state Disabled, an Azure SQL database's threat_detection_policy with state Disabled, or a
// PostgreSQL single server's threat_detection_policy with enabled = false.
import { azurermDoc, type CheckContext, cisAzure, defineRule, nist, pci, type Resource } from '../../kit';

const SQL_POLICY = 'azurerm_mssql_server_security_alert_policy';
const POSTGRES = 'azurerm_postgresql_server';
/** Azure SQL databases with an inline threat_detection_policy { state } (the older azurerm_sql_database too). */
const SQL_DATABASES = ['azurerm_mssql_database', 'azurerm_sql_database'];

export default defineRule({
  id: 'CL-AZ-053',
  slug: 'database-threat-detection-disabled',
  title: 'Database server has threat detection turned off',
  severity: 'medium',
  fixable: false,
  description:
    'Threat detection (Microsoft Defender for SQL or for open-source relational databases) alerts on SQL injection, unusual access locations, brute-force sign-ins and data exfiltration. Turned off, these attacks raise no alert.',
  remediation: 'Set state = "Enabled" on the azurerm_mssql_server_security_alert_policy (or in the database\'s threat_detection_policy), or enabled = true in the PostgreSQL server\'s threat_detection_policy (or enable Microsoft Defender for the databases of the subscription).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft runs the database service and the threat detection that analyses its activity',
    customer: 'turning threat detection on and acting on its alerts is yours',
  },
  frameworks: [cisAzure('4.2.1'), nist('SI-4', 'RA-5'), pci('11.5.1')],
  equivalents: { checkov: ['CKV_AZURE_128'], kics: ['c407c3cf-c409-4b29-b590-db5f4138d332', '83a229ba-483e-47c6-8db7-dc96969bce5a'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview',
    azurermDoc('mssql_server_security_alert_policy', 'state'),
    azurermDoc('postgresql_server', 'threat_detection_policy'),
    azurermDoc('mssql_database', 'threat_detection_policy'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: [SQL_POLICY, POSTGRES, ...SQL_DATABASES],
      run(r: Resource, ctx: CheckContext) {
        if (r.type === SQL_POLICY) {
          const state = r.body.get('state');
          const off = state.find((v) => v.str()?.toLowerCase() === 'disabled');
          if (off) ctx.report(off, `SQL server security alert policy ${r.id} sets state to ${off.str()}, so threat detection raises no alert on attacks against the server's databases.`);
          return;
        }
        if (SQL_DATABASES.includes(r.type)) {
          for (const policy of r.body.get('threat_detection_policy').list()) {
            const off = policy.get('state').find((v) => v.str()?.toLowerCase() === 'disabled');
            if (off) ctx.report(off, `SQL database ${r.id} sets threat_detection_policy.state to ${off.str()}, so threat detection raises no alert on attacks against the database.`);
          }
          return;
        }
        for (const policy of r.body.get('threat_detection_policy').list()) {
          const enabled = policy.get('enabled');
          if (enabled.bool() === false) ctx.report(enabled, `PostgreSQL server ${r.id} sets threat_detection_policy.enabled to false, so threat detection raises no alert on attacks against the server.`);
        }
      },
    },
  },
});
