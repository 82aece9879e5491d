// CL-AWS-147: Lambda functions whose environment variables are not encrypted with a customer managed KMS key.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'Lambda function',
  consequence: 'so its environment variables are encrypted with the AWS managed key aws/lambda, which anyone allowed to read the function\'s configuration can have decrypted',
});

/** True when the function writes at least one environment variable (or an unknown set of them). */
function hasVariables(r: Resource, env: string, vars: string): boolean {
  return blocks(r.body, env).some((b) => b.get(vars).each().some((v) => v.isUnknown || (v.isMap && v.entries().length > 0)));
}

function run(names: { env: string; vars: string; key: string }) {
  const inner = check(names.key);
  return (r: Resource, ctx: CheckContext) => {
    if (hasVariables(r, names.env, names.vars)) inner(r, ctx);
  };
}

export default defineRule({
  id: 'CL-AWS-147',
  slug: 'lambda-env-no-cmk',
  title: 'Lambda environment variables are not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Lambda always encrypts environment variables at rest, with the AWS managed key aws/lambda unless the function names a key. Anyone allowed lambda:GetFunctionConfiguration then sees them decrypted. With a customer managed key, reading them also needs kms:Decrypt under your key policy.',
  remediation: 'Set KmsKeyArn (kms_key_arn) to a customer managed KMS key on functions that set environment variables, and keep secrets in Secrets Manager or Parameter Store rather than in variables.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts environment variables at rest, with the AWS managed key aws/lambda unless you choose another',
    customer: 'choosing a customer managed key, and what you put in environment variables, is yours',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_173'], kics: ['a7f8ac28-eed1-483d-87c8-4c325f022572'] },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
    cfnGuideDoc('aws-resource-lambda-function', 'cfn-lambda-function-kmskeyarn'),
    tfDoc('lambda_function', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
      run: run({ env: 'Environment', vars: 'Variables', key: 'KmsKeyArn' }),
    },
    terraform: { reads: 'scope', types: ['aws_lambda_function'], run: run({ env: 'environment', vars: 'variables', key: 'kms_key_arn' }) },
  },
});
