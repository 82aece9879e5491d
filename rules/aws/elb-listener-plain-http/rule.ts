// CL-AWS-039: a load balancer listener serves plain HTTP instead of redirecting to HTTPS.
import {
  cfnDoc,
  type CheckContext,
  defineRule,
  findById,
  findReachable,
  IN_TRANSIT,
  reachable,
  type Related,
  type Resource,
  strIs,
  tfDoc,
  type Val,
} from '../../kit';

/** What an action does with a request that arrived over plain HTTP. */
type Outcome = 'redirect-https' | 'fixed' | 'serves' | 'unknown';

interface ActionNames {
  readonly type: string;
  readonly redirect: string;
  readonly protocol: string;
}

const CFN_ACTION: ActionNames = { type: 'Type', redirect: 'RedirectConfig', protocol: 'Protocol' };
const TF_ACTION: ActionNames = { type: 'type', redirect: 'redirect', protocol: 'protocol' };

function outcome(action: Val, n: ActionNames): Outcome {
  const type = action.get(n.type).str()?.toLowerCase();
  if (type === undefined) return 'unknown';
  if (type === 'fixed-response') return 'fixed';
  if (type !== 'redirect') return 'serves'; // forward, authenticate-oidc, authenticate-cognito
  const redirect = action.get(n.redirect).list()[0];
  const protocol = redirect?.get(n.protocol);
  if (!redirect || protocol?.isUnknown) return 'unknown';
  // RedirectConfig.Protocol defaults to #{protocol}: the request's own protocol, HTTP here.
  return protocol && strIs(protocol, 'HTTPS') ? 'redirect-https' : 'serves';
}

/** The combined outcome of a list of actions (a listener's default actions, a rule's actions). */
function outcomes(actions: Val[], n: ActionNames): Outcome {
  const all = actions.map((a) => outcome(a, n));
  if (all.length === 0 || all.includes('unknown')) return 'unknown';
  if (all.includes('serves')) return 'serves';
  if (all.includes('redirect-https')) return 'redirect-https';
  return 'fixed';
}

interface Shape {
  readonly protocol: string;
  readonly defaultActions: (r: Resource) => Val;
  readonly action: ActionNames;
  readonly lbAttr: string;
  readonly lbTypes: readonly string[];
  /** True when the load balancer is internal, or may be (its scheme is known only at deploy time). */
  readonly internal: (lb: Resource) => boolean;
  /** True when a listener without a protocol on this load balancer uses HTTP (Terraform: Application Load Balancers). */
  readonly httpByDefault?: (lb: Resource) => boolean;
  readonly ruleTypes: readonly string[];
  readonly ruleListenerAttr: string;
  readonly ruleActions: string;
}

const CFN_V2: Shape = {
  protocol: 'Protocol',
  defaultActions: (r) => r.body.get('DefaultActions'),
  action: CFN_ACTION,
  lbAttr: 'LoadBalancerArn',
  lbTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  internal: (lb) => lb.body.get('Scheme').isUnknown || strIs(lb.body.get('Scheme'), 'internal'),
  ruleTypes: ['AWS::ElasticLoadBalancingV2::ListenerRule'],
  ruleListenerAttr: 'ListenerArn',
  ruleActions: 'Actions',
};

const TF_V2: Shape = {
  protocol: 'protocol',
  defaultActions: (r) => r.body.get('default_action'),
  action: TF_ACTION,
  lbAttr: 'load_balancer_arn',
  lbTypes: ['aws_lb', 'aws_alb'],
  internal: (lb) => lb.body.get('internal').isUnknown || lb.body.get('internal').isTrue(),
  // "For Application Load Balancers, valid values are HTTP and HTTPS, with a default of HTTP."
  httpByDefault: (lb) => {
    const type = lb.body.get('load_balancer_type');
    return type.isAbsent || strIs(type, 'application');
  },
  ruleTypes: ['aws_lb_listener_rule', 'aws_alb_listener_rule'],
  ruleListenerAttr: 'listener_arn',
  ruleActions: 'action',
};

