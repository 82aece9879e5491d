// CL-AWS-025: credentials written into the environment of an ECS task definition's (or AWS Batch job definition's)
// containers.
import { cfnGuideDoc, type CheckContext, defineRule, NO_EMBEDDED_SECRETS, parseEmbeddedJson, type Resource, tfDoc, Val } from '../../kit';
import { envVarFindings, planProvenance, writtenNode } from '../../lib/iam';

/** Checks the containers' environment lists; `keys` are the JSON field names of the format. */
function checkContainers(r: Resource, ctx: CheckContext, containers: Val[], k: { env: string; name: string; value: string; container: string }): void {
  for (const c of containers) {
    for (const container of c.each()) {
      const cname = container.get(k.container).str();
      const owner = r.type === 'AWS::Batch::JobDefinition' || r.type === 'aws_batch_job_definition' ? 'Batch job definition' : 'task definition';
      const where = cname ? `Container ${cname} of ${owner} ${r.id}` : `The container of ${owner} ${r.id}`;
      for (const e of container.get(k.env).list()) {
        for (const entry of e.each()) {
          const name = entry.get(k.name).str();
          if (name !== undefined) for (const f of envVarFindings(name, entry.get(k.value), where, r)) ctx.report(f.at, f.message);
        }
      }
    }
  }
}

const CFN_KEYS = { env: 'Environment', name: 'Name', value: 'Value', container: 'Name' };

function cloudformation(r: Resource, ctx: CheckContext): void {
  if (r.type !== 'AWS::Batch::JobDefinition') return checkContainers(r, ctx, r.body.get('ContainerDefinitions').list(), CFN_KEYS);
  // AWS Batch: the job's container, each node range's container and each ECS task's containers.
  const containers = [
    r.body.get('ContainerProperties'),
    ...r.body.path('NodeProperties', 'NodeRangeProperties').list().map((range) => range.get('Container')),
    ...r.body.path('EcsProperties', 'TaskProperties').list().flatMap((task) => task.get('Containers').list()),
  ].filter((c) => !c.isAbsent);
  checkContainers(r, ctx, containers, CFN_KEYS);
}

function terraform(r: Resource, ctx: CheckContext): void {
  // A plan shows variables' values too; only constants in the configuration are written in the code.
  const attr = r.type === 'aws_batch_job_definition' ? 'container_properties' : 'container_definitions';
  if (r.format === 'terraform-plan' && planProvenance(r, [attr]) !== 'constant') return;
  for (const alt of r.body.get(attr).each()) {
    // The JSON text is literal even where single values are interpolated (`${var.image}`): those leaves stay unknown.
    const node = writtenNode(alt);
    if (node?.kind !== 'scalar') continue;
    const parsed = parseEmbeddedJson(node);
    if (!parsed) continue;
    const defs = Val.of(parsed, r.resolver, parsed, alt.when);
    // A Batch job's container_properties is one container (a mapping), a task's container_definitions a list.
    checkContainers(r, ctx, defs.isMap ? [defs] : defs.list(), { env: 'environment', name: 'name', value: 'value', container: 'name' });
  }
}

export default defineRule({
  id: 'CL-AWS-025',
  slug: 'ecs-env-credentials',
  title: 'Credentials in ECS container environment variables',
  severity: 'high',
  fixable: false,
  description:
    'An AWS access key or a literal password, token or API key in a container definition\'s Environment is written in the template and shown by the ECS console and DescribeTaskDefinition to everyone who may read task definitions.',
  remediation: 'Use a task role instead of access keys, and pass other secrets through the container definition\'s Secrets (valueFrom a Secrets Manager secret or SSM parameter).',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'secrets',
    provider: 'AWS injects secrets listed under Secrets into the container at start and gives tasks temporary credentials through their task role',
    customer: 'what you put in plain environment variables is yours',
  },
  frameworks: NO_EMBEDDED_SECRETS,
  equivalents: { trivy: ['aws-ecs-no-plaintext-secrets'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-containerdefinition', 'cfn-ecs-taskdefinition-containerdefinition-environment'),
    tfDoc('ecs_task_definition', 'container_definitions'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::TaskDefinition', 'AWS::Batch::JobDefinition'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_ecs_task_definition', 'aws_batch_job_definition'], run: terraform },
  },
});
