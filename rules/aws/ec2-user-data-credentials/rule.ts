// CL-AWS-026: credentials written into EC2 user data (instances, launch templates, launch configurations, Spot
// Fleet launch specifications, Image Builder recipes' build instances).
import { cfnGuideDoc, type CheckContext, defineRule, get, NO_EMBEDDED_SECRETS, type Node, planConfigurationOf, type Resource, type ScalarNode, str, tfDoc, type Val } from '../../kit';
import { decodeBase64Text, findSecrets, planProvenance, secretsAt, valAt, writtenNode } from '../../lib/iam';

const LABEL: Record<string, string> = {
  'AWS::EC2::Instance': 'EC2 instance',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'Launch configuration',
  'AWS::EC2::SpotFleet': 'Spot Fleet',
  'AWS::ImageBuilder::ImageRecipe': 'Image recipe',
  aws_instance: 'EC2 instance',
  aws_launch_template: 'Launch template',
  aws_launch_configuration: 'Launch configuration',
  aws_spot_instance_request: 'Spot instance request',
  aws_spot_fleet_request: 'Spot Fleet request',
  aws_imagebuilder_image_recipe: 'Image recipe',
};

/**
 * The literal strings inside a user-data expression: the argument of `Fn::Base64`, the template (and literal
 * variable values) of `Fn::Sub`, the literal parts of `Fn::Join`, both branches of `Fn::If`. Their text is in the
 * template even though the expression as a whole is evaluated at deploy time; `Ref`, `Fn::GetAtt` and other
 * deploy-time values are skipped.
 */
export function literalStrings(node: Node | undefined, depth = 0): ScalarNode[] {
  if (!node || depth > 16) return [];
  if (node.kind === 'scalar') return typeof node.value === 'string' ? [node] : [];
  if (node.kind === 'seq') return node.items.flatMap((n) => literalStrings(n, depth + 1));
  if (node.pairs.length !== 1) return [];
  const key = String(node.pairs[0].key.value);
  const arg = node.pairs[0].value;
  switch (key) {
    case 'Fn::Base64':
      return literalStrings(arg, depth + 1);
    case 'Fn::Sub': {
      if (arg.kind !== 'seq') return literalStrings(arg, depth + 1);
      const [template, vars] = arg.items;
      const values = vars?.kind === 'map' ? vars.pairs.flatMap((p) => (p.value.kind === 'scalar' ? literalStrings(p.value, depth + 1) : [])) : [];
      return [...literalStrings(template?.kind === 'scalar' ? template : undefined, depth + 1), ...values];
    }
    case 'Fn::Join':
      return arg.kind === 'seq' && arg.items[1]?.kind === 'seq' ? literalStrings(arg.items[1], depth + 1) : [];
    case 'Fn::If':
      return arg.kind === 'seq' ? literalStrings(arg.items[1], depth + 1).concat(literalStrings(arg.items[2], depth + 1)) : [];
    default:
      return [];
  }
}

/** Who can read user data back besides readers of the template. */
function readers(r: Resource): string {
  const label = LABEL[r.type];
  return `readable by anyone who can read the template or describe the ${label === 'EC2 instance' ? 'instance' : label.toLowerCase()}`;
}

/** Reports the secrets in one literal string: in its text, and in its base64-decoded text when it decodes. */
function scan(r: Resource, ctx: CheckContext, v: Val, node: ScalarNode, what: string): void {
  const inPlace = v.node === undefined || v.node === v.at;
  for (const hit of secretsAt(node)) ctx.report(inPlace ? valAt(v, hit.at, r) : v, `${LABEL[r.type]} ${r.id} has ${hit.what} in its ${what}, ${readers(r)}.`);
  const decoded = decodeBase64Text(String(node.value));
  if (decoded === undefined) return;
  const hits = findSecrets(decoded);
  if (hits.length === 0) return;
  const list = [...new Set(hits.map((h) => h.what))].join(', ');
  ctx.report(inPlace ? valAt(v, node, r) : v, `${LABEL[r.type]} ${r.id} has ${list} in its base64-encoded ${what}, ${readers(r)}.`);
}

