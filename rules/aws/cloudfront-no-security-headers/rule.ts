// CL-AWS-282: CloudFront cache behaviors whose responses get no security headers: no response headers policy, or one
// that does not add Strict-Transport-Security.
import { cfnDoc, type CheckContext, defineRule, findById, get, keyNode, nist, type Node, type Resource, str, tfDoc, type Val } from '../../kit';

/**
 * AWS managed response headers policies that add the security headers, HSTS among them (Developer Guide, "Use managed
 * response headers policies"): their IDs, and their names as the data source looks them up.
 */
const MANAGED_SECURITY_POLICIES: Readonly<Record<string, string>> = {
  '67f7725c-6f97-4210-82d7-5512b31e9d03': 'Managed-SecurityHeadersPolicy',
  'e61eb60c-9c35-4d20-a928-2b84e02af89c': 'Managed-CORS-and-SecurityHeadersPolicy',
};
const MANAGED_NAMES = new Set(Object.values(MANAGED_SECURITY_POLICIES).map((n) => n.toLowerCase()));

/** What a behavior's response headers policy does: adds HSTS, does not (the policy resource), or cannot be told. */
type Verdict = { readonly kind: 'ok' } | { readonly kind: 'unknown' } | { readonly kind: 'no-hsts'; readonly policy: Resource };

/** A cache behavior: its value, how messages name it, where a missing policy is reported, the block it is in. */
interface Behavior {
  readonly val: Val;
  readonly name: string;
  readonly at: Val | Node;
  readonly block: string;
}

interface Names {
  readonly policyId: string;
  /** How a response headers policy is judged. */
  readonly judge: (p: Resource) => Verdict;
  /** The behaviors of a distribution, with how messages name them and where a missing policy is reported. */
  readonly behaviors: (r: Resource) => Behavior[];
  /** The response headers policy a value refers to, when the file holds it. */
  readonly referred: (r: Resource, ctx: CheckContext, v: Val, block: string) => Resource | 'unknown';
  readonly shown: string;
}

/** Every alternative of `v` present (known), absent, or either way (unknown). */
function presence(v: Val): 'present' | 'absent' | 'unknown' {
  const alts = v.each();
  if (alts.every((a) => a.isAbsent)) return 'absent';
  if (alts.every((a) => !a.isAbsent && !a.isUnknown)) return 'present';
  return 'unknown';
}

function cfnJudge(p: Resource): Verdict {
  const hsts = presence(p.body.path('ResponseHeadersPolicyConfig', 'SecurityHeadersConfig', 'StrictTransportSecurity'));
  return hsts === 'present' ? { kind: 'ok' } : hsts === 'absent' ? { kind: 'no-hsts', policy: p } : { kind: 'unknown' };
}

function tfJudge(p: Resource): Verdict {
  if (p.type.startsWith('data.')) {
    // A managed policy looked up by name (or ID).
    const name = p.body.get('name').str()?.toLowerCase();
    const id = p.body.get('id').str()?.toLowerCase();
    return (name && MANAGED_NAMES.has(name)) || (id && MANAGED_SECURITY_POLICIES[id]) ? { kind: 'ok' } : { kind: 'unknown' };
  }
  if (get(get(p.node, 'dynamic'), 'security_headers_config')) return { kind: 'unknown' };
  const config = p.body.get('security_headers_config');
  if (config.isUnknown) return { kind: 'unknown' };
  const blocks = config.list().filter((b) => b.isMap);
  if (blocks.length === 0) return { kind: 'no-hsts', policy: p };
  for (const b of blocks) {
    if (get(get(b.node, 'dynamic'), 'strict_transport_security')) return { kind: 'unknown' };
    const hsts = b.get('strict_transport_security');
    if (hsts.isUnknown) return { kind: 'unknown' };
    if (hsts.list().some((h) => h.isMap)) return { kind: 'ok' };
  }
  return { kind: 'no-hsts', policy: p };
}

/** `!Ref Policy` or `!GetAtt Policy.Id` as written (a policy of the template; its ID is known only at deploy time). */
function cfnReferred(_r: Resource, ctx: CheckContext, v: Val): Resource | 'unknown' {
  const at = v.at;
  let id: string | undefined;
  if (at.kind === 'map' && at.pairs.length === 1) {
    const key = at.pairs[0].key.value;
    const arg = at.pairs[0].value;
    if (key === 'Ref') id = str(arg);
    else if (key === 'Fn::GetAtt') id = arg.kind === 'seq' ? str(arg.items[0]) : str(arg)?.split('.')[0];
  }
  return (id && findById(ctx, ['AWS::CloudFront::ResponseHeadersPolicy'], [id])) || 'unknown';
}

const TF_POLICY_TYPES = ['aws_cloudfront_response_headers_policy', 'data.aws_cloudfront_response_headers_policy'];

