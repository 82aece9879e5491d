// CL-AWS-119: the default security group of a VPC has rules (it should allow no traffic).
import { cfnDoc, type CheckContext, cisAws, defineRule, get, nist, type Node, ofType, pairOf, planConfigurationOf, type Resource, str, tfDoc, type Val } from '../../kit';
import { isCfnDefaultGroup, networkResponsibility, SECURITY_GROUP_PROVIDER } from '../../lib/network';

const CONSEQUENCE = 'resources launched without a security group of their own get the default one, so it should allow no traffic';

/** The key naming a value in its mapping, else the value. */
const keyOf = (v: Val): Node => pairOf(v.at)?.key ?? v.at;

const VPC_DEFAULT_GROUP = /\baws_vpc\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.default_security_group_id\b/;

/** `${aws_vpc.x.default_security_group_id}` as written (in a plan: in the configuration's references), or a reference to an `aws_default_security_group` in the file. */
function isTfDefaultGroup(r: Resource, ctx: CheckContext, v: Val): boolean {
  if (VPC_DEFAULT_GROUP.test(str(v.at) ?? '')) return true;
  // A plan holds the value as known after apply; its configuration names what the expression refers to.
  const refs = get(planConfigurationOf(r)?.expressions, 'security_group_id');
  const list = get(refs, 'references');
  if (list?.kind === 'seq' && list.items.some((i) => VPC_DEFAULT_GROUP.test(str(i) ?? ''))) return true;
  const defaults = new Set(ofType(ctx, 'aws_default_security_group').map((d) => d.id));
  return r.references('security_group_id').some((id) => defaults.has(id));
}

function checkDefaultGroup(r: Resource, ctx: CheckContext): void {
  for (const direction of ['ingress', 'egress'] as const) {
    const v = r.body.get(direction);
    if (v.isAbsent || v.isUnknown) continue;
    const n = v.list().length;
    if (n === 0) continue;
    ctx.report(keyOf(v), `Default security group ${r.id} has ${n} ${direction} rule${n === 1 ? '' : 's'}: ${CONSEQUENCE}.`);
  }
}

function checkRule(r: Resource, ctx: CheckContext): void {
  const cfn = r.format === 'cloudformation';
  const group = r.body.get(cfn ? 'GroupId' : 'security_group_id');
  if (group.isAbsent) return;
  if (!(cfn ? isCfnDefaultGroup(group.at) : isTfDefaultGroup(r, ctx, group))) return;
  // CloudFormation: at the GroupId key (the Fn::GetAtt mapping may span lines); Terraform: at the reference.
  const at = cfn ? keyOf(group) : group;
  const direction = r.type === 'AWS::EC2::SecurityGroupEgress' || r.type === 'aws_vpc_security_group_egress_rule' ? 'egress' : 'ingress';
  if (r.type === 'aws_security_group_rule') {
    const t = r.body.get('type').str()?.toLowerCase();
    if (t !== 'ingress' && t !== 'egress') return;
    ctx.report(at, `Security group rule ${r.id} adds an ${t} rule to the default security group: ${CONSEQUENCE}.`);
    return;
  }
  ctx.report(at, `${direction === 'ingress' ? 'Ingress' : 'Egress'} rule ${r.id} is added to the default security group: ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-119',
  slug: 'default-sg-allows-traffic',
  title: 'Default security group allows traffic',
  severity: 'medium',
  fixable: false,
  description:
    'Every VPC has a default security group, and instances, endpoints and other network interfaces launched without a group of their own are put in it. Rules on it silently apply to all of them; CIS asks that it allow no inbound and no outbound traffic.',
  remediation:
    'Leave aws_default_security_group without ingress and egress blocks (Terraform then removes every rule), add no rules to the default group, and give each resource a security group of its own.',
  responsibility: networkResponsibility(SECURITY_GROUP_PROVIDER, 'what the default security group allows is yours to decide'),
  frameworks: [cisAws('5.4'), nist('AC-4', 'SC-7')],
  equivalents: {
    checkov: ['CKV2_AWS_12'],
    kics: ['9a4ef195-74b9-4c58-b8ed-2b2fe4353a75', '46883ce1-dc3e-4b17-9195-c6a601624c73'],
    trivy: ['aws-ec2-restrict-all-in-default-sg'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    tfDoc('default_security_group'),
    cfnDoc('aws-resource-ec2-vpc', 'aws-resource-ec2-vpc-return-values'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'], run: checkRule },
    terraform: {
      reads: 'scope',
      types: ['aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
      run: (r, ctx) => (r.type === 'aws_default_security_group' ? checkDefaultGroup(r, ctx) : checkRule(r, ctx)),
    },
  },
});