/** Where a CloudFormation resource's user data is (each launch specification's for a Spot Fleet), and its name. */
function cfnUserData(r: Resource): { readonly values: Val[]; readonly what: string } {
  switch (r.type) {
    case 'AWS::EC2::LaunchTemplate':
      return { values: [r.body.path('LaunchTemplateData', 'UserData')], what: 'UserData' };
    case 'AWS::EC2::SpotFleet':
      return { values: r.body.path('SpotFleetRequestConfigData', 'LaunchSpecifications').items().map((spec) => spec.get('UserData')), what: "launch specification's UserData" };
    case 'AWS::ImageBuilder::ImageRecipe':
      return { values: [r.body.path('AdditionalInstanceConfiguration', 'UserDataOverride')], what: 'AdditionalInstanceConfiguration.UserDataOverride' };
    default:
      return { values: [r.body.get('UserData')], what: 'UserData' };
  }
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const { values, what } = cfnUserData(r);
  for (const userData of values) cfnScan(r, ctx, userData, what);
}

function cfnScan(r: Resource, ctx: CheckContext, userData: Val, what: string): void {
  for (const alt of userData.each()) {
    const node = alt.node;
    if (node?.kind === 'scalar' && typeof node.value === 'string') {
      // A plain string: CloudFormation expects it base64-encoded already; look at it both ways.
      scan(r, ctx, alt, node, what);
    } else if (alt.isUnknown) {
      // Fn::Base64 (and friends) are evaluated at deploy time, but their literal arguments are in the template.
      for (const s of literalStrings(alt.at)) scan(r, ctx, valAt(alt, s, r), s, what);
    }
  }
}

/**
 * A Spot Fleet request's plan: true when every launch specification of its configuration writes `user_data` as a
 * constant, or not at all. The specifications are a set, which a plan may order otherwise than the configuration, so
 * one computed `user_data` leaves every planned one unjudged.
 */
function specsConstant(r: Resource): boolean {
  const specs = get(planConfigurationOf(r)?.expressions, 'launch_specification');
  if (!specs) return false;
  const list = specs.kind === 'seq' ? specs.items : [specs];
  return list.every((spec) => {
    const userData = get(spec, 'user_data');
    return userData === undefined || get(userData, 'constant_value') !== undefined;
  });
}

function terraform(r: Resource, ctx: CheckContext): void {
  // A Spot Fleet request's user data is in each of its launch specifications.
  const spot = r.type === 'aws_spot_fleet_request';
  const bodies = spot ? r.body.get('launch_specification').list() : [r.body];
  const attrs = spot ? ['user_data'] : r.type === 'aws_imagebuilder_image_recipe' ? ['user_data_base64'] : ['user_data', 'user_data_base64'];
  // A plan shows a variable's value too; only a constant in the configuration is written in the code.
  const plan = r.format === 'terraform-plan';
  if (plan && spot && !specsConstant(r)) return;
  for (const body of bodies) for (const attr of attrs) {
    const v = body.get(attr);
    if (v.isAbsent) continue;
    if (plan && !spot && planProvenance(r, [attr]) !== 'constant') continue;
    for (const alt of v.each()) {
      // The text around `${…}` interpolations is literal; the interpolated values themselves are not secrets we can see.
      const node = writtenNode(alt);
      if (node?.kind !== 'scalar' || str(node) === undefined) continue;
      scan(r, ctx, alt.node ? alt : valAt(alt, node, r), node, spot ? `launch specification's ${attr}` : attr);
    }
  }
}

export default defineRule({
  id: 'CL-AWS-026',
  slug: 'ec2-user-data-credentials',
  title: 'Credentials in EC2 user data',
  severity: 'high',
  fixable: false,
  description:
    'User data is stored with the instance or launch template and can be read back by anyone allowed to describe it, and by every process on the instance through the instance metadata service. Access keys, private keys and passwords written into it are exposed to all of them.',
  remediation: 'Give the instance an instance profile instead of access keys, and have the boot script fetch other secrets from Secrets Manager or SSM Parameter Store.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'secrets',
    provider: 'AWS stores user data and serves it to the instance through the instance metadata service',
    customer: 'what you put in user data, and who can read it back, is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: {
    checkov: ['CKV_AWS_46'],
    kics: ['568cc372-ca64-420d-9015-ee347d00d288', '443488f5-c734-460b-a36d-5b3f330174dc', '0b93729a-d882-4803-bdc3-ac429a21f158', 'd7b9d850-3e06-4a75-852f-c46c2e92240b'],
    trivy: ['aws-ec2-no-secrets-in-user-data', 'aws-ec2-no-secrets-in-launch-template-user-data', 'aws-ec2-no-sensitive-info'],
  },
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
    cfnGuideDoc('aws-resource-ec2-instance', 'cfn-ec2-instance-userdata'),
    tfDoc('instance', 'user_data'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::SpotFleet', 'AWS::ImageBuilder::ImageRecipe'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_fleet_request', 'aws_imagebuilder_image_recipe'], run: terraform },
  },
});
