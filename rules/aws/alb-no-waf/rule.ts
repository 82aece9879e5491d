// CL-AWS-258: an internet-facing Application Load Balancer that no web ACL association in the file protects.
import { cfnDoc, type CheckContext, defineRule, nist, pci, type Resource, strIs, tfDoc, type Val } from '../../kit';
import { configsOf } from '../../lib/s3';

const CONSEQUENCE = 'so no AWS WAF web ACL inspects the requests it receives from the internet';

/** Every alternative of `v` is absent (the default) or `value`; an unknown or another value is not. */
const onlyDefaultOr = (v: Val, value: string): boolean => !v.some((alt) => !(alt.isAbsent || strIs(alt, value)));

interface Shape {
  readonly associations: readonly string[];
  readonly attr: string;
  /** The load balancer is an Application Load Balancer reachable from the internet in every alternative. */
  readonly publicAlb: (lb: Resource) => boolean;
}

const CFN: Shape = {
  associations: ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'],
  attr: 'ResourceArn',
  // Scheme defaults to internet-facing and Type to application.
  publicAlb: (lb) => onlyDefaultOr(lb.body.get('Scheme'), 'internet-facing') && onlyDefaultOr(lb.body.get('Type'), 'application'),
};

const TF: Shape = {
  associations: ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'],
  attr: 'resource_arn',
  // internal defaults to false and load_balancer_type to application.
  publicAlb: (lb) => !lb.body.get('internal').some((alt) => !(alt.isAbsent || alt.isFalse())) && onlyDefaultOr(lb.body.get('load_balancer_type'), 'application'),
};

function check(s: Shape) {
  return (lb: Resource, ctx: CheckContext): void => {
    if (!s.publicAlb(lb)) return;
    // An association whose target is unknown before deploy (a parameter, a variable) may be this load balancer's.
    const { linked, possible } = configsOf(lb, ctx, s.associations, s.attr);
    if (linked.length > 0 || possible.length > 0) return;
    ctx.report(lb.anchor, `Internet-facing Application Load Balancer ${lb.id} has no ${s.associations[0]} whose ${s.attr} refers to it, ${CONSEQUENCE}.`);
  };
}

export default defineRule({
  id: 'CL-AWS-258',
  slug: 'alb-no-waf',
  title: 'Internet-facing Application Load Balancer is not protected by AWS WAF',
  severity: 'medium',
  fixable: false,
  description:
    'An internet-facing Application Load Balancer passes every HTTP request that matches a listener rule on to its targets. Without a web ACL, SQL injection, cross-site scripting, known bad inputs, bots and request floods reach the application unfiltered; the load balancer itself only routes.',
  remediation: 'Associate a regional AWS WAF web ACL with the load balancer: an AWS::WAFv2::WebACLAssociation (aws_wafv2_web_acl_association) whose ResourceArn (resource_arn) is the load balancer\'s ARN.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and scales the load balancer nodes, absorbs network-layer DDoS with AWS Shield Standard and evaluates a web ACL on every request once you associate one',
    customer: 'associating a web ACL with the load balancer and choosing its rules are yours',
  },
  frameworks: [nist('SC-7'), pci('6.4.2')],
  equivalents: {
    checkov: ['CKV2_AWS_28'],
    kics: ['105ba098-1e34-48cd-b0f2-a8a43a51bf9b', '0afa6ab8-a047-48cf-be07-93a2f8c34cf7'],
  },
  docs: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html',
    cfnDoc('aws-resource-elasticloadbalancingv2-loadbalancer'),
    cfnDoc('aws-resource-wafv2-webaclassociation'),
    tfDoc('wafv2_web_acl_association'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], run: check(CFN) },
    terraform: { reads: 'scope', types: ['aws_lb', 'aws_alb'], run: check(TF) },
  },
});
