// CL-AWS-210: an Application Load Balancer that passes HTTP header fields with invalid names to its targets.
import { cfnGuideDoc, type CheckContext, checkListItemSetting, defineRule, type Resource, settingChecks, tfDoc, type Val } from '../../kit';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';
const CONSEQUENCE = 'so header fields with invalid names reach its targets, which request smuggling and header injection rely on';
const CAUTION = 'header fields whose names are not valid HTTP, such as names with underscores, no longer reach the targets';

/** True when the load balancer type (absent: application) may be application; an unknown type is never reported. */
function isApplication(type: Val): boolean {
  if (type.isUnknown) return false;
  return type.some((t) => (t.isAbsent ? 'application' : t.str()?.toLowerCase()) === 'application');
}

/**
 * CloudFormation: the drop_invalid_header_fields item of LoadBalancerAttributes (absent: false). A missing item is
 * added where the list is not written (a new key) or written in place (a new item in the list's style).
 */
function cloudformation(r: Resource, ctx: CheckContext): void {
  if (!isApplication(r.body.get('Type'))) return;
  checkListItemSetting(r, ctx, {
    list: 'LoadBalancerAttributes',
    nameField: 'Key',
    name: KEY,
    want: 'true',
    bad: (v) => v.str()?.toLowerCase() === 'false',
    missing: `Application Load Balancer ${r.id} does not set the ${KEY} attribute, which defaults to false, ${CONSEQUENCE}.`,
    badValue: () => `Application Load Balancer ${r.id} sets the ${KEY} attribute to false, ${CONSEQUENCE}.`,
    setTitle: `Set ${KEY} to true`,
    addTitle: `Add the ${KEY} attribute set to true`,
    add: 'any',
    caution: CAUTION,
  });
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
