// CL-AWS-206: a REST or WebSocket API stage that logs full requests and responses (data trace) to CloudWatch Logs.
//
// The setting is DataTraceEnabled of each method setting of a stage (AWS::ApiGateway::Stage, AWS SAM's
// AWS::Serverless::Api, an AWS::ApiGateway::Deployment's StageDescription, which also takes it for every method), and
// settings.data_trace_enabled of aws_api_gateway_method_settings; for a WebSocket API stage (AWS::ApiGatewayV2::Stage,
// aws_apigatewayv2_stage), of its default route settings and each route's settings. CL-AWS-199 reads the logging level of the same
// method settings; this rule reads only their data trace flag, through the kit's setting layer.
import { cfnGuideDoc, type CheckContext, checkSetting, defineRule, get, iso27001, nist, type Resource, samGlobal, type SettingItem, type SettingSpec, tfDoc, type Val } from '../../kit';

const COVERED = 'full request and response data of the methods it covers (headers, bodies, tokens, personal data)';
const EVERY = 'full request and response data of every method of the stage (headers, bodies, tokens, personal data)';
const LOGGED = 'is written to CloudWatch Logs';
const EVERY_ROUTE = 'full message data of every route of the stage without its own settings (tokens, personal data)';
const ROUTE = 'full message data of the route (tokens, personal data)';

/** A known boolean: false is fine, true is not; anything else (unknown, not a boolean) is not judged. */
function ok(v: Val): boolean | undefined {
  const b = v.bool();
  return b === undefined ? undefined : !b;
}

/** The method settings of a list, each its own place (`MethodSettings[1].`). */
function methodSettings(list: Val, prefix: string): SettingItem[] {
  return list.list().map((val, i) => ({ val, prefix: `${prefix}[${i}].` }));
}

/**
 * The route settings of a WebSocket API stage: its default route settings (every route without its own) and each
 * route's own. CloudFormation writes RouteSettings as a map from route key to settings, Terraform as route_settings
 * blocks.
 */
function routeSettings(r: Resource, cfn: boolean): SettingItem[] {
  const defaults = cfn ? 'DefaultRouteSettings' : 'default_route_settings';
  const out: SettingItem[] = r.body.get(defaults).list().filter((d) => d.isMap).map((val) => ({ val, prefix: `${defaults}.`, consequence: `so ${EVERY_ROUTE} ${LOGGED}` }));
  if (cfn) {
    for (const routes of r.body.get('RouteSettings').list()) {
      for (const [key, val] of routes.entries()) if (val.isMap) out.push({ val, prefix: `RouteSettings.${String(key.value)}.`, consequence: `so ${ROUTE} ${LOGGED}` });
    }
  } else {
    r.body.get('route_settings').list().forEach((val, i) => out.push({ val, prefix: `route_settings[${i}].`, consequence: `so ${ROUTE} ${LOGGED}` }));
  }
  return out;
}

/** Where a CloudFormation type writes DataTraceEnabled: each method setting, and a deployment's StageDescription. */
function cfnPlaces(r: Resource): SettingItem[] {
  if (r.type === 'AWS::ApiGatewayV2::Stage') return routeSettings(r, true);
  if (r.type !== 'AWS::ApiGateway::Deployment') return methodSettings(r.body.get('MethodSettings'), 'MethodSettings');
  // A deployment creates a stage (and applies its StageDescription) only when it names one.
  if (r.body.get('StageName').isAbsent) return [];
  const description = r.body.get('StageDescription');
  return [
    ...description.list().filter((d) => d.isMap).map((val) => ({ val, prefix: 'StageDescription.', consequence: `so ${EVERY} ${LOGGED}` })),
    ...description.list().flatMap((d) => methodSettings(d.get('MethodSettings'), 'StageDescription.MethodSettings')),
  ];
}

function named(r: Resource): string {
  if (r.type === 'AWS::ApiGateway::Deployment') return `The stage of API deployment ${r.id}`;
  if (r.type === 'AWS::Serverless::Api') return `SAM API ${r.id}`;
  if (r.type === 'AWS::ApiGateway::Stage') return `API stage ${r.id}`;
  if (r.type === 'AWS::ApiGatewayV2::Stage' || r.type === 'aws_apigatewayv2_stage') return `WebSocket API stage ${r.id}`;
  return `API Gateway method settings ${r.id}`;
}

