// CL-AWS-195: an AppSync GraphQL API that logs no resolver (field) activity to CloudWatch Logs.
import { AUDIT_LOGGING, cfnGuideDoc, defineRule, settingChecks, tfDoc, type Val } from '../../kit';

/** Any field log level but NONE. */
function level(v: Val): boolean | undefined {
  const s = v.str();
  return s === undefined ? undefined : s.toUpperCase() !== 'NONE';
}

export default defineRule({
  id: 'CL-AWS-195',
  slug: 'appsync-field-logging-disabled',
  title: 'AppSync GraphQL API has field logging disabled',
  severity: 'low',
  fixable: false,
  description:
    'Without a LogConfig (or with FieldLogLevel NONE) an AppSync API writes no request or resolver logs to CloudWatch Logs, so errors, authorization failures and unusual queries against the API leave no record.',
  remediation: 'Set LogConfig (log_config) with a CloudWatch Logs role and FieldLogLevel ERROR or higher.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS runs the GraphQL endpoint and writes request and resolver logs with the role you give it',
    customer: 'turning logging on, choosing its level and verbosity and reviewing the logs are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_193', 'CKV_AWS_194'],
  },
  docs: [
    'https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html#cwl',
    cfnGuideDoc('aws-properties-appsync-graphqlapi-logconfig'),
    tfDoc('appsync_graphql_api', 'log_config'),
  ],
  checks: settingChecks({
    subject: 'GraphQL API',
    consequence: 'so its requests and resolver errors are not logged',
    want: 'ERROR',
    absentMeans: 'NONE',
    ok: level,
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::AppSync::GraphQLApi'], path: ['LogConfig', 'FieldLogLevel'] },
      terraform: { types: ['aws_appsync_graphql_api'], path: ['log_config', 'field_log_level'] },
    },
  }),
});
