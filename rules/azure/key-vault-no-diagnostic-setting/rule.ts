// CL-AZ-056: a key vault whose audit logs (AuditEvent) go nowhere: no azurerm_monitor_diagnostic_setting refers to it
// (cross-resource, linked by target_resource_id), or none of those that do sends the audit category.
import { AUDIT_LOGGING, azurermDoc, type CheckContext, cisAzure, defineRule, type Resource, type Val } from '../../kit';
import { blockItems, configsOf, tfBlock } from '../../lib/s3';

const DIAGNOSTIC_SETTING = 'azurerm_monitor_diagnostic_setting';
const CONSEQUENCE = 'so who read, changed or deleted its keys, secrets and certificates is not recorded';

/** True when a log entry (an `enabled_log` or a `log` block) names the audit logs: `AuditEvent`, or the `audit` or `allLogs` group. */
function namesAudit(entry: Val): boolean {
  const category = entry.get('category');
  const group = entry.get('category_group');
  // A category or group not known here may be the audit one.
  if (category.isUnknown || group.isUnknown) return true;
  return category.str()?.toLowerCase() === 'auditevent' || ['audit', 'alllogs'].includes(group.str()?.toLowerCase() ?? '');
}

/**
 * True when the diagnostic setting sends (or may send) the vault's audit logs: an `enabled_log` block for them, or a
 * `log` block (provider 3.x) for them that is not turned off. A `dynamic` block counts: its content is not known here.
 */
function sendsAudit(setting: Resource): boolean {
  const enabled = tfBlock(setting, 'enabled_log');
  const log = tfBlock(setting, 'log');
  if (enabled.isUnknown || log.isUnknown) return true;
  if (blockItems(enabled).some((b) => b.isUnknown || namesAudit(b))) return true;
  return blockItems(log).some((b) => b.isUnknown || (namesAudit(b) && !b.get('enabled').isFalse()));
}

export default defineRule({
  id: 'CL-AZ-056',
  slug: 'key-vault-no-diagnostic-setting',
  title: 'Key vault audit logs are not collected',
  severity: 'medium',
  fixable: false,
  description:
    'Key Vault records every operation on its keys, secrets and certificates (who, when, from where, with what result) as AuditEvent resource logs, but keeps them only when a diagnostic setting sends them to a Log Analytics workspace, a storage account or an event hub. Without one, a stolen secret or a misused key leaves no trace.',
  remediation: 'Add an azurerm_monitor_diagnostic_setting with target_resource_id set to the vault and an enabled_log block for the AuditEvent category (or the audit category group).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft runs the vault and produces an audit record of every operation on it',
    customer: 'sending those records to a destination, keeping and reading them are yours',
  },
  frameworks: [cisAzure('5.1.5'), ...AUDIT_LOGGING],
  equivalents: { kics: ['38c71c00-c177-4cd7-8d36-cd1007cdb190'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/key-vault/general/logging',
    azurermDoc('monitor_diagnostic_setting'),
  ],
  checks: {
    terraform: {
      reads: 'scope',
      types: ['azurerm_key_vault'],
      run(r: Resource, ctx: CheckContext) {
        const { linked, possible } = configsOf(r, ctx, [DIAGNOSTIC_SETTING], 'target_resource_id');
        // A diagnostic setting whose target is not known here (a variable, a data source) may be this vault's.
        if (possible.length) return;
        if (!linked.length) {
          ctx.report(r.anchor, `Key vault ${r.id} has no ${DIAGNOSTIC_SETTING} that refers to it, ${CONSEQUENCE}.`);
          return;
        }
        if (linked.some(sendsAudit)) return;
        const names = linked.map((s) => s.id).join(', ');
        ctx.report(r.anchor, `Key vault ${r.id} has diagnostic settings (${names}) that do not send its AuditEvent logs, ${CONSEQUENCE}.`);
      },
    },
  },
});
