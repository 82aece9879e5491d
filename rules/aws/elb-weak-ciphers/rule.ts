// CL-AWS-269: a Classic Load Balancer SSL negotiation policy that turns on a weak cipher (RC4, DES/3DES, NULL, export, MD5).
import { cfnDoc, type CheckContext, defineRule, findReachable, type Resource, strIs, tfDoc, TLS_VERSIONS, type Val } from '../../kit';
import { usedNegotiationPolicies } from '../../lib/network';

/**
 * What is weak about a cipher attribute of an SSL negotiation policy, from the words of its OpenSSL name
 * (`DES-CBC3-SHA`, `EXP-RC4-MD5`, `ECDHE-RSA-AES128-SHA`), or undefined when nothing is. Protocol attributes
 * (`Protocol-TLSv1`: CL-AWS-040) and options (`Server-Defined-Cipher-Order`) are not ciphers.
 */
export function weakness(name: string): string | undefined {
  const n = name.trim().toUpperCase();
  if (n.startsWith('PROTOCOL-') || n === 'SERVER-DEFINED-CIPHER-ORDER' || n === 'REFERENCE-SECURITY-POLICY') return undefined;
  const words = n.split(/[-_]/);
  if (words.includes('NULL') || words.includes('ENULL')) return 'no encryption (NULL)';
  if (words.includes('EXP') || words.includes('EXPORT') || words.some((w) => /^EXP\d/.test(w))) return 'export-grade keys';
  if (words.includes('RC4') || words.includes('ARCFOUR')) return 'RC4';
  if (words.includes('3DES') || (words.includes('DES') && words.some((w) => w.startsWith('CBC3') || w === 'EDE'))) return '3DES (64-bit blocks)';
  if (words.includes('DES')) return 'single DES';
  if (words.includes('MD5')) return 'MD5';
  return undefined;
}

function reportAttributes(attrs: Val[], nameKey: string, valueKey: string, ctx: CheckContext, label: string): void {
  for (const attr of attrs) {
    const name = attr.get(nameKey).str();
    const weak = name === undefined ? undefined : weakness(name);
    if (!weak) continue;
    const on = findReachable(attr.get(valueKey), (v) => v.isTrue());
    if (!on) continue;
    // Turned off in the value's own type (`"true"` becomes `"false"`, `true` becomes `false`).
    const off = typeof on.scalar === 'boolean' ? false : 'false';
    ctx.report(on, `${label} turns on cipher ${name!.trim()}, which uses ${weak}.`, {
      fix: { title: `Set ${name!.trim()} to false`, caution: 'clients that can only negotiate this cipher are cut off', edits: ctx.edits.setValue(on, off) },
    });
  }
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  // Only policies a listener (or a back-end port) uses take effect, as in CL-AWS-040.
  for (const { name, policy } of usedNegotiationPolicies(r)) {
    reportAttributes(policy.get('Attributes').items(), 'Name', 'Value', ctx, `Classic load balancer ${r.id}'s policy ${name}`);
  }
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_lb_ssl_negotiation_policy') {
    reportAttributes(r.body.get('attribute').list(), 'name', 'value', ctx, `SSL negotiation policy ${r.id}`);
    return;
  }
  if (!strIs(r.body.get('policy_type_name'), 'SSLNegotiationPolicyType')) return;
  reportAttributes(r.body.get('policy_attribute').list(), 'name', 'value', ctx, `Load balancer policy ${r.id}`);
}

export default defineRule({
  id: 'CL-AWS-269',
  slug: 'elb-weak-ciphers',
  title: 'Classic Load Balancer SSL policy turns on a weak cipher',
  severity: 'medium',
  fixable: true,
  description:
    'A custom SSL negotiation policy of a Classic Load Balancer that turns on an RC4, DES or 3DES, NULL, export-grade or MD5 cipher suite lets clients (or an attacker in the middle who downgrades them) negotiate encryption that is broken or none at all.',
  remediation: 'Use a predefined policy (Reference-Security-Policy ELBSecurityPolicy-TLS-1-2-2017-01) or set the weak cipher attributes to false.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS terminates TLS on the load balancer nodes with the ciphers your policy turns on',
    customer: 'which ciphers a custom policy turns on is your decision',
  },
  frameworks: TLS_VERSIONS,
  equivalents: {
    kics: ['809f77f8-d10e-4842-a84f-3be7b6ff1190', '4a800e14-c94a-442d-9067-5a2e9f6c0a4c'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-ssl-security-policy.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
    cfnDoc('aws-properties-elasticloadbalancing-loadbalancer-policies'),
    tfDoc('load_balancer_policy'),
    tfDoc('lb_ssl_negotiation_policy'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ElasticLoadBalancing::LoadBalancer'], run: cfnCheck },
    terraform: { reads: 'resource', types: ['aws_load_balancer_policy', 'aws_lb_ssl_negotiation_policy'], run: tfCheck },
  },
});
