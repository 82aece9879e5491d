// CL-AWS-198: a WAFv2 web ACL with no logging configuration in the file.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, type Resource, tfDoc } from '../../kit';

const CONSEQUENCE = 'so the requests it inspects, blocks and allows are not logged';

function check(types: readonly string[], attr: string, what: string) {
  return (r: Resource, ctx: CheckContext): void => {
    if (ctx.referrers(r, types, attr).length) return;
    ctx.report(r.anchor, `Web ACL ${r.id} has no ${what} in this file, ${CONSEQUENCE}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-198',
  slug: 'waf-web-acl-logging-disabled',
  title: 'WAF web ACL has no logging configuration',
  severity: 'low',
  fixable: false,
  description:
    'AWS WAF logs the requests a web ACL inspects (headers, the rule that matched, the action taken) only when a logging configuration names the web ACL and a destination. Without it, attacks the ACL blocked and requests it let through cannot be investigated or used to tune rules.',
  remediation: 'Add an AWS::WAFv2::LoggingConfiguration (aws_wafv2_web_acl_logging_configuration) for the web ACL with a CloudWatch Logs log group, S3 bucket or Firehose stream named aws-waf-logs-*.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the inspection and delivers request logs to the destination you configure',
    customer: 'turning logging on, choosing its destination and redacting sensitive fields, and reviewing the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV2_AWS_31'],
  },
  docs: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/logging.html',
    cfnGuideDoc('aws-resource-wafv2-loggingconfiguration'),
    tfDoc('wafv2_web_acl_logging_configuration'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::WAFv2::WebACL'],
      run: check(['AWS::WAFv2::LoggingConfiguration'], 'ResourceArn', 'AWS::WAFv2::LoggingConfiguration'),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_wafv2_web_acl'],
      run: check(['aws_wafv2_web_acl_logging_configuration'], 'resource_arn', 'aws_wafv2_web_acl_logging_configuration'),
    },
  },
});
