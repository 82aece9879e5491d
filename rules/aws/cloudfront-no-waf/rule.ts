// CL-AWS-223: a CloudFront distribution with no AWS WAF web ACL.
import { cfnGuideDoc, type CheckContext, defineRule, keyNode, nist, pci, type Resource, tfDoc, type Val } from '../../kit';

const CONSEQUENCE = 'so no AWS WAF web ACL inspects the requests viewers send through it';

/** A disabled distribution serves no requests: not checked. An alternative of the web ACL setting that names no web ACL: absent, or an empty string. */
const noAcl = (v: Val): boolean => v.isAbsent || v.str() === '';

function cloudformation(r: Resource, ctx: CheckContext): void {
  const config = r.body.get('DistributionConfig');
  if (config.isAbsent || config.isUnknown || config.get('Enabled').isFalse()) return;
  const acl = config.get('WebACLId');
  const bad = acl.find(noAcl);
  if (!bad) return;
  if (!bad.isAbsent) {
    ctx.report(bad, `Distribution ${r.id} sets DistributionConfig.WebACLId to an empty string, ${CONSEQUENCE}.`);
    return;
  }
  const at = acl.alts.length === 1 ? (keyNode(r.body, 'DistributionConfig') ?? r.anchor) : bad;
  ctx.report(at, `Distribution ${r.id} does not set DistributionConfig.WebACLId, ${CONSEQUENCE}.`);
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (r.body.get('enabled').isFalse()) return;
  const acl = r.body.get('web_acl_id');
  const bad = acl.find(noAcl);
  if (!bad) return;
  if (bad.isAbsent) ctx.report(r.anchor, `Distribution ${r.id} does not set web_acl_id, ${CONSEQUENCE}.`);
  else ctx.report(bad, `Distribution ${r.id} sets web_acl_id to an empty string, ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-223',
  slug: 'cloudfront-no-waf',
  title: 'CloudFront distribution is not protected by AWS WAF',
  severity: 'medium',
  fixable: false,
  description:
    'A distribution is the public front door of the sites and APIs behind it. Without a web ACL, CloudFront forwards every request it does not serve from cache to the origin: SQL injection, cross-site scripting, known bad inputs, bots and request floods reach the application unfiltered.',
  remediation: 'Set DistributionConfig.WebACLId (web_acl_id) to the ARN of an AWS WAF web ACL with scope CLOUDFRONT (created in us-east-1).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the edge network, absorbs network-layer DDoS with AWS Shield Standard and evaluates a web ACL on every request once you attach one',
    customer: 'attaching a web ACL to the distribution and choosing its rules are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV_AWS_68'],
    kics: ['0f139403-303f-467c-96bd-e717e6cfd62d', '1419b4c6-6d5c-4534-9cf6-6a5266085333'],
    trivy: ['aws-cloudfront-enable-waf'],
  },
  docs: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html',
    cfnGuideDoc('aws-properties-cloudfront-distribution-distributionconfig', 'cfn-cloudfront-distribution-distributionconfig-webaclid'),
    tfDoc('cloudfront_distribution', 'web_acl_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CloudFront::Distribution'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_cloudfront_distribution'], run: terraform },
  },
});
