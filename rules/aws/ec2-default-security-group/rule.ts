// CL-AWS-268: an EC2 instance or launch template that puts instances in the VPC's default security group.
import { cfnDoc, type CheckContext, defineRule, get, type Node, nist, planConfigurationOf, type Resource, str, tfDoc, type Val, withId } from '../../kit';
import { isCfnDefaultGroup, planReferences, TF_DEFAULT_GROUP, TF_DEFAULT_REFERENCE } from '../../lib/network';

const CONSEQUENCE = 'the group every resource launched without a security group of its own shares';

/** A group name that is the default security group: in a VPC, the default group is always called `default`. */
function isDefaultName(v: Val): boolean {
  return v.str()?.trim() === 'default';
}

// ---------------------------------------------------------------------------------------------------------
// CloudFormation

/** Where a list of groups names the default one, and how the message says it. */
interface Named {
  readonly at: Val;
  readonly what: string;
}

function cfnInList(list: Val, byName: boolean): Named | undefined {
  for (const alt of list.each()) {
    if (!alt.isSeq) continue;
    for (const item of alt.items()) {
      if (isCfnDefaultGroup(item.at)) return { at: item, what: 'the VPC\'s DefaultSecurityGroup' };
      if (byName && item.find(isDefaultName)) return { at: item.find(isDefaultName)!, what: 'the group named default' };
    }
  }
  return undefined;
}

/** The places of a CloudFormation instance or launch template data that name groups: [path shown, list, names?]. */
function cfnPlaces(body: Val, interfaceGroups: string): [string, Val, boolean][] {
  const out: [string, Val, boolean][] = [
    ['SecurityGroupIds', body.get('SecurityGroupIds'), false],
    ['SecurityGroups', body.get('SecurityGroups'), true],
  ];
  body.get('NetworkInterfaces').items().forEach((ni, i) => out.push([`NetworkInterfaces[${i}].${interfaceGroups}`, ni.get(interfaceGroups), false]));
  return out;
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  const template = r.type === 'AWS::EC2::LaunchTemplate';
  const body = template ? r.body.get('LaunchTemplateData') : r.body;
  const what = template ? `Launch template ${r.id}` : `EC2 instance ${r.id}`;
  const verb = template ? 'puts the instances it launches' : 'puts itself';
  for (const [path, list, byName] of cfnPlaces(body, template ? 'Groups' : 'GroupSet')) {
    const named = cfnInList(list, byName);
    if (named) {
      ctx.report(named.at, `${what} ${verb} in the default security group (${named.what}, in ${path}), ${CONSEQUENCE}.`);
      return;
    }
  }
  if (!template) missingGroups(r, ctx, r.body.get('SubnetId'), ['SecurityGroupIds', 'SecurityGroups', 'NetworkInterfaces', 'LaunchTemplate'], 'SecurityGroupIds');
}

/**
 * An instance in a subnet that names no security group, no network interface and no launch template: EC2 gives it
 * the VPC's default security group. Without a subnet written the instance's VPC is not in the template (the
 * default VPC, or a launch that fails where there is none), so it is not reported.
 */
function missingGroups(r: Resource, ctx: CheckContext, subnet: Val, others: readonly string[], shown: string): void {
  if (subnet.isAbsent) return;
  if (!others.every((k) => r.body.get(k).isAbsent)) return;
  if (!r.body.get('dynamic').isAbsent) return; // a dynamic block may write a network interface or a launch template
  ctx.report(r.anchor, `EC2 instance ${r.id} is placed in a subnet without ${shown} (nor any other way to name a security group), so EC2 gives it the VPC's default security group, ${CONSEQUENCE}.`);
}

// ---------------------------------------------------------------------------------------------------------
// Terraform

/** The data sources `data.aws_security_group.<name>` that look up a group named `default`. */
function isDefaultLookup(ctx: CheckContext, id: string): boolean {
  return withId(ctx, id).some((d) => {
    if (d.type !== 'data.aws_security_group') return false;
    if (isDefaultName(d.body.get('name'))) return true;
    return d.body.get('filter').list().some((f) => f.get('name').str() === 'group-name' && f.get('values').items().some(isDefaultName) && f.get('values').items().length === 1);
  });
}

/** The default group a Terraform expression names, as written; undefined when it names another or cannot be told. */
function tfDefault(text: string | undefined, ctx: CheckContext): string | undefined {
  if (text === undefined) return undefined;
  const direct = text.match(TF_DEFAULT_GROUP)?.[1];
  if (direct) return direct;
  for (const m of text.matchAll(/\bdata\.aws_security_group\.([A-Za-z0-9_-]+)\b/g)) {
    if (isDefaultLookup(ctx, `data.aws_security_group.${m[1]}`)) return `data.aws_security_group.${m[1]}`;
  }
  return undefined;
}

