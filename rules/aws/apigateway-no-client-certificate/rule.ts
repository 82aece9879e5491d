// CL-AWS-272: a REST API stage, or a stage of a WebSocket API, without a client certificate, so its HTTP back ends cannot
// tell API Gateway's calls from others.
import { cfnDoc, type CheckContext, defineRule, findById, keyNode, missingAt, nist, type Resource, tfDoc, type Val } from '../../kit';
import { CFN_V2_API, TF_V2_API, websocketApi } from '../../lib/apigateway';

const CONSEQUENCE = 'so HTTP back ends cannot verify that the requests they get come from API Gateway';

/** Integration types that never call an HTTP back end, so a client certificate is never presented. */
const NOT_HTTP = new Set(['AWS', 'AWS_PROXY', 'MOCK']);

/** Where a format writes an API's integrations (REST: methods and integrations; V2: integrations). */
interface Shape {
  /** Where the API's integrations are written outside the file's integration resources (an OpenAPI body, a clone). */
  readonly elsewhere: readonly string[];
  readonly integration: string;
  readonly integrationApiAttr: string;
  /** The integration type of one integration resource. */
  readonly type: (r: Resource) => Val;
  /** True for an integration resource that calls nothing although it writes no type (a REST method without integration). */
  readonly callsNothing?: (r: Resource) => boolean;
}

const CFN: Shape = {
  elsewhere: ['Body', 'BodyS3Location', 'CloneFrom'],
  integration: 'AWS::ApiGateway::Method',
  integrationApiAttr: 'RestApiId',
  type: (r) => r.body.path('Integration', 'Type'),
  // A method without an integration calls nothing.
  callsNothing: (r) => r.body.get('Integration').isAbsent,
};

const TF: Shape = {
  elsewhere: ['body'],
  integration: 'aws_api_gateway_integration',
  integrationApiAttr: 'rest_api_id',
  type: (r) => r.body.get('type'),
};

const CFN_V2: Shape = {
  elsewhere: ['Body', 'BodyS3Location'],
  integration: 'AWS::ApiGatewayV2::Integration',
  integrationApiAttr: 'ApiId',
  type: (r) => r.body.get('IntegrationType'),
};

const TF_V2: Shape = {
  elsewhere: ['body'],
  integration: 'aws_apigatewayv2_integration',
  integrationApiAttr: 'api_id',
  type: (r) => r.body.get('integration_type'),
};

/**
 * True when every integration of the stage's API is in the file and none calls an HTTP back end (Lambda, AWS service
 * and mock integrations only): a client certificate would change nothing. Unknown types, an OpenAPI body, an API
 * outside the file or one without integrations in the file are not known to be so.
 */
function noHttpBackEnd(s: Shape, api: Resource | undefined, ctx: CheckContext): boolean {
  if (!api || s.elsewhere.some((k) => !api.body.get(k).isAbsent)) return false;
  const integrations = ctx.referrers(api, [s.integration], s.integrationApiAttr);
  if (integrations.length === 0) return false;
  return integrations.every((i) => {
    const type = s.type(i);
    if (type.isAbsent && s.callsNothing) return s.callsNothing(i);
    return type.each().every((t) => t.str() !== undefined && NOT_HTTP.has(t.str()!.trim().toUpperCase()));
  });
}

