// CL-AZ-051: an Azure SQL logical server without server-level auditing (azurerm_mssql_server_extended_auditing_policy,
// a separate resource that names the server in server_id; linked), or whose auditing policy sets enabled = false.
import { AUDIT_LOGGING, azurermDoc, type CheckContext, cisAzure, defineRule, ofType, type Resource } from '../../kit';

/** The current server resource and the older azurerm_sql_server (provider 2.x and 3.x), which had the inline block. */
const SERVERS = ['azurerm_mssql_server', 'azurerm_sql_server'];
const POLICY = 'azurerm_mssql_server_extended_auditing_policy';

export default defineRule({
  id: 'CL-AZ-051',
  slug: 'sql-server-auditing-disabled',
  title: 'SQL server has no auditing',
  severity: 'medium',
  fixable: false,
  description:
    'Without server-level auditing, the logins, queries and permission changes on every database of an Azure SQL logical server leave no record: an intrusion or a data leak cannot be traced or investigated.',
  remediation: 'Add an azurerm_mssql_server_extended_auditing_policy with server_id set to the server (to a storage account, Log Analytics or Event Hubs), and keep its enabled at true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft runs the database engine and records the audit events you turn on',
    customer: 'turning auditing on, where its records go and how long they are kept is yours',
  },
  frameworks: [cisAzure('4.1.1'), ...AUDIT_LOGGING],
  equivalents: { checkov: ['CKV_AZURE_23'], kics: ['609839ae-bd81-4375-9910-5bce72ae7b92', 'f7e296b0-6660-4bc5-8f87-22ac4a815edf'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview',
    azurermDoc('mssql_server_extended_auditing_policy'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: [...SERVERS, POLICY],
      run(r: Resource, ctx: CheckContext) {
        if (r.type === POLICY) {
          const enabled = r.body.get('enabled');
          if (enabled.bool() === false) ctx.report(enabled, `SQL server auditing policy ${r.id} sets enabled to false, so the server's database activity is not audited.`);
          return;
        }
        // An inline block (provider 2.x) counts as auditing.
        if (!r.body.get('extended_auditing_policy').isAbsent) return;
        if (ctx.referrers(r, [POLICY], 'server_id').length) return;
        // A policy whose server cannot be told (a variable, another module) may be this server's: not reported.
        const servers = ofType(ctx, ...SERVERS);
        const linked = new Set(servers.flatMap((s) => ctx.referrers(s, [POLICY], 'server_id')));
        if (ofType(ctx, POLICY).some((p) => !linked.has(p))) return;
        ctx.report(r.anchor, `SQL server ${r.id} has no azurerm_mssql_server_extended_auditing_policy that refers to it, so the activity on its databases is not audited.`);
      },
    },
  },
});
