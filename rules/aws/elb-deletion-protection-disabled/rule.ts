// CL-AWS-193: an Application, Network or Gateway Load Balancer without deletion protection.
import { cfnGuideDoc, type CheckContext, defineRule, itemWithKey, keyNode, type Resource, settingChecks, tfDoc } from '../../kit';

const KEY = 'deletion_protection.enabled';
const CONSEQUENCE = 'so one delete request or a replacing change removes it and the DNS name clients use';

/** CloudFormation: the `deletion_protection.enabled` item of LoadBalancerAttributes (absent: false). */
function cloudformation(r: Resource, ctx: CheckContext): void {
  const attrs = r.body.get('LoadBalancerAttributes');
  for (const alt of attrs.each()) {
    const item = itemWithKey(alt, 'Key', KEY);
    if (item === 'unknown') return;
    if (!item) {
      const at = attrs.alts.length === 1 ? (keyNode(r.body, 'LoadBalancerAttributes') ?? r.anchor) : alt.isAbsent ? alt : r.anchor;
      ctx.report(at, `Load balancer ${r.id} does not set the ${KEY} attribute, which defaults to false, ${CONSEQUENCE}.`);
      return;
    }
    const value = item.get('Value');
    const bad = value.find((v) => v.str()?.toLowerCase() === 'false');
    if (bad) {
      ctx.report(bad, `Load balancer ${r.id} sets the ${KEY} attribute to false, ${CONSEQUENCE}.`, {
        fix: { title: `Set ${KEY} to true`, edits: ctx.edits.setValue(bad, 'true') },
      });
      return;
    }
  }
}

const terraform = settingChecks({
  subject: 'Load balancer',
  consequence: CONSEQUENCE,
  want: true,
  absentMeans: false,
  formats: { terraform: { types: ['aws_lb', 'aws_alb'], path: ['enable_deletion_protection'] } },
}).terraform!;

export default defineRule({
  id: 'CL-AWS-193',
  slug: 'elb-deletion-protection-disabled',
  title: 'Load balancer has deletion protection disabled',
  severity: 'low',
  fixable: true,
  description:
    'Without deletion protection an Application, Network or Gateway Load Balancer is removed by one DeleteLoadBalancer call, a stack update that replaces it, or a terraform destroy, taking its DNS name (and with it every client and alias that points at it) down.',
  remediation: 'Set the deletion_protection.enabled load balancer attribute (enable_deletion_protection) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs and scales the load balancer nodes across Availability Zones',
    customer: 'protecting the load balancer from a mistaken deletion is your setting',
  },
  frameworks: [],
  equivalents: {
    checkov: ['CKV_AWS_150'],
    kics: ['afecd1f1-6378-4f7e-bb3b-60c35801fdd4'],
  },
  docs: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection',
    cfnGuideDoc('aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute'),
    tfDoc('lb', 'enable_deletion_protection'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], run: cloudformation },
    terraform,
  },
});
