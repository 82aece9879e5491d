// CL-AWS-089: an API Gateway stage without access logging.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, getPair, type Resource, samGlobal, samGlobalName, tfDoc, type Val } from '../../kit';
import { blockItems, tfBlock } from '../../lib/s3';

const CONSEQUENCE = 'so the requests it serves (caller, route, status, latency) are not recorded';

/** What a CloudFormation type calls its access log setting, and where it is (a deployment: in its StageDescription). */
function settingOf(r: Resource): { key: string; parent: Val; shown: string } {
  switch (r.type) {
    case 'AWS::ApiGatewayV2::Stage':
    case 'AWS::Serverless::HttpApi':
      return { key: 'AccessLogSettings', parent: r.body, shown: 'AccessLogSettings' };
    case 'AWS::ApiGateway::Deployment':
      return { key: 'AccessLogSetting', parent: r.body.get('StageDescription'), shown: 'StageDescription.AccessLogSetting' };
    default:
      return { key: 'AccessLogSetting', parent: r.body, shown: 'AccessLogSetting' };
  }
}

function cloudformation(r: Resource, ctx: CheckContext) {
  // A deployment creates a stage only when it names one (StageName); otherwise a Stage resource does.
  if (r.type === 'AWS::ApiGateway::Deployment' && r.body.get('StageName').isAbsent) return;
  const { key, parent, shown } = settingOf(r);
  if (parent.isUnknown) return;
  const what = r.type === 'AWS::ApiGateway::Deployment' ? `The stage of API deployment ${r.id}` : r.type.startsWith('AWS::Serverless::') ? `SAM API ${r.id}` : `API stage ${r.id}`;
  // AWS SAM: a setting in Globals.Api / Globals.HttpApi applies to every API that does not set it (maps are merged).
  const global = samGlobal(r, key);
  if (global.isUnknown) return;
  const globals = samGlobalName(r);
  const globalDestination = global.get('DestinationArn');
  const setting = parent.isAbsent ? parent : parent.get(key);
  const missing = setting.find((s) => s.isAbsent);
  if (missing) {
    if (global.isAbsent) {
      const nor = globals ? ` (nor does ${globals})` : '';
      ctx.report(setting.alts.length === 1 ? r.anchor : missing, `${what} has no ${shown}${nor}, ${CONSEQUENCE}.`);
      return;
    }
    if (global.isMap && globalDestination.isAbsent) {
      ctx.report(r.anchor, `${what} gets ${key} without DestinationArn from ${globals}, ${CONSEQUENCE}.`, {
        related: [{ node: global.at, message: `${key} is set here for every API of the template.` }],
      });
    }
    return;
  }
  if (!globalDestination.isAbsent) return;
  for (const s of setting.each()) {
    if (!s.isMap || !s.get('DestinationArn').isAbsent) continue;
    // A setting without a destination writes nothing: on the setting's key (or its branch).
    const props = parent.node;
    const at = s.when.length === 0 && props?.kind === 'map' ? getPair(props, key)?.key : undefined;
    ctx.report(at ?? s, `${what} has ${shown} without DestinationArn, ${CONSEQUENCE}.`);
  }
}

function terraform(r: Resource, ctx: CheckContext) {
  const block = tfBlock(r, 'access_log_settings');
  if (block.isUnknown || blockItems(block).length > 0) return;
  ctx.report(r.anchor, `API stage ${r.id} has no access_log_settings block, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-089',
  slug: 'apigateway-access-logging-disabled',
  title: 'API Gateway stage access logging is not enabled',
  severity: 'low',
  fixable: false,
  description:
    'Access logs record who called an API stage, which route, from where, with what result and latency. Without them, abuse of the API — credential stuffing, enumeration, calls with stolen keys or tokens — cannot be detected or investigated.',
  remediation: 'Give the stage access log settings with a destination (a CloudWatch Logs log group or Firehose stream ARN) and a log format.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the API front door and delivers access log records to the destination you set',
    customer: 'turning access logging on for each stage, its format and destination and reading the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_76', 'CKV_AWS_95'],
    kics: [
      '80d45af4-4920-4236-a56e-b7ef419d1941',
      '1b6799eb-4a7a-4b04-9001-8cceb9999326',
      '0a994e04-c6dc-471d-817e-d37451d18a3b',
      '06ec63e3-9f72-4fe2-a218-2eb9200b8db5',
    ],
    trivy: ['aws-apigateway-enable-access-logging', 'aws-sam-enable-api-access-logging', 'aws-sam-enable-http-api-access-logging'],
    cfnNag: ['W46', 'W69'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
    cfnGuideDoc('aws-resource-apigateway-stage', 'cfn-apigateway-stage-accesslogsetting'),
    cfnGuideDoc('aws-properties-apigateway-deployment-stagedescription', 'cfn-apigateway-deployment-stagedescription-accesslogsetting'),
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html#sam-api-accesslogsetting',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html',
    tfDoc('api_gateway_stage', 'access_log_settings'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
      run: cloudformation,
    },
    terraform: { reads: 'resource', types: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'], run: terraform },
  },
});
