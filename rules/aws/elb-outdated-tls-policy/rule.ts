// CL-AWS-040: an HTTPS/TLS listener negotiates TLS 1.0 or 1.1.
import { addPath, cfnDoc, type CheckContext, defineRule, findReachable, type Resource, strIs, tfDoc, TLS_VERSIONS } from '../../kit';
import { usedNegotiationPolicies } from '../../lib/network';

/** The default policy of HTTPS/TLS listeners created with the API, CLI, CloudFormation or the CDK. */
const API_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** The policy AWS recommends for Application and Network Load Balancers: TLS 1.3 and TLS 1.2 only. */
const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Predefined ELB security policies that allow TLS 1.0 or TLS 1.1 (ELB user guides, security policies tables). */
const WEAK_POLICIES = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
]);

/**
 * True when a policy name is known to allow TLS 1.0 or 1.1: the list above, the TLS 1.3 families with a 1.0 or 1.1
 * minimum (their FIPS and post-quantum variants included), and the date-only policies of Classic Load Balancers.
 * Names not recognised (newer or custom policies) are not reported.
 */
export function isWeakPolicy(name: string): boolean {
  const n = name.trim();
  return (
    WEAK_POLICIES.has(n) ||
    /^ELBSecurityPolicy-TLS13-1-[01]-/.test(n) ||
    /^ELBSecurityPolicy-20\d\d-\d\d$/.test(n) ||
    n.startsWith('ELBSample-')
  );
}

/** Classic Load Balancer policy attributes that turn on an outdated protocol. */
const WEAK_PROTOCOL_ATTRIBUTES = new Set(['protocol-sslv2', 'protocol-sslv3', 'protocol-tlsv1', 'protocol-tlsv1.1']);

function listenerV2(protocolAttr: string, policyAttr: string) {
  return (r: Resource, ctx: CheckContext) => {
    const protocol = findReachable(r.body.get(protocolAttr), (p) => strIs(p, 'HTTPS') || strIs(p, 'TLS'));
    if (!protocol) return;
    const policy = r.body.get(policyAttr);
    const weak = findReachable(policy, (p) => p.str() !== undefined && isWeakPolicy(p.str()!));
    if (weak) {
      ctx.report(weak, `Listener ${r.id} uses ${policyAttr} ${weak.str()!.trim()}, which allows TLS 1.0 or TLS 1.1.`, {
        fix: { title: `Set ${policyAttr} to ${RECOMMENDED_POLICY}`, caution: 'clients need TLS 1.2', edits: ctx.edits.setValue(weak, RECOMMENDED_POLICY) },
      });
      return;
    }
    if (policy.isAbsent) {
      ctx.report(protocol, `Listener ${r.id} accepts ${protocol.str()} without ${policyAttr}, so the default ${API_DEFAULT_POLICY} applies, which allows TLS 1.0 and TLS 1.1.`, {
        fix: { title: `Add ${policyAttr}: ${RECOMMENDED_POLICY}`, caution: 'clients need TLS 1.2', edits: addPath(ctx.edits, r, [policyAttr], RECOMMENDED_POLICY) },
      });
    }
  };
}

function classicCfn(r: Resource, ctx: CheckContext): void {
  // Only policies a listener (or a back-end port) uses take effect.
  for (const { name, policy } of usedNegotiationPolicies(r)) {
    for (const attr of policy.get('Attributes').items()) {
      const key = attr.get('Name').str()?.trim().toLowerCase();
      const value = attr.get('Value');
      if (key === 'reference-security-policy') {
        const weak = findReachable(value, (v) => v.str() !== undefined && isWeakPolicy(v.str()!));
        if (weak) ctx.report(weak, `Classic load balancer ${r.id} uses security policy ${weak.str()!.trim()} in ${name}, which allows TLS 1.0 or older protocols.`);
      } else if (key && WEAK_PROTOCOL_ATTRIBUTES.has(key)) {
        const on = findReachable(value, (v) => v.isTrue());
        if (on) ctx.report(on, `Classic load balancer ${r.id} turns on ${attr.get('Name').str()} in ${name}.`);
      }
    }
  }
}

/**
 * Terraform `aws_load_balancer_policy` of type SSLNegotiationPolicyType: the Classic Load Balancer policy written as its
 * own resource (attached to listeners by aws_load_balancer_listener_policy), judged by its attributes as above.
 */
function classicTfPolicy(r: Resource, ctx: CheckContext): void {
  if (!strIs(r.body.get('policy_type_name'), 'SSLNegotiationPolicyType')) return;
  for (const attr of r.body.get('policy_attribute').list()) {
    const key = attr.get('name').str()?.trim().toLowerCase();
    const value = attr.get('value');
    if (key === 'reference-security-policy') {
      const weak = findReachable(value, (v) => v.str() !== undefined && isWeakPolicy(v.str()!));
      if (weak) ctx.report(weak, `Load balancer policy ${r.id} references security policy ${weak.str()!.trim()}, which allows protocols older than TLS 1.2.`);
    } else if (key && WEAK_PROTOCOL_ATTRIBUTES.has(key)) {
      const on = findReachable(value, (v) => v.isTrue());
      if (on) ctx.report(on, `Load balancer policy ${r.id} turns on ${attr.get('name').str()}.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-040',
  slug: 'elb-outdated-tls-policy',
  title: 'Load balancer TLS policy allows TLS 1.0 or 1.1',
  severity: 'low',
  fixable: true,
  description:
    'An HTTPS or TLS listener whose security policy allows TLS 1.0 or 1.1 (including the API default ELBSecurityPolicy-2016-08) lets clients negotiate deprecated protocol versions and CBC/SHA-1 cipher suites.',
  remediation: 'Set SslPolicy (ssl_policy) to ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy once no client needs TLS 1.0/1.1.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the load balancer nodes and publishes and maintains the predefined security policies',
    customer: 'which security policy your listeners use is your decision',
  },
  frameworks: TLS_VERSIONS,
  equivalents: {
    checkov: ['CKV_AWS_103', 'CKV_AWS_213'],
    kics: ['61a94903-3cd3-4780-88ec-fc918819b9c8', '126c1788-23c2-4a10-906c-ef179f4f96ec'],
    trivy: ['aws-elb-use-secure-tls-policy'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
    cfnDoc('aws-resource-elasticloadbalancingv2-listener'),
    tfDoc('lb_listener', 'ssl_policy'),
    tfDoc('load_balancer_policy'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
      run: (r, ctx) => (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? classicCfn(r, ctx) : listenerV2('Protocol', 'SslPolicy')(r, ctx)),
    },
    terraform: {
      reads: 'resource',
      types: ['aws_lb_listener', 'aws_alb_listener', 'aws_load_balancer_policy'],
      run: (r, ctx) => (r.type === 'aws_load_balancer_policy' ? classicTfPolicy(r, ctx) : listenerV2('protocol', 'ssl_policy')(r, ctx)),
    },
  },
});
