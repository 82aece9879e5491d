// CL-AZ-054: an Azure Monitor log profile that does not export every category of the activity log.
import { AUDIT_LOGGING, azurermDoc, type CheckContext, cisAzure, defineRule, type Resource } from '../../kit';

/** The activity log categories a log profile exports: every control-plane operation falls in one of them. */
const CATEGORIES = ['Write', 'Delete', 'Action'];

export default defineRule({
  id: 'CL-AZ-054',
  slug: 'monitor-log-profile-missing-categories',
  title: 'Log profile does not export every activity log category',
  severity: 'medium',
  fixable: false,
  description:
    'A log profile exports the subscription\'s activity log (who created, changed, deleted or acted on which resource) to a storage account or an event hub. A category left out of `categories` (Write, Delete or Action) is not exported, so those operations are gone once the activity log drops them after 90 days.',
  remediation: 'List all three categories, "Write", "Delete" and "Action", in the log profile\'s categories (or export the activity log with a subscription diagnostic setting instead).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft records every control-plane operation in the activity log and keeps it for 90 days',
    customer: 'exporting it, which categories and for how long are yours',
  },
  frameworks: [cisAzure(), ...AUDIT_LOGGING],
  equivalents: { checkov: ['CKV_AZURE_38'], trivy: ['azure-monitor-capture-all-activities'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log',
    azurermDoc('monitor_log_profile', 'categories'),
  ],
  checks: {
    terraform: {
      reads: 'resource',
      types: ['azurerm_monitor_log_profile'],
      run(r: Resource, ctx: CheckContext) {
        const categories = r.body.get('categories');
        // A required attribute: absent is a configuration error; an unknown list or item is not judged.
        if (!categories.isSeq) return;
        const items = categories.items();
        if (items.some((i) => i.str() === undefined)) return;
        const have = new Set(items.map((i) => i.str()!.toLowerCase()));
        const missing = CATEGORIES.filter((c) => !have.has(c.toLowerCase()));
        if (!missing.length) return;
        const quoted = missing.map((c) => `"${c}"`);
        const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
        ctx.report(
          categories,
          `Log profile ${r.id} does not export the ${list} ${missing.length === 1 ? 'category' : 'categories'} of the activity log, so those operations are not kept beyond the activity log's 90 days.`,
        );
      },
    },
  },
});
