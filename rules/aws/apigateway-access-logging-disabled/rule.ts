// CL-AWS-089: an API Gateway stage without access logging.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, getPair, type Resource, tfDoc } from '../../kit';
import { blockItems, tfBlock } from '../../lib/s3';

const CONSEQUENCE = 'so the requests it serves (caller, route, status, latency) are not recorded';

function cloudformation(r: Resource, ctx: CheckContext) {
  const key = r.type === 'AWS::ApiGatewayV2::Stage' ? 'AccessLogSettings' : 'AccessLogSetting';
  const setting = r.body.get(key);
  const missing = setting.find((s) => s.isAbsent);
  if (missing) {
    ctx.report(setting.alts.length === 1 ? r.anchor : missing, `API stage ${r.id} has no ${key}, ${CONSEQUENCE}.`);
    return;
  }
  for (const s of setting.each()) {
    if (!s.isMap || !s.get('DestinationArn').isAbsent) continue;
    // A setting without a destination writes nothing: on the setting's key (or its branch).
    const props = r.body.node;
    const at = s.when.length === 0 && props?.kind === 'map' ? getPair(props, key)?.key : undefined;
    ctx.report(at ?? s, `API stage ${r.id} has ${key} without DestinationArn, ${CONSEQUENCE}.`);
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
    kics: ['80d45af4-4920-4236-a56e-b7ef419d1941', '1b6799eb-4a7a-4b04-9001-8cceb9999326'],
    trivy: ['aws-apigateway-enable-access-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
    cfnGuideDoc('aws-resource-apigateway-stage', 'cfn-apigateway-stage-accesslogsetting'),
    tfDoc('api_gateway_stage', 'access_log_settings'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'], run: terraform },
  },
});
