// Terraform JSON: `"dynamic": {"<block>": {"for_each": …, "content": {…}}}` makes `<block>` blocks at plan time. The
// value is unknown, never missing, in every rule (as the HCL reader makes a `dynamic "<block>"` block unknown), not
// only in the rules built on the kit's setting helpers.
import { strict as assert } from 'node:assert';
import { lintText, spanText } from '../helpers';

/** A CloudFront distribution (`.tf.json`) whose viewer_certificate is given by `certificate`. */
function distribution(certificate: object): string {
  return JSON.stringify(
    {
      resource: {
        aws_cloudfront_distribution: {
          site: {
            enabled: true,
            origin: { domain_name: 'example.s3.amazonaws.com', origin_id: 's3' },
            default_cache_behavior: { allowed_methods: ['GET', 'HEAD'], cached_methods: ['GET', 'HEAD'], target_origin_id: 's3', viewer_protocol_policy: 'https-only' },
            restrictions: { geo_restriction: { restriction_type: 'none' } },
            ...certificate,
          },
        },
      },
    },
    null,
    2,
  );
}

/** `range: message` of each finding of `rule`. */
function ruleFindings(text: string, rule: string): string[] {
  const res = lintText('main.tf.json', text);
  return res.findings.filter((f) => f.rule.id === rule).map((f) => `${spanText(res, f.span)}: ${f.message}`);
}

describe('Terraform JSON dynamic blocks are unknown, not missing', () => {
  it('CL-AWS-042: no viewer_certificate at all is reported', () => {
    assert.deepEqual(ruleFindings(distribution({}), 'CL-AWS-042'), [
      '4:7-4:13: Distribution aws_cloudfront_distribution.site sets no viewer_certificate, so it uses the default CloudFront certificate, which accepts TLS 1.0 and 1.1. Amazon CloudFront is PaaS: AWS runs the edge network, terminates TLS and maintains the security policies; which security policy your distribution uses is your decision.',
    ]);
  });

  it('CL-AWS-042: a dynamic "viewer_certificate" block is not reported', () => {
    const dyn = { dynamic: { viewer_certificate: { for_each: '${var.certificates}', content: { acm_certificate_arn: '${viewer_certificate.value}', minimum_protocol_version: 'TLSv1.2_2021', ssl_support_method: 'sni-only' } } } };
    assert.deepEqual(ruleFindings(distribution(dyn), 'CL-AWS-042'), []);
  });

  it('CL-AWS-042: a dynamic block of another name leaves viewer_certificate missing', () => {
    const dyn = { dynamic: { logging_config: { for_each: '${var.logs}', content: { bucket: '${logging_config.value}' } } } };
    assert.equal(ruleFindings(distribution(dyn), 'CL-AWS-042').length, 1);
  });

  it('a dynamic list form (array of objects) counts too', () => {
    const dyn = { dynamic: [{ viewer_certificate: { for_each: '${var.certificates}', content: { acm_certificate_arn: '${viewer_certificate.value}' } } }] };
    assert.deepEqual(ruleFindings(distribution(dyn), 'CL-AWS-042'), []);
  });
});
