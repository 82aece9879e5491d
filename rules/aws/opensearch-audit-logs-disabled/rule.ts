// CL-AWS-184: an OpenSearch (Elasticsearch) domain that does not publish its audit log.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, checkSetting, defineRule, type Resource, type SettingSpec, tfDoc } from '../../kit';

const CONSEQUENCE = 'so sign-ins, denied requests and changes to indexes and security settings are not recorded';

const AUDIT: SettingSpec = {
  subject: 'Domain',
  consequence: CONSEQUENCE,
  want: true,
  absentMeans: false,
  // Adding AUDIT_LOGS needs a log group ARN (the user's choice): a missing one has no fix. A written Enabled: false is
  // reported (and fixed in place) by `cfn` itself, so the setting layer accepts it and reports only what is missing.
  fix: false,
  ok: (v) => (v.bool() === undefined ? undefined : true),
  formats: {
    cloudformation: {
      types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
      // An AUDIT_LOGS entry without Enabled publishes nothing: Enabled defaults to false (LogPublishingOption).
      path: ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled'],
    },
  },
};

function cfn(r: Resource, ctx: CheckContext): void {
  const enabled = r.body.path('LogPublishingOptions', 'AUDIT_LOGS', 'Enabled');
  const off = enabled.find((e) => e.isFalse());
  if (off) {
    ctx.report(off, `Domain ${r.id} sets LogPublishingOptions.AUDIT_LOGS.Enabled to false, ${CONSEQUENCE}.`, {
      fix: { title: 'Set Enabled to true', edits: ctx.edits.setValue(off, true) },
    });
    return;
  }
  checkSetting(r, ctx, AUDIT, AUDIT.formats.cloudformation!);
}

/** Terraform: a `log_publishing_options` block with log_type AUDIT_LOGS (`enabled` defaults to true). */
function terraform(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('log_publishing_options').isAbsent) return;
  const options = r.body.get('log_publishing_options');
  if (options.isUnknown) return;
  let unknown = false;
  for (const block of options.list()) {
    const type = block.get('log_type');
    if (type.isUnknown) unknown = true;
    if (type.str() !== 'AUDIT_LOGS') continue;
    const enabled = block.get('enabled');
    if (enabled.isFalse()) {
      ctx.report(enabled, `Domain ${r.id} publishes AUDIT_LOGS with enabled false, ${CONSEQUENCE}.`, {
        fix: { title: 'Set enabled to true', edits: ctx.edits.setValue(enabled, true) },
      });
    }
    return;
  }
  if (unknown) return;
  ctx.report(r.anchor, `Domain ${r.id} has no log_publishing_options block for AUDIT_LOGS, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-184',
  slug: 'opensearch-audit-logs-disabled',
  title: 'OpenSearch domain does not publish audit logs',
  severity: 'low',
  fixable: true,
  description:
    'OpenSearch audit logs record authentication successes and failures, requests denied by fine-grained access control, and changes to indexes, documents and security settings, in a CloudWatch Logs log group. They are off unless the domain publishes AUDIT_LOGS.',
  remediation: 'Add LogPublishingOptions AUDIT_LOGS (a log_publishing_options block with log_type AUDIT_LOGS) with a CloudWatch Logs log group and Enabled true; audit logs need fine-grained access control.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the domain and delivers the audit events to the log group you name',
    customer: 'turning audit logging on, choosing what it records and keeping and reviewing the log are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_317'],
    trivy: ['aws-elastic-search-enable-domain-logging', 'aws-elasticsearch-enable-domain-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html',
    cfnGuideDoc('aws-resource-opensearchservice-domain', 'cfn-opensearchservice-domain-logpublishingoptions'),
    cfnGuideDoc('aws-properties-opensearchservice-domain-logpublishingoption', 'cfn-opensearchservice-domain-logpublishingoption-enabled'),
    tfDoc('opensearch_domain', 'log_publishing_options'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], run: cfn },
    terraform: { reads: 'resource', types: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], run: terraform },
  },
});
