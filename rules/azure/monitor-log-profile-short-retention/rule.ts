// CL-AZ-055: an Azure Monitor log profile that deletes exported activity logs after less than a year.
import { azurermDoc, cisAzure, defineRule, nist, pci, type Resource, settingChecks } from '../../kit';

/** True when the profile's retention policy is known to be on (off, or days = 0, keeps the logs for good). */
function retentionOn(r: Resource): boolean {
  return r.body.get('retention_policy').list().some((b) => b.get('enabled').isTrue());
}

export default defineRule({
  id: 'CL-AZ-055',
  slug: 'monitor-log-profile-short-retention',
  title: 'Log profile keeps the activity log for less than 365 days',
  severity: 'low',
  fixable: false,
  description:
    'With its retention policy on, a log profile deletes the activity log it archived to the storage account after `days` days. Breaches are often found months later: with less than a year kept, the control-plane record of what an intruder did may be gone by then.',
  remediation: 'Set retention_policy.days to 365 or more, or to 0 (keep the logs for good).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'Microsoft archives the activity log to the storage account you name and deletes it after the period you set',
    customer: 'how long the exported activity log is kept is yours',
  },
  frameworks: [cisAzure(), nist('AU-2', 'AU-12'), pci('10.5.1')],
  equivalents: { checkov: ['CKV_AZURE_37'], kics: ['2b856bf9-8e8c-4005-875f-303a8cba3918'], trivy: ['azure-monitor-activity-log-retention-set'] },
  docs: [
    'https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log',
    azurermDoc('monitor_log_profile', 'retention_policy'),
  ],
  checks: settingChecks({
    subject: 'Log profile',
    consequence: 'so the archived activity log is deleted before a year has passed',
    want: 365,
    // days defaults to 0: kept for good.
    absentMeans: null,
    appliesTo: retentionOn,
    ok: (v) => {
      const n = v.num();
      return n === undefined ? undefined : n === 0 || n >= 365;
    },
    fix: false,
    formats: { terraform: { types: ['azurerm_monitor_log_profile'], path: ['retention_policy', 'days'] } },
  }),
});
