// CL-AWS-121: a CloudWatch Logs destination policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnDoc, defineRule, tfDoc } from '../../kit';
import { EXPOSURE_RESOURCE_POLICIES, PUBLIC_ACCESS, publicPolicyChecks, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-121',
  slug: 'logs-destination-policy-public',
  title: 'CloudWatch Logs destination policy allows anyone',
  severity: 'medium',
  fixable: false,
  description:
    'A destination policy statement that allows Principal "*" without a Condition lets any AWS account subscribe its log groups to the destination and push log events into the stream or Firehose behind it, mixing forged or unwanted data into your log pipeline and your bill.',
  remediation: 'Name the sender accounts in Principal, or narrow the statement with a Condition such as aws:PrincipalOrgID.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS delivers subscribed log events to the destination and enforces its policy on every subscription',
    'which accounts may send you log data is yours to decide',
  ),
  frameworks: PUBLIC_ACCESS,
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html',
    cfnDoc('aws-resource-logs-destination', 'cfn-logs-destination-destinationpolicy'),
    tfDoc('cloudwatch_log_destination_policy'),
  ],
  checks: publicPolicyChecks(EXPOSURE_RESOURCE_POLICIES.logsDestination),
});
