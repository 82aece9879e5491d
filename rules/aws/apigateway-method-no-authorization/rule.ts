// CL-AWS-043: an API Gateway REST API method, or an HTTP or WebSocket API route, that anyone can call.
import { addPath, cfnDoc, type CheckContext, defineRule, findById, findReachable, missingAt, nist, type Resource, samGlobalOf, soc2, strIs, tfDoc, type Val } from '../../kit';

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
  // CloudFormation creates a method without AuthorizationType with NONE (the property is optional in its schema).
  const none = findReachable(body.get('AuthorizationType'), (a) => a.isAbsent || strIs(a, 'NONE'));
  if (!none) return;
  if (none.isAbsent) {
    ctx.report(missingAt(none, r.anchor), `API Gateway method ${r.id} (${method.str() ?? 'any'}) does not set AuthorizationType, which defaults to NONE, and requires no API key, so anyone who can reach the API can call it.`, {
      fix: none.when.length ? undefined : { title: `Add AuthorizationType: AWS_IAM`, caution: SIGN, edits: addPath(ctx.edits, r, ['AuthorizationType'], 'AWS_IAM') },
    });
    return;
  }
  ctx.report(none, `API Gateway method ${r.id} (${method.str() ?? 'any'}) has AuthorizationType NONE and no API key, so anyone who can reach the API can call it.`, {
    fix: { title: `Set AuthorizationType to AWS_IAM`, caution: SIGN, edits: ctx.edits.setValue(none, 'AWS_IAM') },
  });
}

