// CL-AZ-058: SQL auditing that deletes its records from the storage account after less than 90 days: the separate
// server and database auditing policies (named with the server or database they refer to, when it is in the file),
// and the inline extended_auditing_policy blocks of older provider versions.
import { azurermDoc, type CheckContext, cisAzure, defineRule, findById, nist, pci, type Resource, type Val } from '../../kit';

const SERVER_POLICY = 'azurerm_mssql_server_extended_auditing_policy';
const DATABASE_POLICY = 'azurerm_mssql_database_extended_auditing_policy';
/** Resources that carried an inline extended_auditing_policy block (azurerm 2.x; the SQL ones up to 3.x). */
const INLINE = ['azurerm_mssql_server', 'azurerm_mssql_database', 'azurerm_sql_server', 'azurerm_sql_database'];

const SUBJECTS: Record<string, string> = {
  azurerm_mssql_server: 'SQL server',
  azurerm_sql_server: 'SQL server',
  azurerm_mssql_database: 'SQL database',
  azurerm_sql_database: 'SQL database',
};

/** The retention_in_days value of a policy that keeps records in a storage account, when it is known and 1 to 89. */
function shortRetention(policy: Val): { at: Val; days: number } | undefined {
  // Retention applies to the storage account destination only.
  if (policy.get('storage_endpoint').isAbsent) return undefined;
  const at = policy.get('retention_in_days');
  const days = at.num();
  // Absent or 0: records are kept for good.
  if (days === undefined || days === 0 || days >= 90) return undefined;
  return { at, days };
}

/** ` (of SQL server azurerm_mssql_server.main)` when the policy refers to a server or database of the file. */
function target(r: Resource, ctx: CheckContext): string {
  const [types, attr] = r.type === SERVER_POLICY ? [['azurerm_mssql_server', 'azurerm_sql_server'], 'server_id'] : [['azurerm_mssql_database'], 'database_id'];
  const found = findById(ctx, types, r.references(attr));
  return found ? ` (of ${SUBJECTS[found.type]} ${found.id})` : '';
}

const CONSEQUENCE = 'so the audit records are deleted from the storage account before the 90 days an investigation needs';

export default defineRule({
  id: 'CL-AZ-058',
  slug: 'sql-audit-short-retention',
  title: 'SQL auditing keeps its records for less than 90 days',
  severity: 'low',
  fixable: false,
  description:
    'SQL auditing written to a storage account deletes its records after retention_in_days days (0, the default, keeps them for good). Kept for less than 90 days, the record of who logged in and what they read or changed may be gone before a breach is noticed.',
  remediation: 'Set retention_in_days to 90 or more, or to 0 (keep the records for good), on the server or database auditing policy.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft runs the database engine, writes the audit records you turn on and deletes them after the period you set',
    customer: 'how long the audit records are kept is yours',
  },
  frameworks: [cisAzure('4.1.6'), nist('AU-11'), pci('10.5.1')],
  equivalents: { checkov: ['CKV_AZURE_24'], kics: ['59acb56b-2b10-4c2c-ba38-f2223c3f5cfc', '9c301481-e6ec-44f7-8a49-8ec63e2969ea'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview',
    azurermDoc('mssql_server_extended_auditing_policy', 'retention_in_days'),
    azurermDoc('mssql_database_extended_auditing_policy', 'retention_in_days'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: [SERVER_POLICY, DATABASE_POLICY, ...INLINE],
      run(r: Resource, ctx: CheckContext) {
        if (r.type === SERVER_POLICY || r.type === DATABASE_POLICY) {
          const short = shortRetention(r.body);
          if (!short) return;
          const what = r.type === SERVER_POLICY ? 'SQL server auditing policy' : 'SQL database auditing policy';
          ctx.report(short.at, `${what} ${r.id}${target(r, ctx)} sets retention_in_days to ${short.days}, ${CONSEQUENCE}.`);
          return;
        }
        for (const block of r.body.get('extended_auditing_policy').list()) {
          const short = shortRetention(block);
          if (short) ctx.report(short.at, `${SUBJECTS[r.type]} ${r.id} sets extended_auditing_policy.retention_in_days to ${short.days}, ${CONSEQUENCE}.`);
        }
      },
    },
  },
});
