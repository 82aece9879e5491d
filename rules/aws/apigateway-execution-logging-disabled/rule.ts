// CL-AWS-199: a REST API stage, or a stage of a WebSocket API, whose execution logging (LoggingLevel) is OFF or never set.
import { AUDIT_LOGGING, cfnDoc, cfnGuideDoc, type CheckContext, defineRule, findReachable, keyNode, missingAt, reachable, type Resource, samGlobal, tfDoc, type Val } from '../../kit';
import { CFN_V2_API, TF_V2_API, type V2Api, websocketApi } from '../../lib/apigateway';

const CONSEQUENCE = 'so authorizer failures, integration errors and throttling are not logged to CloudWatch Logs';

/**
 * ERROR or INFO (any other written level, which the API would refuse, is left to it); false for OFF and for an empty
 * level, which sets none (execution logging stays OFF); undefined when not known.
 */
function logs(v: Val): boolean | undefined {
  const s = v.str();
  return s === undefined ? undefined : s.trim() !== '' && s.toUpperCase() !== 'OFF';
}

/** How a level that turns logging off is written, for messages. */
function offText(v: Val): string {
  return v.str()?.trim() === '' ? 'an empty value, which leaves execution logging OFF' : 'OFF';
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const settings = r.body.get('MethodSettings');
  // AWS SAM: an API without MethodSettings inherits Globals.Api.MethodSettings.
  if (r.type === 'AWS::Serverless::Api' && settings.isAbsent && !samGlobal(r, 'MethodSettings').isAbsent) return;
  if (settings.some((s) => s.isUnknown)) return;
  const items = settings.list();
  if (items.some((i) => i.isUnknown || i.get('LoggingLevel').some((l) => l.isUnknown))) return;
  let on = false;
  for (const item of items) {
    for (const level of item.get('LoggingLevel').each()) {
      if (level.isAbsent) continue;
      if (logs(level) !== false) on = true;
      else {
        ctx.report(level, `Stage ${r.id} sets MethodSettings LoggingLevel to ${offText(level)}, ${CONSEQUENCE}.`);
        return;
      }
    }
  }
  if (on) return;
  ctx.report(keyNode(r.body, 'MethodSettings') ?? r.anchor, `Stage ${r.id} sets no MethodSettings LoggingLevel, which defaults to OFF, ${CONSEQUENCE}.`);
}

const SETTINGS = ['aws_api_gateway_method_settings'];

/** The method settings of the scope that name the stage (`stage_name`, by reference). */
function settingsOf(stage: Resource, ctx: CheckContext): Resource[] {
  return ctx.referrers(stage, SETTINGS, 'stage_name');
}

/** True when the method settings write a logging level (OFF included) or may (settings not known, `dynamic`). */
function writesLevel(m: Resource): boolean {
  const settings = m.body.get('settings');
  if (settings.isUnknown || !m.body.get('dynamic').get('settings').isAbsent) return true;
  return settings.list().some((s) => !s.get('logging_level').isAbsent);
}

/** The method settings for every method of the stage (`method_path = "*\/*"`). */
function isCatchAll(m: Resource): boolean {
  return m.body.get('method_path').str() === '*/*';
}

/**
 * A stage: some aws_api_gateway_method_settings of the scope must name it and set a logging level. When some name it
 * but none sets one, the `*\/*` method settings report it (terraformSettings), once; otherwise the stage does.
 */
function terraformStage(r: Resource, ctx: CheckContext): void {
  const settings = settingsOf(r, ctx);
  // A written level (OFF included, reported on the method settings) or one not known is the method settings' matter.
  if (settings.some(writesLevel) || settings.some(isCatchAll)) return;
  ctx.report(r.anchor, `Stage ${r.id} has no aws_api_gateway_method_settings with a logging_level, which defaults to OFF, ${CONSEQUENCE}.`);
}

function terraformSettings(r: Resource, ctx: CheckContext): void {
  for (const s of r.body.get('settings').list()) {
    const level = s.get('logging_level');
    if (logs(level) === false) ctx.report(level, `Method settings ${r.id} set logging_level to ${offText(level)}, ${CONSEQUENCE}.`);
  }
  if (!isCatchAll(r) || writesLevel(r)) return;
  // The stages of the scope these settings name, none of whose method settings writes a level.
  const stages = ctx.resources.filter((t) => t.type === 'aws_api_gateway_stage' && settingsOf(t, ctx).includes(r));
  const silent = stages.filter((t) => !settingsOf(t, ctx).some(writesLevel));
  if (silent.length === 0) return;
  ctx.report(
    keyNode(r.body, 'settings') ?? r.anchor,
    `Method settings ${r.id} cover every method of stage ${silent.map((t) => t.id).join(', ')} but set no logging_level (nor do the stage's other method settings), which defaults to OFF, ${CONSEQUENCE}.`,
  );
}

/** Where each format writes an API Gateway V2 stage's API, the API's protocol (lib/apigateway) and the stage's route settings. */
interface V2Keys extends V2Api {
  /** The stage's default route settings (a CloudFormation property, a Terraform block). */
  readonly defaults: string;
  /** Per-route settings: a CloudFormation map by route key, Terraform blocks with a `route_key`. */
  readonly routes: string;
  readonly level: string;
}

