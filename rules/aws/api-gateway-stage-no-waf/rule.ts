// CL-AWS-259: a stage of a REST API that is not private, which no web ACL association in the file protects.
import { cfnDoc, type CheckContext, defineRule, findById, nist, ofType, pci, referenceIds, type Resource, samGlobal, strIs, tfDoc, type Val } from '../../kit';
import { configsOf } from '../../lib/s3';

const CONSEQUENCE = 'so no AWS WAF web ACL inspects the requests sent to it';

/** A list of endpoint types that is known, in every alternative, and names no PRIVATE endpoint (absent: EDGE). */
function notPrivate(types: Val): boolean {
  return types.each().every(
    (alt) => alt.isAbsent || (alt.isSeq && alt.items().every((t) => !t.some((x) => x.str() === undefined || strIs(x, 'PRIVATE')))),
  );
}

interface Shape {
  readonly associations: readonly string[];
  readonly attr: string;
  readonly stage: string;
  readonly api: string;
  readonly apiAttr: string;
  /** The API's endpoint is known and not PRIVATE. */
  readonly publicApi: (api: Resource) => boolean;
}

const CFN: Shape = {
  associations: ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'],
  attr: 'ResourceArn',
  stage: 'AWS::ApiGateway::Stage',
  api: 'AWS::ApiGateway::RestApi',
  apiAttr: 'RestApiId',
  publicApi: (api) => {
    const config = api.body.get('EndpointConfiguration');
    // An API imported from OpenAPI may take its endpoint type from Parameters.endpointConfigurationTypes; a clone from its source.
    if (config.isAbsent && (!api.body.path('Parameters', 'endpointConfigurationTypes').isAbsent || !api.body.get('CloneFrom').isAbsent)) return false;
    if (config.some((c) => !c.isAbsent && !c.isMap)) return false;
    return notPrivate(config.get('Types'));
  },
};

const TF: Shape = {
  associations: ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'],
  attr: 'resource_arn',
  stage: 'aws_api_gateway_stage',
  api: 'aws_api_gateway_rest_api',
  apiAttr: 'rest_api_id',
  publicApi: (api) => {
    const config = api.body.get('endpoint_configuration');
    if (config.isUnknown) return false;
    // An OpenAPI import (body) may take its endpoint type from parameters.endpointConfigurationTypes.
    const parameters = api.body.get('parameters');
    if (config.isAbsent && (parameters.isUnknown || !parameters.get('endpointConfigurationTypes').isAbsent)) return false;
    return config.list().every((block) => !block.isUnknown && notPrivate(block.get('types')));
  },
};

/** The associations that refer to `target` or, naming no other stage of the file, to `api` (`/restapis/${Api}/stages/prod`). */
function protectedBy(s: Shape, target: Resource, api: Resource | undefined, ctx: CheckContext): boolean {
  // An association whose target is unknown before deploy (a parameter, a variable) may be this stage's.
  const own = configsOf(target, ctx, s.associations, s.attr);
  if (own.linked.length > 0 || own.possible.length > 0) return true;
  if (!api || api === target) return false;
  const stages = ctx.shared(`api-gateway-stage-no-waf.stages\u0000${s.stage}`, () => new Set(ofType(ctx, s.stage).flatMap((r) => [...referenceIds(r)])));
  const mine = referenceIds(target);
  return configsOf(api, ctx, s.associations, s.attr).linked.some((a) => !a.references(s.attr).some((id) => !mine.has(id) && stages.has(id)));
}

function stageCheck(s: Shape) {
  return (stage: Resource, ctx: CheckContext): void => {
    const api = findById(ctx, [s.api], stage.references(s.apiAttr));
    // A stage of an API outside the file: its endpoint type (it may be PRIVATE) is not known.
    if (!api || !s.publicApi(api)) return;
    if (protectedBy(s, stage, api, ctx)) return;
    ctx.report(
      stage.anchor,
      `API stage ${stage.id} of REST API ${api.id} has no ${s.associations[0]} whose ${s.attr} refers to it or its API, ${CONSEQUENCE}.`,
    );
  };
}

/** AWS SAM: an AWS::Serverless::Api creates a REST API and its stage (StageName). */
function samApi(r: Resource, ctx: CheckContext): void {
  const own = r.body.get('EndpointConfiguration');
  const config = own.isAbsent ? samGlobal(r, 'EndpointConfiguration') : own;
  // A string (EDGE, REGIONAL, PRIVATE) or a map with Type.
  const type = config.each().map((c) => (c.isMap ? c.get('Type') : c));
  if (!type.every((t) => t.isAbsent || (t.str() !== undefined && !t.some((x) => strIs(x, 'PRIVATE'))))) return;
  if (protectedBy(CFN, r, undefined, ctx)) return;
  ctx.report(r.anchor, `SAM API ${r.id} has no AWS::WAFv2::WebACLAssociation whose ResourceArn refers to it, ${CONSEQUENCE}.`);
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  if (r.type === 'AWS::Serverless::Api') samApi(r, ctx);
  else stageCheck(CFN)(r, ctx);
}

export default defineRule({
  id: 'CL-AWS-259',
  slug: 'api-gateway-stage-no-waf',
  title: 'API Gateway REST API stage is not protected by AWS WAF',
  severity: 'low',
  fixable: false,
  description:
    'A stage of an edge-optimized or regional REST API is reachable from the internet and passes requests on to Lambda functions, HTTP back ends and AWS services. Without a web ACL, injection payloads, known bad inputs, scrapers and request floods reach the integrations unfiltered; API Gateway only authorises and throttles.',
  remediation: 'Associate a regional AWS WAF web ACL with the stage: an AWS::WAFv2::WebACLAssociation (aws_wafv2_web_acl_association) whose ResourceArn (resource_arn) is the stage\'s ARN (arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage-name>).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the API endpoint, authorises and throttles requests as you configure and evaluates a web ACL on each request once you associate one',
    customer: 'associating a web ACL with each public stage and choosing its rules are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV2_AWS_29'],
    kics: ['fcbf9019-566c-4832-a65c-af00d8137d2b', 'a186e82c-1078-4a7b-85d8-579561fde884'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
    cfnDoc('aws-resource-wafv2-webaclassociation'),
    cfnDoc('aws-properties-apigateway-restapi-endpointconfiguration'),
    tfDoc('wafv2_web_acl_association'),
    tfDoc('api_gateway_rest_api', 'endpoint_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], run: cloudformation },
    terraform: { reads: 'scope', types: ['aws_api_gateway_stage'], run: stageCheck(TF) },
  },
});