/**
 * The policy an unknown `response_headers_policy_id` refers to: the one response headers policy the behavior's block
 * refers to (a block that refers to several, or to none of the file, is unknown).
 */
function tfReferred(r: Resource, ctx: CheckContext, _v: Val, block: string): Resource | 'unknown' {
  const ids = [...new Set(r.references(block).filter((id) => TF_POLICY_TYPES.some((t) => id.startsWith(`${t}.`))))];
  return (ids.length === 1 && findById(ctx, TF_POLICY_TYPES, ids)) || 'unknown';
}

const CFN: Names = {
  policyId: 'ResponseHeadersPolicyId',
  judge: cfnJudge,
  referred: cfnReferred,
  shown: 'SecurityHeadersConfig.StrictTransportSecurity',
  behaviors(r) {
    const config = r.body.get('DistributionConfig');
    // A disabled distribution serves nothing.
    if (config.get('Enabled').isFalse()) return [];
    return [
      ...config.get('DefaultCacheBehavior').list().filter((b) => b.isMap).map((val) => ({ val, name: 'The default cache behavior', at: keyNode(config, 'DefaultCacheBehavior') ?? r.anchor, block: 'DistributionConfig' })),
      ...config.get('CacheBehaviors').items().filter((b) => b.isMap).map((val) => behaviorOf(val, 'PathPattern', 'DistributionConfig')),
    ];
  },
};

const TF: Names = {
  policyId: 'response_headers_policy_id',
  judge: tfJudge,
  referred: tfReferred,
  shown: 'security_headers_config.strict_transport_security',
  behaviors(r) {
    if (r.body.get('enabled').isFalse()) return [];
    return [
      ...r.body.get('default_cache_behavior').list().filter((b) => b.isMap).map((val) => ({ val, name: 'The default cache behavior', at: keyNode(r.body, 'default_cache_behavior') ?? r.anchor, block: 'default_cache_behavior' })),
      ...r.body.get('ordered_cache_behavior').list().filter((b) => b.isMap).map((val) => behaviorOf(val, 'path_pattern', 'ordered_cache_behavior')),
    ];
  },
};

/** An ordered cache behavior: named and reported at its path pattern. */
function behaviorOf(val: Val, key: string, block: string): Behavior {
  const pattern = val.get(key);
  const text = pattern.str();
  return { val, name: text === undefined ? 'A cache behavior' : `The cache behavior for ${text}`, at: pattern.isAbsent ? val.at : pattern, block };
}

function check(n: Names) {
  return (r: Resource, ctx: CheckContext) => {
    for (const b of n.behaviors(r)) {
      const id = b.val.get(n.policyId);
      const subject = `${b.name} of CloudFront distribution ${r.id}`;
      for (const alt of id.each()) {
        if (alt.isAbsent || alt.str()?.trim() === '') {
          ctx.report(alt.when.length > 0 || !alt.isAbsent ? alt : b.at, `${subject} has no ${n.policyId}, so CloudFront adds no security headers to its responses: no Strict-Transport-Security telling browsers to use HTTPS only, no X-Content-Type-Options, no X-Frame-Options.`);
          break;
        }
        // A policy ID written out: a managed security policy, or a policy made elsewhere (not judged).
        if (alt.str() !== undefined) continue;
        const policy = n.referred(r, ctx, alt, b.block);
        if (policy === 'unknown') continue;
        const verdict = n.judge(policy);
        if (verdict.kind !== 'no-hsts') continue;
        ctx.report(alt, `${subject} uses the response headers policy ${policy.id}, which sets no ${n.shown}, so browsers are not told to use HTTPS only (no Strict-Transport-Security header).`);
        break;
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-282',
  slug: 'cloudfront-no-security-headers',
  title: 'CloudFront distribution adds no security response headers',
  severity: 'low',
  fixable: false,
  description:
    'A cache behavior without a response headers policy that adds the security headers sends responses without Strict-Transport-Security (HSTS), so browsers may still reach the site over plain HTTP and be downgraded, and without the headers that stop MIME sniffing and framing, unless the origin sets them itself.',
  remediation: 'Attach a response headers policy to every cache behavior: the managed SecurityHeadersPolicy (67f7725c-6f97-4210-82d7-5512b31e9d03) or one of yours whose SecurityHeadersConfig sets StrictTransportSecurity.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the edge locations and adds the response headers the policy you attach asks for',
    customer: 'attaching a policy with the security headers your site needs is yours',
  },
  frameworks: [nist('SC-8')],
  equivalents: { checkov: ['CKV2_AWS_32'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/modifying-response-headers.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html',
    cfnDoc('aws-properties-cloudfront-responseheaderspolicy-securityheadersconfig'),
    tfDoc('cloudfront_response_headers_policy', 'security_headers_config'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::CloudFront::Distribution'], run: check(CFN) },
    terraform: { reads: 'scope', types: ['aws_cloudfront_distribution'], run: check(TF) },
  },
});
