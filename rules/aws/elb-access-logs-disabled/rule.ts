// CL-AWS-088: a load balancer without access logs.
import { AUDIT_LOGGING, type CheckContext, defineRule, getPair, itemWithKey, type Resource, tfDoc, type Val } from '../../kit';
import { blockItems, tfBlock } from '../../lib/s3';

const CONSEQUENCE = 'so the requests it serves (client, path, status, TLS details) are not recorded';

/**
 * Whether access logs apply to a v2 load balancer: application load balancers always; network load
 * balancers only with a TLS listener (they log TLS requests only), found by reference; gateway load
 * balancers never. Undefined when the type is unknown.
 */
function logsApply(r: Resource, ctx: CheckContext, type: Val, listenerTypes: string[], lbAttr: string, protocolAttr: string): boolean {
  if (type.isUnknown) return false;
  const t = type.str() ?? 'application';
  if (t === 'application') return true;
  if (t !== 'network') return false;
  return ctx.referrers(r, listenerTypes, lbAttr).some((l) => l.body.get(protocolAttr).some((p) => p.str() === 'TLS'));
}

function cfnV2(r: Resource, ctx: CheckContext) {
  if (!logsApply(r, ctx, r.body.get('Type'), ['AWS::ElasticLoadBalancingV2::Listener'], 'LoadBalancerArn', 'Protocol')) return;
  const item = itemWithKey(r.body.get('LoadBalancerAttributes'), 'Key', 'access_logs.s3.enabled');
  if (item === 'unknown') return;
  if (!item) {
    ctx.report(r.anchor, `Load balancer ${r.id} does not set the access_logs.s3.enabled attribute, which defaults to false, ${CONSEQUENCE}.`);
    return;
  }
  const off = item.get('Value').find((v) => v.isFalse());
  if (off) ctx.report(off, `Load balancer ${r.id} sets access_logs.s3.enabled to false, ${CONSEQUENCE}.`);
}

function cfnClassic(r: Resource, ctx: CheckContext) {
  const policy = r.body.get('AccessLoggingPolicy');
  const missing = policy.find((p) => p.isAbsent);
  if (missing) {
    ctx.report(policy.alts.length === 1 ? r.anchor : missing, `Load balancer ${r.id} has no AccessLoggingPolicy, ${CONSEQUENCE}.`);
    return;
  }
  for (const p of policy.each()) {
    const off = p.isMap ? p.get('Enabled').find((v) => v.isFalse()) : undefined;
    if (off) ctx.report(off, `Load balancer ${r.id} sets AccessLoggingPolicy.Enabled to false, ${CONSEQUENCE}.`);
  }
}

function terraform(r: Resource, ctx: CheckContext) {
  const classic = r.type === 'aws_elb';
  if (!classic && !logsApply(r, ctx, r.body.get('load_balancer_type'), ['aws_lb_listener', 'aws_alb_listener'], 'load_balancer_arn', 'protocol')) return;
  const block = tfBlock(r, 'access_logs');
  if (block.isUnknown) return;
  const blocks = blockItems(block);
  if (blocks.length === 0) {
    ctx.report(r.anchor, `Load balancer ${r.id} has no access_logs block, ${CONSEQUENCE}.`);
    return;
  }
  for (const b of blocks) {
    const enabled = b.get('enabled');
    const off = enabled.find((v) => v.isFalse());
    if (off) {
      ctx.report(off, `Load balancer ${r.id} sets access_logs.enabled to false, ${CONSEQUENCE}.`);
    } else if (enabled.isAbsent && !classic) {
      // aws_lb / aws_alb: enabled defaults to false even when a bucket is given (aws_elb defaults to true).
      const key = r.format === 'terraform' ? getPair(r.node, 'access_logs')?.key : undefined;
      ctx.report(key ?? b, `Load balancer ${r.id} has an access_logs block without enabled, which defaults to false, ${CONSEQUENCE}.`);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-088',
  slug: 'elb-access-logs-disabled',
  title: 'Load balancer access logs are not enabled',
  severity: 'low',
  fixable: false,
  description:
    'Access logs record every request a load balancer receives: client address, request line, latencies, status codes, TLS protocol and cipher, and the target that served it. Without them, probing, abuse and attacks against the application behind the load balancer cannot be investigated.',
  remediation: 'Enable access logs to an S3 bucket: the access_logs.s3.enabled and access_logs.s3.bucket attributes (ALB/NLB), AccessLoggingPolicy (Classic), or an access_logs block with enabled = true (Terraform).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS writes the access log files to your bucket when logging is on',
    customer: 'turning access logs on, the bucket that holds them and reading them are yours',
  },
  frameworks: AUDIT_LOGGING,
  equivalents: {
    checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
    kics: [
      'c62e8b7d-1fdf-4050-ac4c-76ba9e1d9621',
      'ee12ad32-2863-4c0f-b13f-28272d115028',
      '3e34db4f-0ad9-4290-bfd0-4a9ee884acaf',
      '20018359-6fd7-4d05-ab26-d4dffccbdf79',
    ],
    cfnNag: ['W26', 'W52'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html',
    tfDoc('lb', 'access_logs'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
      run: (r, ctx) => (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? cfnClassic(r, ctx) : cfnV2(r, ctx)),
    },
    terraform: { reads: 'scope', types: ['aws_lb', 'aws_alb', 'aws_elb'], run: terraform },
  },
});
