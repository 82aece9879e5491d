// CL-AWS-268: an EC2 instance, launch template, launch configuration, Spot Instance request or Spot Fleet that puts
// instances in the VPC's default security group.
import { cfnDoc, type CheckContext, defineRule, get, type Node, nist, planConfigurationOf, type Resource, str, tfDoc, type Val, withId } from '../../kit';
import { isCfnDefaultGroup, planReferences, TF_DEFAULT_GROUP, TF_DEFAULT_REFERENCE } from '../../lib/network';

const CONSEQUENCE = 'the group every resource launched without a security group of its own shares';

/** A group name that is the default security group: in a VPC, the default group is always called `default`. */
function isDefaultName(v: Val): boolean {
  return v.str()?.trim() === 'default';
}

/** What launches instances, per type: how messages name it and what it does with its groups. */
const SUBJECT: Record<string, { readonly what: string; readonly verb: string }> = {
  'AWS::EC2::Instance': { what: 'EC2 instance', verb: 'puts itself' },
  'AWS::EC2::LaunchTemplate': { what: 'Launch template', verb: 'puts the instances it launches' },
  'AWS::AutoScaling::LaunchConfiguration': { what: 'Launch configuration', verb: 'puts the instances it launches' },
  'AWS::EC2::SpotFleet': { what: 'Spot Fleet', verb: 'puts the instances it launches' },
  aws_instance: { what: 'EC2 instance', verb: 'puts itself' },
  aws_launch_template: { what: 'Launch template', verb: 'puts the instances it launches' },
  aws_launch_configuration: { what: 'Launch configuration', verb: 'puts the instances it launches' },
  aws_spot_instance_request: { what: 'Spot Instance request', verb: 'puts the instance it launches' },
  aws_spot_fleet_request: { what: 'Spot Fleet request', verb: 'puts the instances it launches' },
};

/** A place that names groups: the path shown, the list, whether it takes names, the key of each item's group. */
type Place = [path: string, list: Val, byName: boolean, key?: string];

// ---------------------------------------------------------------------------------------------------------
// CloudFormation

/** Where a list of groups names the default one, and how the message says it. */
interface Named {
  readonly at: Val;
  readonly what: string;
}

/**
 * Where a list of groups names the default one. `key`: the items are mappings holding the group there (a Spot Fleet's
 * `SecurityGroups: [{GroupId: …}]`).
 */
function cfnInList(list: Val, byName: boolean, key?: string): Named | undefined {
  for (const alt of list.each()) {
    if (!alt.isSeq) continue;
    for (const listed of alt.items()) {
      const item = key === undefined ? listed : listed.get(key).find((g) => isCfnDefaultGroup(g.at));
      if (!item) continue;
      if (isCfnDefaultGroup(item.at)) return { at: item, what: 'the VPC\'s DefaultSecurityGroup' };
      if (byName && item.find(isDefaultName)) return { at: item.find(isDefaultName)!, what: 'the group named default' };
    }
  }
  return undefined;
}

/** The places of a CloudFormation instance or launch template data that name groups. */
function cfnPlaces(body: Val, interfaceGroups: string): Place[] {
  const out: Place[] = [
    ['SecurityGroupIds', body.get('SecurityGroupIds'), false],
    ['SecurityGroups', body.get('SecurityGroups'), true],
  ];
  body.get('NetworkInterfaces').items().forEach((ni, i) => out.push([`NetworkInterfaces[${i}].${interfaceGroups}`, ni.get(interfaceGroups), false]));
  return out;
}

/**
 * The places of a Spot Fleet's launch specifications: `SecurityGroups` holds `GroupIdentifier`s (`{GroupId: …}`, IDs
 * only) and each network interface `Groups` (IDs). Its `LaunchTemplateConfigs` name launch templates, which are
 * checked on their own (their overrides name no groups).
 */
function spotFleetPlaces(r: Resource): Place[] {
  return r.body.path('SpotFleetRequestConfigData', 'LaunchSpecifications').items().flatMap((spec, i) => {
    const prefix = `SpotFleetRequestConfigData.LaunchSpecifications[${i}].`;
    const out: Place[] = [[`${prefix}SecurityGroups`, spec.get('SecurityGroups'), false, 'GroupId']];
    spec.get('NetworkInterfaces').items().forEach((ni, j) => out.push([`${prefix}NetworkInterfaces[${j}].Groups`, ni.get('Groups'), false]));
    return out;
  });
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  const { what, verb } = SUBJECT[r.type];
  const places =
    r.type === 'AWS::EC2::LaunchTemplate' ? cfnPlaces(r.body.get('LaunchTemplateData'), 'Groups')
    : r.type === 'AWS::EC2::SpotFleet' ? spotFleetPlaces(r)
    // A launch configuration's SecurityGroups: IDs in a VPC (names were for EC2-Classic); it has no network interfaces.
    : r.type === 'AWS::AutoScaling::LaunchConfiguration' ? [['SecurityGroups', r.body.get('SecurityGroups'), true] as Place]
    : cfnPlaces(r.body, 'GroupSet');
  for (const [path, list, byName, key] of places) {
    const named = cfnInList(list, byName, key);
    if (named) {
      ctx.report(named.at, `${what} ${r.id} ${verb} in the default security group (${named.what}, in ${path}), ${CONSEQUENCE}.`);
      return;
    }
  }
  if (r.type === 'AWS::EC2::Instance') missingGroups(r, ctx, r.body.get('SubnetId'), ['SecurityGroupIds', 'SecurityGroups', 'NetworkInterfaces', 'LaunchTemplate'], 'SecurityGroupIds');
}

