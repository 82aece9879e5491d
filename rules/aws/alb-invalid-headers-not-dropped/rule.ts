// CL-AWS-210: an Application Load Balancer that passes HTTP header fields with invalid names to its targets.
import { addPath, appendItem, cfnGuideDoc, type CheckContext, defineRule, itemWithKey, keyNode, type Resource, settingChecks, tfDoc, type Val } from '../../kit';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';
const CONSEQUENCE = 'so header fields with invalid names reach its targets, which request smuggling and header injection rely on';
const CAUTION = 'header fields whose names are not valid HTTP, such as names with underscores, no longer reach the targets';

/** True when the load balancer type (absent: application) may be application; an unknown type is never reported. */
function isApplication(type: Val): boolean {
  if (type.isUnknown) return false;
  return type.some((t) => (t.isAbsent ? 'application' : t.str()?.toLowerCase()) === 'application');
}

/** CloudFormation: the drop_invalid_header_fields item of LoadBalancerAttributes (absent: false). */
function cloudformation(r: Resource, ctx: CheckContext): void {
  if (!isApplication(r.body.get('Type'))) return;
  const attrs = r.body.get('LoadBalancerAttributes');
  for (const alt of attrs.each()) {
    const item = itemWithKey(alt, 'Key', KEY);
    if (item === 'unknown') return;
    if (!item) {
      const at = attrs.alts.length === 1 ? (keyNode(r.body, 'LoadBalancerAttributes') ?? r.anchor) : alt.isAbsent ? alt : r.anchor;
      // A fix where the list is not written at all (a new key), or is written in place without the attribute (a new
      // item in the list's style); none under Fn::If or for a list from elsewhere.
      const attribute = { Key: KEY, Value: 'true' };
      const edits =
        attrs.alts.length !== 1 ? undefined : alt.isAbsent ? addPath(ctx.edits, r, ['LoadBalancerAttributes'], [attribute]) : appendItem(ctx.edits, alt, attribute);
      ctx.report(at, `Application Load Balancer ${r.id} does not set the ${KEY} attribute, which defaults to false, ${CONSEQUENCE}.`, {
        fix: { title: `Add the ${KEY} attribute set to true`, edits, caution: CAUTION },
      });
      return;
    }
    const bad = item.get('Value').find((v) => v.str()?.toLowerCase() === 'false' || v.isFalse());
    if (bad) {
      ctx.report(bad, `Application Load Balancer ${r.id} sets the ${KEY} attribute to false, ${CONSEQUENCE}.`, {
        fix: { title: `Set ${KEY} to true`, edits: ctx.edits.setValue(bad, 'true'), caution: CAUTION },
      });
      return;
    }
  }
}

const terraform = settingChecks({
  subject: 'Application Load Balancer',
  consequence: CONSEQUENCE,
  want: true,
  absentMeans: false,
  fixNote: CAUTION,
  appliesTo: (r) => isApplication(r.body.get('load_balancer_type')),
  formats: { terraform: { types: ['aws_lb', 'aws_alb'], path: ['drop_invalid_header_fields'] } },
}).terraform!;

export default defineRule({
  id: 'CL-AWS-210',
  slug: 'alb-invalid-headers-not-dropped',
  title: 'Application Load Balancer does not drop invalid HTTP header fields',
  severity: 'medium',
  fixable: true,
  description:
    'By default an Application Load Balancer forwards header fields whose names are not valid HTTP (characters other than letters, digits and hyphens) to its targets. Servers and proxies behind it parse such fields differently, which is what HTTP request smuggling and header injection exploit.',
  remediation:
    'Set the routing.http.drop_invalid_header_fields.enabled load balancer attribute (drop_invalid_header_fields) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs the load balancer nodes and parses and forwards HTTP requests as the attributes you set say',
    customer: 'whether invalid header fields are dropped before they reach your targets is your setting',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_AWS_131'],
    kics: ['6e3fd2ed-5c83-4c68-9679-7700d224d379'],
    trivy: ['aws-elb-drop-invalid-headers'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
    cfnGuideDoc('aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute'),
    tfDoc('lb', 'drop_invalid_header_fields'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], run: cloudformation },
    terraform,
  },
});
