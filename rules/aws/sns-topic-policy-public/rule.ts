// CL-AWS-018: an SNS topic policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnGuideDoc, defineRule, tfDoc } from '../../kit';
import { PUBLIC_DATA_ACCESS, publicPolicyChecks, RESOURCE_POLICIES, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-018',
  slug: 'sns-topic-policy-public',
  title: 'SNS topic policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A topic policy statement that allows Principal "*" without a Condition lets anyone publish to the topic or subscribe to it, depending on the actions it lists: spam and phishing through your topic, or your messages delivered to a stranger.',
  remediation: 'Name the principals or services that use the topic, or add a Condition such as aws:SourceArn, aws:SourceAccount or AWS:SourceOwner.',
  responsibility: resourcePolicyResponsibility(
    'identity-and-access',
    'AWS runs the topics and enforces the topic policy on every request',
    'who may publish and subscribe is yours to decide',
  ),
  frameworks: PUBLIC_DATA_ACCESS,
  equivalents: {
    checkov: ['CKV_AWS_169'],
    kics: ['ae53ce91-42b5-46bf-a84f-9a13366a4f13', 'b26d2b7e-60f6-413d-a3a1-a57db24aa2b3'],
    cfnNag: ['F18'],
  },
  docs: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
    cfnGuideDoc('aws-resource-sns-topicpolicy'),
    tfDoc('sns_topic_policy'),
  ],
  checks: publicPolicyChecks(RESOURCE_POLICIES.sns),
});