const CFN_V2: V2Keys = { ...CFN_V2_API, defaults: 'DefaultRouteSettings', routes: 'RouteSettings', level: 'LoggingLevel' };
const TF_V2: V2Keys = { ...TF_V2_API, defaults: 'default_route_settings', routes: 'route_settings', level: 'logging_level' };

/** The route settings of a V2 stage with their route keys: CloudFormation's map entries, Terraform's blocks. */
function routeSettings(r: Resource, k: V2Keys): [route: string, settings: Val][] {
  const routes = r.body.get(k.routes);
  if (r.format === 'cloudformation') return routes.each().flatMap((alt) => alt.entries().map(([key, v]): [string, Val] => [String(key.value), v]));
  return routes.list().map((b): [string, Val] => [b.get('route_key').str() ?? '?', b]);
}

/**
 * A stage of a WebSocket API (websocketApi: HTTP APIs have no execution logging; an API elsewhere or of unknown
 * protocol is not judged): its default route settings must set a logging level other than OFF
 * (absent is OFF); a route whose own settings set OFF is reported too. A level that is not known is not reported.
 */
function v2Stage(k: V2Keys) {
  return (r: Resource, ctx: CheckContext): void => {
    const api = websocketApi(r, ctx, k);
    if (!api) return;
    const who = `Stage ${r.id} of WebSocket API ${api.id}`;
    const shown = `${k.defaults} ${k.level}`;
    defaults: for (const alt of reachable(r.body.get(k.defaults))) {
      if (alt.isUnknown) continue;
      // A Terraform block is an object or a list of objects (always a list in plans); an empty list is no block.
      const blocks = alt.isAbsent ? [] : alt.isSeq ? alt.items() : [alt];
      if (blocks.length === 0) {
        ctx.report(missingAt(alt, r.anchor), `${who} sets no ${shown}, which defaults to OFF, ${CONSEQUENCE}.`);
        break;
      }
      for (const block of blocks) {
        if (!block.isMap) continue;
        for (const level of reachable(block.get(k.level))) {
          if (level.isUnknown) continue;
          if (level.isAbsent) {
            ctx.report(missingAt(level, keyNode(r.body, k.defaults) ?? r.anchor), `${who} sets no ${shown}, which defaults to OFF, ${CONSEQUENCE}.`);
            break defaults;
          }
          if (logs(level) === false) {
            ctx.report(level, `${who} sets ${shown} to ${offText(level)}, ${CONSEQUENCE}.`);
            break defaults;
          }
        }
      }
    }
    for (const [route, settings] of routeSettings(r, k)) {
      const off = findReachable(settings.get(k.level), (l) => logs(l) === false);
      if (off) ctx.report(off, `${who} sets ${k.routes} ${k.level} to ${offText(off)} for route ${route}, ${CONSEQUENCE}.`);
    }
  };
}

const CFN_V2_STAGE = v2Stage(CFN_V2);
const TF_V2_STAGE = v2Stage(TF_V2);

export default defineRule({
  id: 'CL-AWS-199',
  slug: 'apigateway-execution-logging-disabled',
  title: 'API Gateway stage has execution logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'API Gateway execution logs record how each request to a REST API stage, or each message to a WebSocket API stage, was processed: authorizer results, API key and usage plan checks, integration errors and throttling. The logging level is OFF unless set in the stage\'s method settings (REST) or default route settings (WebSocket).',
  remediation:
    'Set MethodSettings LoggingLevel (aws_api_gateway_method_settings settings.logging_level) to ERROR or INFO for method path */*, or for a WebSocket API stage DefaultRouteSettings LoggingLevel (default_route_settings.logging_level), and give API Gateway a CloudWatch Logs role in the account settings.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the API front door and writes execution logs with the account\'s CloudWatch role',
    customer: 'choosing the logging level for each stage, keeping request data out of the logs and reviewing them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV2_AWS_4'],
    kics: ['80d45af4-4920-4236-a56e-b7ef419d1941', '1b6799eb-4a7a-4b04-9001-8cceb9999326'],
  },
  docs: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    cfnGuideDoc('aws-properties-apigateway-stage-methodsetting', 'cfn-apigateway-stage-methodsetting-logginglevel'),
    tfDoc('api_gateway_method_settings', 'logging_level'),
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
    cfnDoc('aws-properties-apigatewayv2-stage-routesettings', 'cfn-apigatewayv2-stage-routesettings-logginglevel'),
    tfDoc('apigatewayv2_stage', 'logging_level'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api', 'AWS::ApiGatewayV2::Stage'],
      run: (r, ctx) => (r.type === 'AWS::ApiGatewayV2::Stage' ? CFN_V2_STAGE(r, ctx) : cloudformation(r, ctx)),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_api_gateway_stage', 'aws_api_gateway_method_settings', 'aws_apigatewayv2_stage'],
      run: (r, ctx) => (r.type === 'aws_api_gateway_stage' ? terraformStage(r, ctx) : r.type === 'aws_apigatewayv2_stage' ? TF_V2_STAGE(r, ctx) : terraformSettings(r, ctx)),
    },
  },
});
