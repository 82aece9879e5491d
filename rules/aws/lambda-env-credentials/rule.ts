// CL-AWS-024: credentials written into a Lambda function's environment variables.
import { cfnGuideDoc, type CheckContext, defineRule, NO_EMBEDDED_SECRETS, type Resource, samGlobal, tfDoc, type Val } from '../../kit';
import { envVarFindings, planProvenance } from '../../lib/iam';

function checkVariables(r: Resource, ctx: CheckContext, variables: Val): void {
  for (const [key, value] of variables.entries()) {
    for (const f of envVarFindings(String(key.value), value, `Lambda function ${r.id}`, r)) ctx.report(f.at, f.message);
  }
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const own = r.body.path('Environment', 'Variables');
  for (const vars of own.each()) checkVariables(r, ctx, vars);
  if (r.type !== 'AWS::Serverless::Function' || own.isUnknown) return;
  // AWS SAM: Globals.Function variables reach every function that does not set the same name (SAM merges the maps).
  const setHere = new Set(own.each().flatMap((v) => v.entries().map(([key]) => String(key.value))));
  for (const [key, value] of samGlobal(r, 'Environment', 'Variables').entries()) {
    const name = String(key.value);
    if (setHere.has(name)) continue;
    for (const f of envVarFindings(name, value, `Lambda function ${r.id}`, r)) {
      ctx.report(r.anchor, `${f.message.replace(/\.$/, '')}, inherited from Globals.Function.`, {
        related: [{ node: f.at.at, message: `Environment variable ${name} is set here for every function of the template.` }],
      });
    }
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  // A plan shows variables' values too; only constants in the configuration are written in the code.
  if (r.format === 'terraform-plan' && planProvenance(r, ['environment', 'variables']) !== 'constant') return;
  for (const env of r.body.get('environment').list()) for (const vars of env.get('variables').each()) checkVariables(r, ctx, vars);
}

export default defineRule({
  id: 'CL-AWS-024',
  slug: 'lambda-env-credentials',
  title: 'Credentials in Lambda environment variables',
  severity: 'high',
  fixable: false,
  description:
    'An AWS access key or a literal password, token or API key in a function\'s environment variables is written in the template and shown by the Lambda console and GetFunctionConfiguration to everyone who may read the function.',
  remediation: 'Give the function an execution role instead of access keys, and read other secrets at run time from Secrets Manager or SSM Parameter Store (pass only the secret\'s name or ARN).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'secrets',
    provider: 'AWS encrypts environment variables at rest and gives every function temporary credentials through its execution role',
    customer: 'what you put in environment variables, and keeping secrets out of them, is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: { checkov: ['CKV_AWS_45'], kics: ['2564172f-c92b-4261-9acd-464aed511696', '1402afd8-a95c-4e84-8b0b-6fb43758e6ce'] },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
    cfnGuideDoc('aws-properties-lambda-function-environment'),
    tfDoc('lambda_function', 'environment'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_lambda_function'], run: terraform },
  },
});
