// CL-AWS-018: an SNS topic policy with an Allow to Principal "*" and no Condition that narrows who.
import { defineRule, type Resource } from '../../kit';
import { publicPolicyCheck } from '../../lib/iam';

/** Where each resource type holds its policy. */
const POLICY_ATTR: Record<string, string> = { 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::SNS::TopicInlinePolicy': 'PolicyDocument', aws_sns_topic_policy: 'policy', aws_sns_topic: 'policy' };

const run = publicPolicyCheck('SNS topic policy', (r: Resource) => [r.body.get(POLICY_ATTR[r.type])]);

export default defineRule({
  id: 'CL-AWS-018',
  slug: 'sns-topic-policy-public',
  title: 'SNS topic policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A topic policy statement that allows Principal "*" without a Condition lets anyone publish to the topic or subscribe to it, depending on the actions it lists: spam and phishing through your topic, or your messages delivered to a stranger.',
  remediation: 'Name the principals or services that use the topic, or add a Condition such as aws:SourceArn, aws:SourceAccount or AWS:SourceOwner.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the topics and enforces the topic policy on every request',
    customer: 'who may publish and subscribe is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.1'] },
  ],
  equivalents: { checkov: ['CKV_AWS_169'], kics: ['ae53ce91-42b5-46bf-a84f-9a13366a4f13', 'b26d2b7e-60f6-413d-a3a1-a57db24aa2b3'] },
  docs: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topicpolicy.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy',
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'], run },
    terraform: { reads: 'scope', types: ['aws_sns_topic_policy', 'aws_sns_topic'], run },
  },
});
