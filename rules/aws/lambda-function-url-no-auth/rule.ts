// CL-AWS-021: a Lambda function URL that anyone on the internet can call without signing the request.
import { cfnGuideDoc, type CheckContext, checkSetting, defineRule, nist, type Resource, samGlobal, type SettingSpec, soc2, strIs, tfDoc } from '../../kit';

const URL_AUTH: SettingSpec = {
  subject: 'Function URL of',
  consequence: 'so anyone on the internet can invoke the function without signing the request',
  want: 'AWS_IAM',
  // The setting is required: a URL without it is not deployed.
  absentMeans: null,
  ok: (v) => (v.str() === undefined ? undefined : v.str()!.toUpperCase() !== 'NONE'),
  // The fix changes the contract: every caller must then sign its requests with SigV4.
  fixNote: 'every caller must then sign its requests',
  formats: {
    cloudformation: { types: ['AWS::Lambda::Url'], path: ['AuthType'] },
    terraform: { types: ['aws_lambda_function_url'], path: ['authorization_type'] },
  },
};
const SAM_URL_AUTH = { types: ['AWS::Serverless::Function'], path: ['FunctionUrlConfig', 'AuthType'] };

/**
 * An AWS SAM function: its own FunctionUrlConfig, else the one in Globals.Function, which gives every function of the
 * template a URL (SAM merges the maps: an AuthType of the function's own wins).
 */
function samFunction(r: Resource, ctx: CheckContext): void {
  const own = r.body.get('FunctionUrlConfig');
  if (!own.isAbsent) {
    if (own.isUnknown || !own.get('AuthType').isAbsent) return checkSetting(r, ctx, URL_AUTH, SAM_URL_AUTH);
  }
  const global = samGlobal(r, 'FunctionUrlConfig', 'AuthType');
  if (!global.isKnown || !strIs(global, 'NONE')) return;
  ctx.report(r.anchor, `Function URL of Lambda function ${r.id} gets AuthType NONE from Globals.Function, ${URL_AUTH.consequence}.`, {
    related: [{ node: global.at, message: 'AuthType NONE is set here for the function URL of every function of the template.' }],
  });
}

export default defineRule({
  id: 'CL-AWS-021',
  slug: 'lambda-function-url-no-auth',
  title: 'Lambda function URL has no authentication',
  severity: 'medium',
  fixable: true,
  description:
    'A function URL with AuthType NONE is a public HTTPS endpoint: anyone who learns the URL can invoke the function, run up its cost and reach whatever it can reach. The function itself must then authenticate every caller.',
  remediation: 'Set AuthType to AWS_IAM and sign requests (or put the function behind API Gateway or CloudFront with an authorizer); keep NONE only for endpoints that authenticate callers in code.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the function URL endpoint and, with AWS_IAM, verifies every request signature',
    customer: 'whether the endpoint requires authentication is yours to decide',
  },
  frameworks: [nist('AC-3', 'IA-2'), soc2('CC6.1')],
  equivalents: { checkov: ['CKV_AWS_258'] },
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    cfnGuideDoc('aws-resource-lambda-url', 'cfn-lambda-url-authtype'),
    tfDoc('lambda_function_url', 'authorization_type'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
      run: (r, ctx) => (r.type === 'AWS::Serverless::Function' ? samFunction(r, ctx) : checkSetting(r, ctx, URL_AUTH, URL_AUTH.formats.cloudformation!)),
    },
    terraform: { reads: 'resource', types: ['aws_lambda_function_url'], run: (r, ctx) => checkSetting(r, ctx, URL_AUTH, URL_AUTH.formats.terraform!) },
  },
});