/** The configuration expression at a path such as `network_interfaces[0].security_groups`. */
function expressionAt(expressions: Node, path: string): Node | undefined {
  let node: Node | undefined = expressions;
  for (const part of path.split('.')) {
    const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return undefined;
    node = get(node, m[1]);
    if (m[2] !== undefined) node = node?.kind === 'seq' ? node.items[Number(m[2])] : Number(m[2]) === 0 ? node : undefined;
  }
  return node;
}

function tfInList(list: Val, byName: boolean, ctx: CheckContext): Named | undefined {
  for (const alt of list.each()) {
    if (alt.isUnknown) {
      // A list written as one expression (`"${[aws_security_group.a.id, aws_default_security_group.b.id]}"`).
      const tuple = /^\$\{\s*\[([^\]]*)\]\s*\}$/.exec(str(alt.at) ?? '');
      for (const ref of tuple?.[1].split(',') ?? []) {
        const m = TF_DEFAULT_REFERENCE.exec(ref.trim());
        const named = m ? (m[1] ?? m[2]) : tfDefault(ref, ctx);
        if (named) return { at: alt, what: named };
      }
      continue;
    }
    for (const item of alt.items()) {
      if (byName && item.find(isDefaultName)) return { at: item.find(isDefaultName)!, what: 'the group named default' };
      const named = tfDefault(str(item.at), ctx);
      if (named) return { at: item, what: named };
    }
  }
  return undefined;
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  const template = r.type === 'aws_launch_template';
  const what = template ? `Launch template ${r.id}` : `EC2 instance ${r.id}`;
  const verb = template ? 'puts the instances it launches' : 'puts itself';
  const places: [string, Val, boolean][] = [
    ['vpc_security_group_ids', r.body.get('vpc_security_group_ids'), false],
    [template ? 'security_group_names' : 'security_groups', r.body.get(template ? 'security_group_names' : 'security_groups'), true],
  ];
  if (template) r.body.get('network_interfaces').list().forEach((ni, i) => places.push([`network_interfaces[${i}].security_groups`, ni.get('security_groups'), false]));
  for (const [path, list, byName] of places) {
    const named = tfInList(list, byName, ctx);
    if (named) {
      ctx.report(named.at, `${what} ${verb} in the default security group (${named.what}, in ${path}), ${CONSEQUENCE}.`);
      return;
    }
  }
  // A plan holds the lists as known after apply: its configuration's references name the groups.
  const expressions = planConfigurationOf(r)?.expressions;
  if (expressions) {
    for (const [path, list] of places) {
      const named = planReferences(expressionAt(expressions, path)).map((ref) => tfDefault(ref, ctx)).find((g) => g !== undefined);
      if (named) {
        ctx.report(list.isAbsent ? r.anchor : list, `${what} ${verb} in the default security group (${named}, in ${path}), ${CONSEQUENCE}.`);
        return;
      }
    }
  }
  if (!template) missingGroups(r, ctx, r.body.get('subnet_id'), ['vpc_security_group_ids', 'security_groups', 'network_interface', 'launch_template'], 'vpc_security_group_ids');
}

export default defineRule({
  id: 'CL-AWS-268',
  slug: 'ec2-default-security-group',
  title: 'EC2 instance uses the VPC\'s default security group',
  severity: 'medium',
  fixable: false,
  description:
    'An instance in the VPC\'s default security group shares it with everything launched without a group of its own and, unless the group was emptied, accepts all traffic from its other members, so its network access is not one you designed.',
  remediation: 'Give the instance (or launch template) a security group of its own in SecurityGroupIds (vpc_security_group_ids) that allows only the traffic it needs.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: 'AWS enforces the security groups you attach to each network interface of the instance',
    customer: 'which security groups your instances get, and what they allow, are yours',
  },
  frameworks: [nist('SC-7', 'AC-4')],
  equivalents: {
    kics: ['08b81bb3-0985-4023-8602-b606ad81d279', 'f1adc521-f79a-4d71-b55b-a68294687432'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html',
    cfnDoc('aws-resource-ec2-instance'),
    cfnDoc('aws-properties-ec2-launchtemplate-launchtemplatedata'),
    tfDoc('instance', 'vpc_security_group_ids'),
    tfDoc('launch_template', 'vpc_security_group_ids'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'], run: cfnCheck },
    terraform: { reads: 'scope', types: ['aws_instance', 'aws_launch_template'], run: tfCheck },
  },
});