/** The REST API of a stage or deployment, when it is in the file. */
function restApi(r: Resource, apiType: string, attr: string, ctx: CheckContext): Resource | undefined {
  return findById(ctx, [apiType], r.references(attr));
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::ApiGateway::Deployment') {
    // A deployment with StageName creates that stage, with the settings of its StageDescription.
    if (r.body.get('StageName').isAbsent) return;
    const missing = r.body.path('StageDescription', 'ClientCertificateId').find((alt) => alt.isAbsent);
    if (!missing || r.body.get('StageDescription').isUnknown || noHttpBackEnd(CFN, restApi(r, 'AWS::ApiGateway::RestApi', 'RestApiId', ctx), ctx)) return;
    const at = missing.when.length > 0 ? missing : (keyNode(r.body, 'StageDescription') ?? r.anchor);
    const name = r.body.get('StageName').str();
    ctx.report(at, `Deployment ${r.id} creates ${name !== undefined ? `stage ${name}` : 'the stage of its StageName'} without StageDescription.ClientCertificateId, ${CONSEQUENCE}.`);
    return;
  }
  if (r.type === 'AWS::ApiGatewayV2::Stage') {
    // Only WebSocket API stages take a client certificate (HTTP APIs have none); an API elsewhere is not judged.
    const api = websocketApi(r, ctx, CFN_V2_API);
    const missing = r.body.get('ClientCertificateId').find((alt) => alt.isAbsent);
    if (!api || !missing || noHttpBackEnd(CFN_V2, api, ctx)) return;
    ctx.report(missingAt(missing, r.anchor), `Stage ${r.id} of WebSocket API ${api.id} does not set ClientCertificateId, ${CONSEQUENCE}.`);
    return;
  }
  const missing = r.body.get('ClientCertificateId').find((alt) => alt.isAbsent);
  if (!missing || noHttpBackEnd(CFN, restApi(r, 'AWS::ApiGateway::RestApi', 'RestApiId', ctx), ctx)) return;
  ctx.report(missingAt(missing, r.anchor), `API stage ${r.id} does not set ClientCertificateId, ${CONSEQUENCE}.`);
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('client_certificate_id').isAbsent) return;
  if (r.type === 'aws_apigatewayv2_stage') {
    const api = websocketApi(r, ctx, TF_V2_API);
    if (!api || noHttpBackEnd(TF_V2, api, ctx)) return;
    ctx.report(r.anchor, `Stage ${r.id} of WebSocket API ${api.id} does not set client_certificate_id, ${CONSEQUENCE}.`);
    return;
  }
  if (noHttpBackEnd(TF, restApi(r, 'aws_api_gateway_rest_api', 'rest_api_id', ctx), ctx)) return;
  ctx.report(r.anchor, `API stage ${r.id} does not set client_certificate_id, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-272',
  slug: 'apigateway-no-client-certificate',
  title: 'API Gateway REST or WebSocket stage has no client certificate',
  severity: 'low',
  fixable: false,
  description:
    'A REST or WebSocket API stage\'s client certificate is presented to HTTP and HTTP proxy back ends, which can then accept only requests that come from API Gateway. Without it a back end reachable from the internet cannot tell API Gateway\'s calls from anyone else\'s, so the API\'s authorizers, throttling and WAF can be bypassed by calling the back end directly.',
  remediation: 'Create an AWS::ApiGateway::ClientCertificate (aws_api_gateway_client_certificate), set the stage\'s ClientCertificateId (client_certificate_id; for a WebSocket API, on its AWS::ApiGatewayV2::Stage or aws_apigatewayv2_stage) to it and make the back end verify it.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'identity-and-access',
    provider: 'AWS generates the client certificate and presents it on every call of the stage to an HTTP back end',
    customer: 'giving the stage a certificate and making your back end verify it are yours',
  },
  frameworks: [nist('IA-9', 'SC-8')],
  equivalents: {
    kics: ['0b4869fc-a842-4597-aa00-1294df425440', 'ed4c48b8-eccc-4881-95c1-09fdae23db25'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html',
    cfnDoc('aws-resource-apigateway-stage'),
    cfnDoc('aws-properties-apigateway-deployment-stagedescription'),
    tfDoc('api_gateway_stage', 'client_certificate_id'),
    cfnDoc('aws-resource-apigatewayv2-stage', 'cfn-apigatewayv2-stage-clientcertificateid'),
    tfDoc('apigatewayv2_stage', 'client_certificate_id'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'], run: cfnCheck },
    terraform: { reads: 'scope', types: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'], run: tfCheck },
  },
});
