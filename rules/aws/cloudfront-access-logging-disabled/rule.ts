// CL-AWS-185: a CloudFront distribution without access logs (standard logging or a CloudWatch Logs delivery source).
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, keyNode, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so the requests viewers make to it are not recorded';

/** Standard logging v2: a CloudWatch Logs delivery source naming the distribution. */
function deliverySource(r: Resource, ctx: CheckContext, types: readonly string[], attr: string): boolean {
  return ctx.referrers(r, types, attr).length > 0;
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const config = r.body.get('DistributionConfig');
  if (config.isAbsent || config.isUnknown) return;
  const logging = config.get('Logging');
  const bad = logging.find((l) => l.isAbsent);
  if (!bad || deliverySource(r, ctx, ['AWS::Logs::DeliverySource'], 'ResourceArn')) return;
  const at = logging.alts.length === 1 ? (keyNode(r.body, 'DistributionConfig') ?? r.anchor) : bad;
  ctx.report(at, `Distribution ${r.id} does not set DistributionConfig.Logging, ${CONSEQUENCE}.`);
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('dynamic').get('logging_config').isAbsent) return;
  const logging = r.body.get('logging_config');
  if (logging.isUnknown || logging.list().length > 0) return;
  if (deliverySource(r, ctx, ['aws_cloudwatch_log_delivery_source'], 'resource_arn')) return;
  ctx.report(r.anchor, `Distribution ${r.id} has no logging_config block, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-185',
  slug: 'cloudfront-access-logging-disabled',
  title: 'CloudFront distribution has access logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'CloudFront access logs record every viewer request (client IP, URL, status, edge location, TLS version). Without them, probing, abuse and data exfiltration through the distribution cannot be investigated. Logging is off unless a log bucket or a CloudWatch Logs delivery is configured.',
  remediation: 'Set DistributionConfig.Logging (a logging_config block) with a log bucket, or deliver access logs with a CloudWatch Logs delivery source for the distribution.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records the requests at its edge locations and delivers the logs to the destination you choose',
    customer: 'turning access logging on, choosing and protecting the destination and reviewing the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_86'],
    kics: ['de77cd9f-0e8b-46cc-b4a4-b6b436838642', '94690d79-b3b0-43de-b656-84ebef5753e5'],
    trivy: ['aws-cloudfront-enable-logging'],
    cfnNag: ['W10'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
    cfnGuideDoc('aws-properties-cloudfront-distribution-distributionconfig', 'cfn-cloudfront-distribution-distributionconfig-logging'),
    tfDoc('cloudfront_distribution', 'logging_config'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::CloudFront::Distribution'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_cloudfront_distribution'], run: terraform },
  },
});
