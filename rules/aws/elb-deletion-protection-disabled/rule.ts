// CL-AWS-193: an Application, Network or Gateway Load Balancer without deletion protection.
import { cfnGuideDoc, type CheckContext, checkListItemSetting, defineRule, type Resource, settingChecks, tfDoc } from '../../kit';

const KEY = 'deletion_protection.enabled';
const CONSEQUENCE = 'so one delete request or a replacing change removes it and the DNS name clients use';

/** CloudFormation: the `deletion_protection.enabled` item of LoadBalancerAttributes (absent: false). */
function cloudformation(r: Resource, ctx: CheckContext): void {
  checkListItemSetting(r, ctx, {
    list: 'LoadBalancerAttributes',
    nameField: 'Key',
    name: KEY,
    want: 'true',
    bad: (v) => v.str()?.toLowerCase() === 'false',
    missing: `Load balancer ${r.id} does not set the ${KEY} attribute, which defaults to false, ${CONSEQUENCE}.`,
    badValue: () => `Load balancer ${r.id} sets the ${KEY} attribute to false, ${CONSEQUENCE}.`,
    setTitle: `Set ${KEY} to true`,
  });
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
