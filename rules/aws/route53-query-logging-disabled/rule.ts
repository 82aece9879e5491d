// CL-AWS-271: a public Route 53 hosted zone whose DNS queries are not logged.
import { cfnDoc, type CheckContext, defineRule, missingAt, nist, type Resource, tfDoc } from '../../kit';
import { configsOf } from '../../lib/s3';

const CONSEQUENCE = 'so the DNS queries Route 53 answers for it are not logged';

function cfnCheck(r: Resource, ctx: CheckContext): void {
  // A zone with VPCs is private: Route 53 logs queries only for public zones (Resolver query logging covers VPCs).
  if (!r.body.get('VPCs').isAbsent) return;
  const missing = r.body.get('QueryLoggingConfig').find((alt) => alt.isAbsent);
  if (!missing) return;
  ctx.report(missingAt(missing, r.anchor), `Public hosted zone ${r.id} does not set QueryLoggingConfig, ${CONSEQUENCE}.`);
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  if (!r.body.get('vpc').isAbsent || !r.body.get('dynamic').isAbsent) return;
  // A query log that refers to the zone, or whose zone_id is unknown and names no other zone, counts.
  const { linked, possible } = configsOf(r, ctx, ['aws_route53_query_log'], 'zone_id');
  if (linked.length > 0 || possible.length > 0) return;
  ctx.report(r.anchor, `Public hosted zone ${r.id} has no aws_route53_query_log that refers to it through zone_id, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-271',
  slug: 'route53-query-logging-disabled',
  title: 'Public Route 53 hosted zone does not log DNS queries',
  severity: 'low',
  fixable: false,
  description:
    'Route 53 query logging records each DNS query its name servers answer for a public hosted zone (the name, record type, response code and the edge location). Without it, reconnaissance of your names, DNS-based exfiltration through your domain and resolution problems leave no record.',
  remediation: 'Set QueryLoggingConfig.CloudWatchLogsLogGroupArn (an aws_route53_query_log with zone_id) to a CloudWatch Logs log group in us-east-1 that Route 53 may write to.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS answers the queries and delivers their log records once you configure query logging',
    customer: 'turning on query logging for your public zones and keeping the logs are yours',
  },
  frameworks: [nist('AU-2', 'AU-12')],
  equivalents: {
    kics: ['0f0fb06b-0f2f-4374-8588-f2c7c348c7a0', '7dbba512-e244-42dc-98bb-422339827967'],
  },
  docs: [
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html',
    'https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateQueryLoggingConfig.html',
    cfnDoc('aws-resource-route53-hostedzone'),
    tfDoc('route53_query_log'),
    tfDoc('route53_zone', 'vpc'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Route53::HostedZone'], run: cfnCheck },
    terraform: { reads: 'scope', types: ['aws_route53_zone'], run: tfCheck },
  },
});
