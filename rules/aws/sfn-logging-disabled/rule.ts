// CL-AWS-194: a Step Functions state machine whose execution history is not logged to CloudWatch Logs.
import { AUDIT_LOGGING, cfnGuideDoc, checkSetting, defineRule, type SettingSpec, settingChecks, tfDoc, type Val } from '../../kit';
import { samGlobal } from '../../lib/logging';

/** Any level but OFF. YAML 1.1 reads an unquoted `OFF` as the boolean false, which is OFF too. */
function level(v: Val): boolean | undefined {
  if (v.bool() === false) return false;
  const s = v.str();
  return s === undefined ? undefined : s.toUpperCase() !== 'OFF';
}

const SPEC: SettingSpec = {
  subject: 'State machine',
  consequence: 'so its executions are not logged to CloudWatch Logs',
  want: 'ALL',
  absentMeans: 'OFF',
  ok: level,
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::StepFunctions::StateMachine'], path: ['LoggingConfiguration', 'Level'] },
    terraform: { types: ['aws_sfn_state_machine'], path: ['logging_configuration', 'level'] },
  },
};

/** AWS SAM: the same settings under `Logging` (or in `Globals.StateMachine`, then not checked). */
const SAM: SettingSpec = {
  ...SPEC,
  formats: { cloudformation: { types: ['AWS::Serverless::StateMachine'], path: ['Logging', 'Level'] } },
};

export default defineRule({
  id: 'CL-AWS-194',
  slug: 'sfn-logging-disabled',
  title: 'Step Functions state machine has logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'A state machine with logging level OFF sends none of its execution history to CloudWatch Logs. Standard workflows keep history for 90 days in the service only; Express workflows keep none at all, so failed or abused executions cannot be traced.',
  remediation: 'Set LoggingConfiguration.Level (logging_configuration.level) to ALL, ERROR or FATAL with a CloudWatch Logs log group destination.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the workflows and writes their execution history to the log group you choose',
    customer: 'choosing the logging level and destination and reviewing the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_285'],
    trivy: ['aws-sam-enable-state-machine-logging'],
  },
  docs: [
    'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
    cfnGuideDoc('aws-properties-stepfunctions-statemachine-loggingconfiguration'),
    tfDoc('sfn_state_machine', 'logging_configuration'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
      run(r, ctx) {
        if (r.type !== 'AWS::Serverless::StateMachine') checkSetting(r, ctx, SPEC, SPEC.formats.cloudformation!);
        else if (!samGlobal(r, 'StateMachine', 'Logging')) checkSetting(r, ctx, SAM, SAM.formats.cloudformation!);
      },
    },
    terraform: settingChecks(SPEC).terraform,
  },
});
