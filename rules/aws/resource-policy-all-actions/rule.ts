// CL-AWS-164: an S3 bucket, SQS queue, SNS topic, KMS key, Glue Data Catalog or API Gateway REST API policy that allows
// every action of its service.
import { defineRule, nist, soc2, tfDoc } from '../../kit';
import { allActionsChecks, resourcePolicyResponsibility } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-164',
  slug: 'resource-policy-all-actions',
  title: 'Resource policy allows every action of its service',
  severity: 'medium',
  fixable: false,
  description:
    'A bucket, queue, topic, key, Data Catalog or REST API policy that allows "s3:*", "sqs:*", "sns:*", "kms:*", "glue:*", "execute-api:*" or "*" lets its principals do everything to the resource: delete it, rewrite its policy, read and purge its data, schedule key deletion, drop catalog tables, flush an API\'s cache.',
  remediation: 'List the actions each principal needs (s3:GetObject, sqs:SendMessage, sns:Publish, kms:Decrypt, glue:GetTable, execute-api:Invoke, …) instead of the service wildcard.',
  responsibility: resourcePolicyResponsibility('identity-and-access', 'AWS evaluates the resource policy on every request to the resource', 'which actions each principal may take on the resource is yours to decide'),
  frameworks: [nist('AC-6'), soc2('CC6.3')],
  equivalents: {
    checkov: ['CKV_AWS_72'],
    // glue_with_vulnerable_policy, rest_api_with_vulnerable_policy: wildcard principal OR wildcard action, no Condition
    // (README, "Compared with other tools": the action half is this rule's).
    kics: ['816ea8cf-d589-442d-a917-2dd0ce0e45e3', 'd25edb51-07fb-4a73-97d4-41cecdc53a22', 'b161c11b-a59b-4431-9a29-4e19f63e6b27'],
    cfnNag: ['F15', 'F20'],
    trivy: ['aws-sqs-no-wildcards-in-policy-documents'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    tfDoc('s3_bucket_policy'),
    'https://docs.aws.amazon.com/glue/latest/dg/security_iam_resource-based-policy-examples.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html',
    tfDoc('glue_resource_policy'),
    tfDoc('api_gateway_rest_api_policy'),
  ],
  checks: allActionsChecks(),
});
