// CL-AWS-283: credentials written into the provisioners of an EC2 instance (remote-exec commands, local-exec commands
// and environment, connection passwords and private keys), in Terraform configurations and plans.
import { type CheckContext, defineRule, get, NO_EMBEDDED_SECRETS, type Node, planConfigurationOf, type Resource, type ScalarNode, str, type Val } from '../../kit';
import { isLiteralSecretValue, looksSecretName, secretsAt, writtenNode } from '../../lib/iam';

const LABEL: Record<string, string> = {
  aws_instance: 'EC2 instance',
  aws_spot_instance_request: 'Spot instance request',
};

/** Where the text is, as the message names it. */
const INLINE = "its remote-exec provisioner's inline commands";
const COMMAND = "its local-exec provisioner's command";
const ENVIRONMENT = "its local-exec provisioner's environment";

function message(r: Resource, what: string, where: string): string {
  return `${LABEL[r.type]} ${r.id} has ${what} in ${where}, written in plain text in the configuration for anyone who can read it.`;
}

/** The written text of a value: a literal, or the literal parts of a template around its `${…}` interpolations. */
function textNodes(v: Val): ScalarNode[] {
  const out: ScalarNode[] = [];
  for (const alt of v.each()) {
    const node = writtenNode(alt);
    if (node?.kind === 'scalar' && str(node) !== undefined) out.push(node);
  }
  return out;
}

/** Reports each secret in a command's text, at the secret. */
function scanCommand(r: Resource, ctx: CheckContext, node: ScalarNode, where: string): void {
  for (const hit of secretsAt(node)) ctx.report(hit.at, message(r, hit.what, where));
}

/** An environment variable of local-exec (a string): a key or access key ID in its value, or a literal under a secret name. */
function scanVariable(r: Resource, ctx: CheckContext, name: string, node: ScalarNode): void {
  const hits = secretsAt(node);
  for (const hit of hits) ctx.report(hit.at, message(r, hit.what, ENVIRONMENT));
  if (hits.length === 0 && looksSecretName(name) && isLiteralSecretValue(String(node.value))) ctx.report(node, message(r, `a literal value for ${name}`, ENVIRONMENT));
}

/** A connection block's literal `password`, or a private key written into `private_key`. */
function scanConnection(r: Resource, ctx: CheckContext, connection: Val, where: string): void {
  for (const block of connection.list()) {
    for (const node of textNodes(block.get('password'))) {
      if (block.get('password').node === node && isLiteralSecretValue(String(node.value))) ctx.report(node, message(r, 'a literal password', where));
    }
    for (const node of textNodes(block.get('private_key'))) scanCommand(r, ctx, node, where);
  }
}

function configuration(r: Resource, ctx: CheckContext): void {
  for (const provisioner of r.body.get('provisioner').list()) {
    for (const [key, block] of provisioner.entries()) {
      const type = String(key.value);
      if (type === 'remote-exec') for (const command of block.get('inline').items()) for (const node of textNodes(command)) scanCommand(r, ctx, node, INLINE);
      if (type === 'local-exec') {
        for (const node of textNodes(block.get('command'))) scanCommand(r, ctx, node, COMMAND);
        for (const [name, value] of block.get('environment').entries()) {
          const node = value.node;
          if (node?.kind === 'scalar' && typeof node.value === 'string') scanVariable(r, ctx, String(name.value), node);
        }
      }
      scanConnection(r, ctx, block.get('connection'), `the connection of its ${type} provisioner`);
    }
  }
  scanConnection(r, ctx, r.body.get('connection'), 'its connection block');
}

/** A constant of a plan's configuration expression (`{"constant_value": …}`); undefined when Terraform computes it. */
function constant(expression: Node | undefined): Node | undefined {
  return get(expression, 'constant_value');
}

/** A plan: the provisioners of the resource's configuration, whose constants are the text written. */
function plan(r: Resource, ctx: CheckContext): void {
  const provisioners = planConfigurationOf(r)?.provisioners;
  for (const p of provisioners?.items ?? []) {
    const type = str(get(p, 'type'));
    const expressions = get(p, 'expressions');
    if (type === 'remote-exec') {
      const inline = constant(get(expressions, 'inline'));
      for (const item of inline?.kind === 'seq' ? inline.items : []) if (item.kind === 'scalar' && typeof item.value === 'string') scanCommand(r, ctx, item, INLINE);
    }
    if (type === 'local-exec') {
      const command = constant(get(expressions, 'command'));
      if (command?.kind === 'scalar' && typeof command.value === 'string') scanCommand(r, ctx, command, COMMAND);
      const environment = constant(get(expressions, 'environment'));
      for (const pair of environment?.kind === 'map' ? environment.pairs : []) {
        if (pair.value.kind === 'scalar' && typeof pair.value.value === 'string') scanVariable(r, ctx, String(pair.key.value), pair.value);
      }
    }
  }
}

export default defineRule({
  id: 'CL-AWS-283',
  slug: 'ec2-provisioner-credentials',
  title: 'Credentials in the provisioners of an EC2 instance',
  severity: 'high',
  fixable: false,
  description:
    "Terraform provisioners run commands on a new instance (remote-exec, over SSH or WinRM) or beside Terraform (local-exec). Access keys, private keys and passwords written into those commands, their environment or the connection block are kept in plain text in the configuration and the plan, for everyone who can read either, and commands that export them leave them on the instance.",
  remediation:
    'Give the instance an instance profile instead of access keys; pass other secrets in from a secret store (a sensitive variable filled from Secrets Manager or SSM Parameter Store, an SSH agent for the connection) rather than writing them into the configuration.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'secrets',
    provider: 'AWS runs the instance and gives it temporary credentials through an instance profile',
    customer: 'the commands your configuration runs on it, and any credentials written into them, are yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: {
    kics: ['0b93729a-d882-4803-bdc3-ac429a21f158'],
  },
  docs: [
    'https://developer.hashicorp.com/terraform/language/resources/provisioners/remote-exec',
    'https://developer.hashicorp.com/terraform/language/resources/provisioners/local-exec',
    'https://developer.hashicorp.com/terraform/language/resources/provisioners/connection',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  ],
  checks: {
    terraform: { reads: 'resource', types: ['aws_instance', 'aws_spot_instance_request'], run: (r, ctx) => (r.format === 'terraform-plan' ? plan(r, ctx) : configuration(r, ctx)) },
  },
});
