// CL-AWS-043: an API Gateway REST API method that anyone can call.
import { cfnDoc, type CheckContext, defineRule, findById, findReachable, nist, type Resource, soc2, strIs, tfDoc, type Val } from '../../kit';

/** What the fix changes for the API's clients. */
const SIGN = 'every caller must then sign its requests';

/** True unless the value is known and says the REST API is neither private nor guarded by a resource policy. */
function apiGuarded(types: Val, policy: Val): boolean {
  if (types.isUnknown || policy.isUnknown) return true;
  if (types.strings().some((t) => t.trim().toUpperCase() === 'PRIVATE')) return true;
  return !policy.isAbsent;
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const body = r.body;
  const method = body.get('HttpMethod');
  if (method.isUnknown || method.some((m) => strIs(m, 'OPTIONS'))) return;
  const key = body.get('ApiKeyRequired');
  if (key.isUnknown || key.some((k) => k.isTrue())) return;
  const integration = body.path('Integration', 'Type');
  if (integration.isUnknown || integration.some((t) => strIs(t, 'MOCK'))) return;
  const apiIds = r.references('RestApiId');
  const api = findById(ctx, ['AWS::ApiGateway::RestApi'], apiIds);
  if (api && apiGuarded(api.body.path('EndpointConfiguration', 'Types'), api.body.get('Policy'))) return;
  const none = findReachable(body.get('AuthorizationType'), (a) => strIs(a, 'NONE'));
  if (!none) return;
  ctx.report(none, `API Gateway method ${r.id} (${method.str() ?? 'any'}) has AuthorizationType NONE and no API key, so anyone who can reach the API can call it.`, {
    fix: { title: `Set AuthorizationType to AWS_IAM (${SIGN})`, edits: ctx.edits.setValue(none, 'AWS_IAM') },
  });
}

function terraform(r: Resource, ctx: CheckContext): void {
  const body = r.body;
  const method = body.get('http_method');
  if (method.isUnknown || method.some((m) => strIs(m, 'OPTIONS'))) return;
  const key = body.get('api_key_required');
  if (key.isUnknown || key.some((k) => k.isTrue())) return;
  // An integration that names this method (http_method = aws_api_gateway_method.x.http_method) and is a MOCK has no back end.
  const integrations = ctx.referrers(r, ['aws_api_gateway_integration'], 'http_method');
  if (integrations.some((i) => i.body.get('type').isUnknown || strIs(i.body.get('type'), 'MOCK'))) return;
  const apiIds = r.references('rest_api_id');
  const api = findById(ctx, ['aws_api_gateway_rest_api'], apiIds);
  if (api) {
    const types = api.body.get('endpoint_configuration').list()[0]?.get('types') ?? api.body.get('endpoint_configuration');
    if (apiGuarded(types, api.body.get('policy'))) return;
    if (ctx.referrers(api, ['aws_api_gateway_rest_api_policy'], 'rest_api_id').length) return;
  }
  const none = findReachable(body.get('authorization'), (a) => strIs(a, 'NONE'));
  if (!none) return;
  ctx.report(none, `API Gateway method ${r.id} (${method.str() ?? 'any'}) has authorization NONE and no API key, so anyone who can reach the API can call it.`, {
    fix: { title: `Set authorization to AWS_IAM (${SIGN})`, edits: ctx.edits.setValue(none, 'AWS_IAM') },
  });
}

export default defineRule({
  id: 'CL-AWS-043',
  slug: 'apigateway-method-no-authorization',
  title: 'API Gateway method has no authorization',
  severity: 'medium',
  fixable: true,
  description:
    'A REST API method with authorization NONE and no API key can be called by anyone who can reach the API, which then invokes its back end (Lambda, HTTP, AWS service) on their behalf.',
  remediation: 'Give the method an authorizer (AWS_IAM, COGNITO_USER_POOLS or a Lambda authorizer), or restrict the API with a resource policy or a private endpoint.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the API front door, scales it and enforces the authorizers you attach',
    customer: 'who may call each method is your decision',
  },
  frameworks: [nist('AC-3', 'IA-2'), soc2('CC6.1')],
  equivalents: {
    checkov: ['CKV_AWS_59'],
    kics: ['1056dfbb-5802-4762-bf2b-8b9b9684b1b0', '15ccec05-5476-4890-ad19-53991eba1db8'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
    cfnDoc('aws-resource-apigateway-method'),
    tfDoc('api_gateway_method'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ApiGateway::Method'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_api_gateway_method'], run: terraform },
  },
});