/**
 * An instance (or a Spot Instance request) in a subnet that names no security group, no network interface and no
 * launch template: EC2 gives it the VPC's default security group. Without a subnet written the instance's VPC is not
 * in the template (the default VPC, or a launch that fails where there is none), so it is not reported.
 */
function missingGroups(r: Resource, ctx: CheckContext, subnet: Val, others: readonly string[], shown: string): void {
  if (subnet.isAbsent) return;
  if (!others.every((k) => r.body.get(k).isAbsent)) return;
  if (!r.body.get('dynamic').isAbsent) return; // a dynamic block may write a network interface or a launch template
  const placed = r.type === 'aws_spot_instance_request' ? `Spot Instance request ${r.id} places its instance` : `EC2 instance ${r.id} is placed`;
  ctx.report(r.anchor, `${placed} in a subnet without ${shown} (nor any other way to name a security group), so EC2 gives it the VPC's default security group, ${CONSEQUENCE}.`);
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

/**
 * The places of a Terraform resource that name groups. An instance and a Spot Instance request (which takes the
 * arguments of `aws_instance`) name IDs and names; a launch template IDs, names and its network interfaces' IDs; a
 * launch configuration `security_groups` (IDs in a VPC, names for EC2-Classic); a Spot Fleet request each
 * `launch_specification`'s `vpc_security_group_ids` (its `launch_template_config` names launch templates).
 */
function tfPlaces(r: Resource): Place[] {
  const ids = (v: Val, path = ''): Place => [`${path}vpc_security_group_ids`, v.get('vpc_security_group_ids'), false];
  switch (r.type) {
    case 'aws_launch_template': {
      const places: Place[] = [ids(r.body), ['security_group_names', r.body.get('security_group_names'), true]];
      r.body.get('network_interfaces').list().forEach((ni, i) => places.push([`network_interfaces[${i}].security_groups`, ni.get('security_groups'), false]));
      return places;
    }
    case 'aws_launch_configuration':
      return [['security_groups', r.body.get('security_groups'), true]];
    case 'aws_spot_fleet_request':
      return r.body.get('launch_specification').list().map((spec, i) => ids(spec, `launch_specification[${i}].`));
    default:
      return [ids(r.body), ['security_groups', r.body.get('security_groups'), true]];
  }
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  const { what: subject, verb } = SUBJECT[r.type];
  const what = `${subject} ${r.id}`;
  const places = tfPlaces(r);
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
  if (r.type === 'aws_instance' || r.type === 'aws_spot_instance_request') {
    missingGroups(r, ctx, r.body.get('subnet_id'), ['vpc_security_group_ids', 'security_groups', 'network_interface', 'launch_template'], 'vpc_security_group_ids');
  }
}

export default defineRule({
  id: 'CL-AWS-268',
  slug: 'ec2-default-security-group',
  title: 'EC2 instance uses the VPC\'s default security group',
  severity: 'medium',
  fixable: false,
  description:
    'An instance in the VPC\'s default security group shares it with everything launched without a group of its own and, unless the group was emptied, accepts all traffic from its other members, so its network access is not one you designed.',
  remediation: 'Give the instance (or the launch template, launch configuration, Spot request or Spot Fleet that launches it) a security group of its own in SecurityGroupIds (vpc_security_group_ids) that allows only the traffic it needs.',
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
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
    cfnDoc('aws-resource-ec2-instance'),
    cfnDoc('aws-properties-ec2-launchtemplate-launchtemplatedata'),
    cfnDoc('aws-resource-autoscaling-launchconfiguration', 'cfn-autoscaling-launchconfiguration-securitygroups'),
    cfnDoc('aws-properties-ec2-spotfleet-spotfleetlaunchspecification', 'cfn-ec2-spotfleet-spotfleetlaunchspecification-securitygroups'),
    tfDoc('instance', 'vpc_security_group_ids'),
    tfDoc('launch_template', 'vpc_security_group_ids'),
    tfDoc('launch_configuration', 'security_groups'),
    tfDoc('spot_instance_request'),
    tfDoc('spot_fleet_request', 'launch_specification'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::SpotFleet'], run: cfnCheck },
    terraform: {
      reads: 'scope',
      types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request', 'aws_spot_fleet_request'],
      run: tfCheck,
    },
  },
});
