// CL-AWS-272: a REST API stage without a client certificate, so its HTTP back ends cannot tell API Gateway's calls from others.
import { cfnDoc, type CheckContext, defineRule, findById, keyNode, missingAt, nist, type Resource, tfDoc, type Val } from '../../kit';

const CONSEQUENCE = 'so HTTP back ends cannot verify that the requests they get come from API Gateway';

/** Integration types that never call an HTTP back end, so a client certificate is never presented. */
const NOT_HTTP = new Set(['AWS', 'AWS_PROXY', 'MOCK']);

interface Shape {
  readonly api: string;
  readonly apiAttr: string;
  /** Where the API's integrations are written outside the file's integration resources (an OpenAPI body, a clone). */
  readonly elsewhere: readonly string[];
  readonly integration: string;
  readonly integrationApiAttr: string;
  /** The integration type of one integration resource. */
  readonly type: (r: Resource) => Val;
}

const CFN: Shape = {
  api: 'AWS::ApiGateway::RestApi',
  apiAttr: 'RestApiId',
  elsewhere: ['Body', 'BodyS3Location', 'CloneFrom'],
  integration: 'AWS::ApiGateway::Method',
  integrationApiAttr: 'RestApiId',
  type: (r) => r.body.path('Integration', 'Type'),
};

const TF: Shape = {
  api: 'aws_api_gateway_rest_api',
  apiAttr: 'rest_api_id',
  elsewhere: ['body'],
  integration: 'aws_api_gateway_integration',
  integrationApiAttr: 'rest_api_id',
  type: (r) => r.body.get('type'),
};

/**
 * True when every integration of the stage's API is in the file and none calls an HTTP back end (Lambda, AWS service
 * and mock integrations only): a client certificate would change nothing. Unknown types, an OpenAPI body, an API
 * outside the file or one without integrations in the file are not known to be so.
 */
function noHttpBackEnd(s: Shape, stage: Resource, apiAttr: string, ctx: CheckContext): boolean {
  const api = findById(ctx, [s.api], stage.references(apiAttr));
  if (!api || s.elsewhere.some((k) => !api.body.get(k).isAbsent)) return false;
  const integrations = ctx.referrers(api, [s.integration], s.integrationApiAttr);
  if (integrations.length === 0) return false;
  return integrations.every((i) => {
    const type = s.type(i);
    // A CloudFormation method without an integration (or an OPTIONS method answered by a mock) calls nothing.
    if (type.isAbsent && i.format === 'cloudformation') return i.body.get('Integration').isAbsent;
    return type.each().every((t) => t.str() !== undefined && NOT_HTTP.has(t.str()!.trim().toUpperCase()));
  });
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::ApiGateway::Deployment') {
    // A deployment with StageName creates that stage, with the settings of its StageDescription.
    if (r.body.get('StageName').isAbsent) return;
    const missing = r.body.path('StageDescription', 'ClientCertificateId').find((alt) => alt.isAbsent);
    if (!missing || r.body.get('StageDescription').isUnknown || noHttpBackEnd(CFN, r, 'RestApiId', ctx)) return;
    const at = missing.when.length > 0 ? missing : (keyNode(r.body, 'StageDescription') ?? r.anchor);
    const name = r.body.get('StageName').str();
    ctx.report(at, `Deployment ${r.id} creates ${name !== undefined ? `stage ${name}` : 'the stage of its StageName'} without StageDescription.ClientCertificateId, ${CONSEQUENCE}.`);
    return;
  }
  const missing = r.body.get('ClientCertificateId').find((alt) => alt.isAbsent);
  if (!missing || noHttpBackEnd(CFN, r, 'RestApiId', ctx)) return;
  ctx.report(missingAt(missing, r.anchor), `API stage ${r.id} does not set ClientCertificateId, ${CONSEQUENCE}.`);
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('client_certificate_id').isAbsent || noHttpBackEnd(TF, r, 'rest_api_id', ctx)) return;
  ctx.report(r.anchor, `API stage ${r.id} does not set client_certificate_id, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-272',
  slug: 'apigateway-no-client-certificate',
  title: 'API Gateway REST stage has no client certificate',
  severity: 'low',
  fixable: false,
  description:
    'A stage\'s client certificate is presented to HTTP and HTTP proxy back ends, which can then accept only requests that come from API Gateway. Without it a back end reachable from the internet cannot tell API Gateway\'s calls from anyone else\'s, so the API\'s authorizers, throttling and WAF can be bypassed by calling the back end directly.',
  remediation: 'Create an AWS::ApiGateway::ClientCertificate (aws_api_gateway_client_certificate), set the stage\'s ClientCertificateId (client_certificate_id) to it and make the back end verify it.',
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
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'], run: cfnCheck },
    terraform: { reads: 'scope', types: ['aws_api_gateway_stage'], run: tfCheck },
  },
});