/** The API protocol of a route: from the API in the same file, else from the route key (`GET /x` is HTTP, `$connect` WebSocket). */
function routeProtocol(routeKey: string, protocol: Val | undefined): 'HTTP' | 'WEBSOCKET' | undefined {
  const known = protocol?.str()?.toUpperCase();
  if (protocol && !known) return undefined;
  if (known === 'HTTP' || known === 'WEBSOCKET') return known;
  if (/^[A-Z]+ \//i.test(routeKey)) return 'HTTP';
  return routeKey === '$connect' ? 'WEBSOCKET' : undefined;
}

/**
 * An API Gateway v2 route: HTTP API routes other than CORS preflight (`OPTIONS …`), and the `$connect` route of a
 * WebSocket API (the only route that can have an authorizer). The authorization type defaults to NONE.
 */
function route(keys: { routeKey: string; auth: string; apiKey: string; apiId: string; apiTypes: string[]; protocol: string }) {
  return (r: Resource, ctx: CheckContext): void => {
    const body = r.body;
    const routeKey = body.get(keys.routeKey).str();
    if (routeKey === undefined || /^OPTIONS /i.test(routeKey)) return;
    const apiKey = body.get(keys.apiKey);
    if (apiKey.isUnknown || apiKey.some((k) => k.isTrue())) return;
    const api = findById(ctx, keys.apiTypes, r.references(keys.apiId));
    const protocol = routeProtocol(routeKey, api?.body.get(keys.protocol));
    if (protocol === undefined || (protocol === 'WEBSOCKET' && routeKey !== '$connect')) return;
    const none = findReachable(body.get(keys.auth), (a) => a.isAbsent || strIs(a, 'NONE'));
    if (!none) return;
    const what = `API Gateway ${protocol === 'HTTP' ? 'HTTP' : 'WebSocket'} API route ${r.id} (${routeKey})`;
    if (none.isAbsent) {
      ctx.report(missingAt(none, r.anchor), `${what} does not set ${keys.auth}, which defaults to NONE, so anyone who can reach the API can call it.`, {
        fix: none.when.length ? undefined : { title: `Add ${keys.auth}: AWS_IAM`, caution: SIGN, edits: addPath(ctx.edits, r, [keys.auth], 'AWS_IAM') },
      });
      return;
    }
    ctx.report(none, `${what} has ${keys.auth} NONE, so anyone who can reach the API can call it.`, {
      fix: { title: `Set ${keys.auth} to AWS_IAM`, caution: SIGN, edits: ctx.edits.setValue(none, 'AWS_IAM') },
    });
  };
}

/** An AWS SAM event source of type Api (REST) or HttpApi, and where its API and the API's defaults live. */
const SAM_EVENTS = {
  Api: { apiKey: 'RestApiId', apiType: 'AWS::Serverless::Api', kind: 'REST API' },
  HttpApi: { apiKey: 'ApiId', apiType: 'AWS::Serverless::HttpApi', kind: 'HTTP API' },
} as const;

/**
 * The API events of an AWS SAM function: SAM makes a method (route) for each, authorized by the event's
 * Auth.Authorizer, else by its API's Auth.DefaultAuthorizer (an explicit API in the file, or the implicit one, both
 * with Globals.Api / Globals.HttpApi as defaults). Reported: Authorizer NONE, or no authorizer anywhere.
 */
function samFunction(r: Resource, ctx: CheckContext): void {
  for (const [name, event] of r.body.get('Events').entries()) {
    const type = event.get('Type').str();
    if (type !== 'Api' && type !== 'HttpApi') continue;
    const kind = SAM_EVENTS[type];
    const props = event.get('Properties');
    const method = props.get('Method');
    if (method.isUnknown || method.some((m) => strIs(m, 'OPTIONS'))) continue;
    const auth = props.get('Auth');
    if (auth.isUnknown || auth.get('ApiKeyRequired').isUnknown || auth.get('ApiKeyRequired').some((k) => k.isTrue())) continue;
    const route = `${method.str()?.toUpperCase() ?? 'ANY'} ${props.get('Path').str() ?? '/'}`;
    const what = `The ${kind.kind} event ${name.value} of function ${r.id} (${route})`;
    const authorizer = auth.get('Authorizer');
    if (authorizer.isUnknown) continue;
    const none = findReachable(authorizer, (a) => strIs(a, 'NONE'));
    if (none) {
      ctx.report(none, `${what} sets Auth.Authorizer to NONE, so anyone who can reach the API can call it.`);
      continue;
    }
    if (!authorizer.isAbsent) continue;
    // No authorizer of its own: the API's default decides (its Auth merged over Globals.Api / Globals.HttpApi).
    const apiRef = props.get(kind.apiKey);
    const api = apiRef.isAbsent ? undefined : findById(ctx, [kind.apiType], r.references(kind.apiKey));
    if (!apiRef.isAbsent && !api) continue;
    const own = api ? api.body.get('Auth') : undefined;
    const global = samGlobalOf(r, kind.apiType, 'Auth');
    if (own?.isUnknown || global.isUnknown) continue;
    const setting = (key: string) => (own && !own.get(key).isAbsent ? own.get(key) : global.get(key));
    const apiKey = setting('ApiKeyRequired');
    if (!setting('DefaultAuthorizer').isAbsent || apiKey.isUnknown || apiKey.some((k) => k.isTrue())) continue;
    // A REST API that is private or has a resource policy is guarded elsewhere.
    if (api && type === 'Api' && apiGuarded(api.body.path('EndpointConfiguration', 'Type'), setting('ResourcePolicy'))) continue;
    if (!api && type === 'Api' && !setting('ResourcePolicy').isAbsent) continue;
    const apiName = api ? `its API ${api.id}` : `the implicit ${kind.kind} SAM creates for it`;
    ctx.report(name, `${what} has no Auth.Authorizer and ${apiName} has no Auth.DefaultAuthorizer, so anyone who can reach the API can call it.`);
  }
}

const CFN_ROUTE = route({ routeKey: 'RouteKey', auth: 'AuthorizationType', apiKey: 'ApiKeyRequired', apiId: 'ApiId', apiTypes: ['AWS::ApiGatewayV2::Api'], protocol: 'ProtocolType' });
const TF_ROUTE = route({ routeKey: 'route_key', auth: 'authorization_type', apiKey: 'api_key_required', apiId: 'api_id', apiTypes: ['aws_apigatewayv2_api'], protocol: 'protocol_type' });

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
    fix: { title: `Set authorization to AWS_IAM`, caution: SIGN, edits: ctx.edits.setValue(none, 'AWS_IAM') },
  });
}

export default defineRule({
  id: 'CL-AWS-043',
  slug: 'apigateway-method-no-authorization',
  title: 'API Gateway method or route has no authorization',
  severity: 'medium',
  fixable: true,
  description:
    'A REST API method with authorization NONE (or none set) and no API key, or an HTTP or WebSocket API route without an authorizer, can be called by anyone who can reach the API, which then invokes its back end (Lambda, HTTP, AWS service) on their behalf.',
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
    trivy: ['aws-apigateway-no-public-access'],
    cfnNag: ['W59'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
    cfnDoc('aws-resource-apigateway-method'),
    tfDoc('api_gateway_method'),
    cfnDoc('aws-resource-apigatewayv2-route', 'cfn-apigatewayv2-route-authorizationtype'),
    tfDoc('apigatewayv2_route'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route', 'AWS::Serverless::Function'],
      run: (r, ctx) => (r.type === 'AWS::ApiGatewayV2::Route' ? CFN_ROUTE(r, ctx) : r.type === 'AWS::Serverless::Function' ? samFunction(r, ctx) : cloudformation(r, ctx)),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_api_gateway_method', 'aws_apigatewayv2_route'],
      run: (r, ctx) => (r.type === 'aws_apigatewayv2_route' ? TF_ROUTE(r, ctx) : terraform(r, ctx)),
    },
  },
});
