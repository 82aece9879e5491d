// CL-AWS-041: a CloudFront cache behavior serves viewers over plain HTTP.
import { cfnDoc, defineRule, IN_TRANSIT, type Resource, type SettingItem, settingChecks, strIs, tfDoc } from '../../kit';

// A disabled distribution serves nothing: its behaviors are not checked.
function cloudformation(r: Resource): SettingItem[] {
  const config = r.body.get('DistributionConfig');
  if (config.get('Enabled').isFalse()) return [];
  return [
    ...config.get('DefaultCacheBehavior').list().map((val) => ({ val, prefix: 'DefaultCacheBehavior.' })),
    ...config.get('CacheBehaviors').items().map((val, i) => ({ val, prefix: `CacheBehaviors[${i}].` })),
  ];
}

function terraform(r: Resource): SettingItem[] {
  if (r.body.get('enabled').isFalse()) return [];
  return [
    ...r.body.get('default_cache_behavior').list().map((val) => ({ val, prefix: 'default_cache_behavior.' })),
    ...r.body.get('ordered_cache_behavior').list().map((val) => ({ val, prefix: 'ordered_cache_behavior.' })),
  ];
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
    kics: ['31733ee2-fef0-4e87-9778-65da22a8ecf1', '55af1353-2f62-4fa0-a8e1-a210ca2708f5', 'a5366a50-932f-4085-896b-41402714a388'],
    trivy: ['aws-cloudfront-enforce-https'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
    cfnDoc('aws-properties-cloudfront-distribution-defaultcachebehavior'),
    tfDoc('cloudfront_distribution', 'viewer_protocol_policy'),
  ],
  checks: settingChecks({
    subject: 'Distribution',
    consequence: 'so viewers can fetch content over plain HTTP',
    want: 'redirect-to-https',
    // Every cache behavior must write its policy.
    absentMeans: null,
    // https-only (and redirect-to-https) are fine: only allow-all serves plain HTTP.
    ok: (v) => (v.str() === undefined ? undefined : !strIs(v, 'allow-all')),
    formats: {
      cloudformation: { types: ['AWS::CloudFront::Distribution'], path: ['ViewerProtocolPolicy'], each: cloudformation },
      terraform: { types: ['aws_cloudfront_distribution'], path: ['viewer_protocol_policy'], each: terraform },
    },
  }),
});
