// CL-AWS-041: a CloudFront cache behavior serves viewers over plain HTTP.
import { cfnDoc, type CheckContext, defineRule, findReachable, IN_TRANSIT, type Resource, strIs, tfDoc, type Val } from '../../kit';

function report(r: Resource, ctx: CheckContext, behavior: Val, path: string, attr: string): void {
  const bad = findReachable(behavior.get(attr), (v) => strIs(v, 'allow-all'));
  if (!bad) return;
  const edits = ctx.edits.setValue(bad, 'redirect-to-https');
  ctx.report(bad, `Distribution ${r.id} sets ${path}.${attr} to allow-all, so viewers can fetch content over plain HTTP.`, {
    fix: { title: `Set ${attr} to redirect-to-https`, edits },
  });
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const config = r.body.get('DistributionConfig');
  // A disabled distribution serves nothing.
  if (config.get('Enabled').isFalse()) return;
  for (const b of config.get('DefaultCacheBehavior').list()) report(r, ctx, b, 'DefaultCacheBehavior', 'ViewerProtocolPolicy');
  config.get('CacheBehaviors').items().forEach((b, i) => report(r, ctx, b, `CacheBehaviors[${i}]`, 'ViewerProtocolPolicy'));
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (r.body.get('enabled').isFalse()) return;
  for (const b of r.body.get('default_cache_behavior').list()) report(r, ctx, b, 'default_cache_behavior', 'viewer_protocol_policy');
  for (const b of r.body.get('ordered_cache_behavior').list()) report(r, ctx, b, 'ordered_cache_behavior', 'viewer_protocol_policy');
}

export default defineRule({
  id: 'CL-AWS-041',
  slug: 'cloudfront-allows-http',
  title: 'CloudFront distribution allows plain HTTP',
  severity: 'medium',
  fixable: true,
  description:
    'A cache behavior with ViewerProtocolPolicy allow-all serves content to viewers over plain HTTP, where it can be read and altered in transit, and lets cookies and tokens travel unencrypted.',
  remediation: 'Set ViewerProtocolPolicy (viewer_protocol_policy) to redirect-to-https, or https-only for APIs.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the edge network and terminates HTTPS for you with its own or your certificate',
    customer: 'whether viewers may use plain HTTP is your decision',
  },
  frameworks: IN_TRANSIT,
  equivalents: {
    checkov: ['CKV_AWS_34'],
    kics: ['31733ee2-fef0-4e87-9778-65da22a8ecf1', '55af1353-2f62-4fa0-a8e1-a210ca2708f5'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
    cfnDoc('aws-properties-cloudfront-distribution-defaultcachebehavior'),
    tfDoc('cloudfront_distribution', 'viewer_protocol_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CloudFront::Distribution'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_cloudfront_distribution'], run: terraform },
  },
});