const SPEC: SettingSpec = {
  subject: 'API stage',
  named,
  consequence: `so ${COVERED} ${LOGGED}`,
  want: false,
  absentMeans: null,
  ok,
  formats: {
    cloudformation: {
      types: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api', 'AWS::ApiGatewayV2::Stage'],
      path: ['DataTraceEnabled'],
      each: cfnPlaces,
    },
    terraform: {
      types: ['aws_api_gateway_method_settings', 'aws_apigatewayv2_stage'],
      path: ['data_trace_enabled'],
      each: (r) => (r.type === 'aws_apigatewayv2_stage' ? routeSettings(r, false) : r.body.get('settings').list().map((val) => ({ val, prefix: 'settings.' }))),
    },
  },
};

/**
 * AWS SAM puts the method settings of Globals.Api before every API's own (two lists are concatenated; an API whose
 * MethodSettings is an intrinsic function keeps only its own): one that turns data trace on is reported at each API
 * that gets it, with the setting as related location (no fix: a fix never writes Globals).
 */
function samGlobals(r: Resource, ctx: CheckContext): void {
  if (r.type !== 'AWS::Serverless::Api') return;
  const own = get(r.body.at, 'MethodSettings');
  if (own && own.kind !== 'seq') return;
  samGlobal(r, 'MethodSettings').list().forEach((item, i) => {
    const on = item.get('DataTraceEnabled').find((v) => ok(v) === false);
    if (!on) return;
    ctx.report(r.anchor, `SAM API ${r.id} gets Globals.Api.MethodSettings[${i}].DataTraceEnabled true, so ${COVERED} ${LOGGED}.`, {
      related: [{ node: on.at, message: 'DataTraceEnabled is set here for every API of the template.' }],
    });
  });
}

export default defineRule({
  id: 'CL-AWS-206',
  slug: 'apigateway-data-trace-enabled',
  title: 'API Gateway stage logs full requests and responses (data trace)',
  severity: 'medium',
  fixable: true,
  description:
    'With data trace on, API Gateway writes the full requests and responses of a REST API stage\'s methods (or the messages of a WebSocket API stage\'s routes) to its CloudWatch execution logs: authorization headers, API keys, tokens, and personal data in the bodies. AWS recommends not enabling it for production APIs.',
  remediation: 'Set DataTraceEnabled (aws_api_gateway_method_settings settings.data_trace_enabled, aws_apigatewayv2_stage default_route_settings and route_settings data_trace_enabled) to false, or leave it out (false by default); use it only briefly to troubleshoot a non-production stage.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the API front door and writes the execution logs your stage settings ask for',
    customer: 'what the logs record, who can read the log group and how long it is kept are yours',
  },
  frameworks: [nist('AC-4'), iso27001('A.5.17')],
  equivalents: { checkov: ['CKV_AWS_276'], cfnNag: ['CW4200'] },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html',
    cfnGuideDoc('aws-properties-apigateway-stage-methodsetting', 'cfn-apigateway-stage-methodsetting-datatraceenabled'),
    cfnGuideDoc('aws-properties-apigateway-deployment-stagedescription', 'cfn-apigateway-deployment-stagedescription-datatraceenabled'),
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html#sam-api-methodsettings',
    tfDoc('api_gateway_method_settings', 'data_trace_enabled'),
    cfnGuideDoc('aws-properties-apigatewayv2-stage-routesettings', 'cfn-apigatewayv2-stage-routesettings-datatraceenabled'),
    tfDoc('apigatewayv2_stage', 'data_trace_enabled'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: SPEC.formats.cloudformation!.types,
      run: (r, ctx) => {
        checkSetting(r, ctx, SPEC, SPEC.formats.cloudformation!);
        samGlobals(r, ctx);
      },
    },
    terraform: { reads: 'resource', types: SPEC.formats.terraform!.types, run: (r, ctx) => checkSetting(r, ctx, SPEC, SPEC.formats.terraform!) },
  },
});
