// CL-AWS-199: a REST API stage whose execution logging (LoggingLevel) is OFF or never set.
import { AUDIT_LOGGING, cfnGuideDoc, type CheckContext, defineRule, keyNode, type Resource, tfDoc, type Val } from '../../kit';
import { samGlobal } from '../../lib/logging';

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
  if (r.type === 'AWS::Serverless::Api' && settings.isAbsent && samGlobal(r, 'Api', 'MethodSettings')) return;
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

export default defineRule({
  id: 'CL-AWS-199',
  slug: 'apigateway-execution-logging-disabled',
  title: 'API Gateway stage has execution logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'API Gateway execution logs record how each request to a REST API stage was processed: authorizer results, API key and usage plan checks, integration errors and throttling. The logging level is OFF unless set in the stage\'s method settings.',
  remediation: 'Set MethodSettings LoggingLevel (aws_api_gateway_method_settings settings.logging_level) to ERROR or INFO for method path */* and give API Gateway a CloudWatch Logs role in the account settings.',
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
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'], run: cloudformation },
    terraform: {
      reads: 'scope',
      types: ['aws_api_gateway_stage', 'aws_api_gateway_method_settings'],
      run: (r, ctx) => (r.type === 'aws_api_gateway_stage' ? terraformStage(r, ctx) : terraformSettings(r, ctx)),
    },
  },
});
