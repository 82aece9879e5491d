// CL-GCP-049: Cloud Audit Logs configuration that exempts principals, or names a log type that does not exist.
import type { Resource } from '../../kit';
import { AUDIT_LOGGING, cisGcp, defineRule, tfGoogleDoc } from '../../kit';

const TYPES = ['google_project_iam_audit_config', 'google_folder_iam_audit_config', 'google_organization_iam_audit_config'];
const LOG_TYPES = new Set(['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']);

export default defineRule({
  id: 'CL-GCP-049',
  slug: 'iam-audit-log-exemptions',
  title: 'Data Access audit logs exempt some principals',
  severity: 'medium',
  fixable: false,
  description:
    'Exempted members are left out of the Data Access audit logs: what they read and change is not recorded, which is exactly what an insider or a stolen identity on that list would want.',
  remediation: 'Remove exempted_members from every audit_log_config (and log ADMIN_READ, DATA_READ and DATA_WRITE for allServices).',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'Google records Admin Activity logs always, and Data Access logs as you configure them',
    customer: 'which data access is logged, and for whom, is yours',
  },
  frameworks: [cisGcp('2.1'), ...AUDIT_LOGGING],
  equivalents: { kics: ['89fe890f-b480-460c-8b6b-7d8b1468adb4'] },
  docs: ['https://cloud.google.com/logging/docs/audit/configure-data-access', tfGoogleDoc('google_project_iam', 'google_project_iam_audit_config')],
  checks: {
    terraform: {
      reads: 'resource',
      types: TYPES,
      run(r: Resource, ctx) {
        for (const cfg of r.body.get('audit_log_config').list()) {
          const logType = cfg.get('log_type');
          const t = logType.str();
          if (t !== undefined && !LOG_TYPES.has(t)) ctx.report(logType, `Audit config ${r.id} names log type ${t}, which does not exist (ADMIN_READ, DATA_READ or DATA_WRITE), so the intended logs are not configured.`);
          for (const m of cfg.get('exempted_members').items()) {
            const member = m.str();
            if (member === undefined) continue;
            ctx.report(m, `Audit config ${r.id} exempts ${member} from ${t ?? 'its'} audit logs, so that principal's data access is not recorded.`);
          }
        }
      },
    },
  },
});