function listenerV2(s: Shape) {
  return (r: Resource, ctx: CheckContext) => {
    const lbIds = r.references(s.lbAttr);
    const lb = findById(ctx, s.lbTypes, lbIds);
    const protocolVal = r.body.get(s.protocol);
    const protocol =
      findReachable(protocolVal, (p) => strIs(p, 'HTTP')) ??
      (protocolVal.isAbsent && lb && s.httpByDefault?.(lb) ? r.anchor : undefined);
    if (!protocol) return;
    // Plain HTTP inside the VPC is a design choice; an internal load balancer is left alone.
    if (lb && s.internal(lb)) return;
    const byDefault = outcomes(s.defaultActions(r).list(), s.action);
    if (byDefault === 'unknown') return;
    const serving = ctx
      .referrers(r, s.ruleTypes, s.ruleListenerAttr)
      .filter((rule) => outcomes(rule.body.get(s.ruleActions).list(), s.action) === 'serves');
    const related: Related[] = serving.map((rule) => ({ node: rule.anchor, message: `Listener rule ${rule.id} serves requests arriving over plain HTTP.` }));
    const accepts = protocol === r.anchor ? `sets no ${s.protocol}, so it accepts plain HTTP (the default for Application Load Balancers)` : 'accepts plain HTTP';
    if (byDefault === 'serves') {
      ctx.report(protocol, `Listener ${r.id} ${accepts} and serves requests instead of redirecting them to HTTPS.`, { related });
    } else if (serving.length) {
      ctx.report(protocol, `Listener ${r.id} ${accepts}, and its rule ${serving[0].id} serves requests over it instead of redirecting them to HTTPS.`, { related });
    }
  };
}

function classicCfn(r: Resource, ctx: CheckContext): void {
  const scheme = r.body.get('Scheme');
  if (scheme.isUnknown || strIs(scheme, 'internal')) return;
  for (const listener of r.body.get('Listeners').items().flatMap(reachable)) {
    const protocol = findReachable(listener.get('Protocol'), (p) => strIs(p, 'HTTP'));
    if (protocol) ctx.report(protocol, `Classic load balancer ${r.id} has a listener on port ${listener.get('LoadBalancerPort').str() ?? '?'} that accepts plain HTTP.`);
  }
}

function classicTf(r: Resource, ctx: CheckContext): void {
  const internal = r.body.get('internal');
  if (internal.isUnknown || internal.isTrue()) return;
  for (const listener of r.body.get('listener').list()) {
    const protocol = findReachable(listener.get('lb_protocol'), (p) => strIs(p, 'HTTP'));
    if (protocol) ctx.report(protocol, `Classic load balancer ${r.id} has a listener on port ${listener.get('lb_port').str() ?? '?'} that accepts plain HTTP.`);
  }
}

export default defineRule({
  id: 'CL-AWS-039',
  slug: 'elb-listener-plain-http',
  title: 'Load balancer listener serves plain HTTP',
  severity: 'medium',
  fixable: false,
  description:
    'An internet-facing load balancer listener on plain HTTP that forwards requests, rather than redirecting them to HTTPS, sends credentials, cookies and data unencrypted across the internet, where they can be read and altered.',
  remediation: 'Serve the application on an HTTPS listener and make the HTTP listener redirect to it (a redirect action with Protocol HTTPS).',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs, scales and patches the load balancer nodes and offers HTTPS listeners with managed certificates',
    customer: 'which protocols your listeners accept is your decision',
  },
  frameworks: IN_TRANSIT,
  equivalents: {
    checkov: ['CKV_AWS_2', 'CKV2_AWS_20'],
    kics: ['80908a75-586b-4c61-ab04-490f4f4525b8'],
    trivy: ['aws-elb-http-not-used'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
    cfnDoc('aws-resource-elasticloadbalancingv2-listener'),
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html',
    tfDoc('lb_listener'),
  ],
  checks: {
    cloudformation: {
      reads: 'scope',
      types: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
      run: (r, ctx) => (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? classicCfn(r, ctx) : listenerV2(CFN_V2)(r, ctx)),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_lb_listener', 'aws_alb_listener', 'aws_elb'],
      run: (r, ctx) => (r.type === 'aws_elb' ? classicTf(r, ctx) : listenerV2(TF_V2)(r, ctx)),
    },
  },
});
