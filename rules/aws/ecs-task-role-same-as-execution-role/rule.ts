// CL-AWS-256: an ECS task definition whose task role (what the application's code may do) is also its execution role
// (what the ECS agent may do to start the task: pull images, read secrets, write logs).
import { cfnDoc, choices, type CheckContext, defineRule, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';
import { batchHolders, batchKey, isBatchJob } from '../../lib/ecs';

/** A role as a value names it: a known ARN or name, or a reference that resolves to the same role each time. */
interface RoleKey {
  /** The full ARN, when written as one. */
  readonly arn?: string;
  /** The role name (the last segment of an ARN), or the reference (`ref:Role`, `ref:aws_iam_role.app`). */
  readonly name: string;
  /** How messages show it. */
  readonly shown: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/(?:.*\/)?([^/]+)$/;
/** A Terraform interpolation that is wholly one reference to a role, a variable or a local. */
const TF_REFERENCE = /^\$\{((aws_iam_role\.[A-Za-z0-9_-]+)\.(?:arn|name|id)|(?:var|local)\.[A-Za-z0-9_-]+)\}$/;

/** The logical ID a CloudFormation value refers to when it is wholly `Ref X` or `Fn::GetAtt X.Arn`. */
function cfnReference(node: Node): string | undefined {
  if (node.kind !== 'map' || node.pairs.length !== 1) return undefined;
  const [{ key, value }] = node.pairs;
  if (key.value === 'Ref') return value.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
  if (key.value !== 'Fn::GetAtt') return undefined;
  const parts = value.kind === 'seq' ? value.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')) : value.kind === 'scalar' ? String(value.value).split('.') : [];
  return parts.length === 2 && parts[1] === 'Arn' && parts[0] ? parts[0] : undefined;
}

function roleKey(v: Val, r: Resource, attr: string | undefined): RoleKey | undefined {
  if (v.isAbsent) return undefined;
  if (v.isKnown) {
    const s = v.str()?.trim();
    if (!s) return undefined;
    const m = ROLE_ARN.exec(s);
    return m ? { arn: s, name: m[1], shown: s } : s.startsWith('arn:') ? undefined : { name: s, shown: s };
  }
  // Unknown before deploy: the same reference written twice is the same role, whatever it turns out to be.
  if (r.format === 'cloudformation') {
    const id = cfnReference(v.at);
    return id ? { name: `ref:${id}`, shown: id } : undefined;
  }
  if (r.format === 'terraform-plan') {
    // A plan keeps the references of an expression, not its text: one reference to a role resource (or a variable).
    // Inside a JSON string (a Batch job's properties) the references are the whole string's: not one value's.
    if (attr === undefined) return undefined;
    const refs = r.references(attr);
    return refs.length === 1 && /^(aws_iam_role|var|local)\./.test(refs[0]) ? { name: `ref:${refs[0]}`, shown: refs[0] } : undefined;
  }
  const node = v.at;
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value.trim() : undefined;
  const m = text ? TF_REFERENCE.exec(text) : null;
  if (!m) return undefined;
  const target = m[2] ?? m[1];
  return { name: `ref:${target}`, shown: target };
}

/** A role written as a literal name, not an ARN or a reference (AWS Batch takes ARNs only). */
function isBareName(k: RoleKey): boolean {
  return k.arn === undefined && !k.name.startsWith('ref:');
}

function sameRole(a: RoleKey, b: RoleKey): boolean {
  if (a.arn !== undefined && b.arn !== undefined) return a.arn === b.arn;
  return a.name === b.name;
}

/** A pair of roles to compare: where each is written, how messages name them, and who holds them. */
interface RolePair {
  readonly task: Val;
  readonly execution: Val;
  /** How messages name the two keys: `TaskRoleArn`, `ContainerProperties.JobRoleArn`. */
  readonly taskShown: string;
  readonly executionShown: string;
  /** The top-level attribute (for a plan's references), undefined inside a JSON string. */
  readonly taskAttr?: string;
  readonly executionAttr?: string;
  /** `ECS task definition web`, `AWS Batch job definition etl (its container)`. */
  readonly holder: string;
  /** What the application role is called: `task role`, `job role`. */
  readonly role: string;
  /** Who uses the execution role: `ECS`, `AWS Batch`. */
  readonly agent: string;
  /** The keys take ARNs only (AWS Batch): a known value that is not an ARN is not a role to compare. */
  readonly arnOnly?: boolean;
}

/** An ECS task definition's two roles. */
function taskRoles(r: Resource): RolePair[] {
  const [task, execution] = r.format === 'cloudformation' ? ['TaskRoleArn', 'ExecutionRoleArn'] : ['task_role_arn', 'execution_role_arn'];
  return [{ task: r.body.get(task), execution: r.body.get(execution), taskShown: task, executionShown: execution, taskAttr: task, executionAttr: execution, holder: `ECS task definition ${r.id}`, role: 'task role', agent: 'ECS' }];
}

/**
 * An AWS Batch job definition's pairs (lib/ecs batchHolders): its container's (and each node range's container's)
 * `JobRoleArn` and `ExecutionRoleArn`, and each ECS task's `TaskRoleArn` and `ExecutionRoleArn`. In Terraform they are
 * keys of the container_properties, node_properties and ecs_properties JSON strings (camelCase), read in place.
 */
function jobRoles(r: Resource): RolePair[] {
  return batchHolders(r).map((h) => {
    const key = (name: string): string => batchKey(r, name);
    // `ContainerProperties.JobRoleArn`; `jobRoleArn in container_properties`, `taskRoleArn in ecs_properties taskProperties[0]`.
    const shown = (name: string): string => (h.embedded ? `${key(name)} in ${h.attr}${h.path ? ` ${h.path.replace(/\.$/, '')}` : ''}` : `${h.attr}.${h.path}${name}`);
    const task = h.kind === 'container' ? 'JobRoleArn' : 'TaskRoleArn';
    return {
      task: h.val.get(key(task)),
      execution: h.val.get(key('ExecutionRoleArn')),
      taskShown: shown(task),
      executionShown: shown('ExecutionRoleArn'),
      holder: `AWS Batch job definition ${r.id}`,
      role: h.kind === 'container' ? 'job role' : 'task role',
      agent: 'AWS Batch',
      arnOnly: true,
    };
  });
}

function check(r: Resource, ctx: CheckContext): void {
  for (const p of isBatchJob(r) ? jobRoles(r) : taskRoles(r)) {
    for (const c of choices([p.task, p.execution])) {
      const [task, execution] = c.parts;
      const a = roleKey(task, r, p.taskAttr);
      const b = roleKey(execution, r, p.executionAttr);
      if (!a || !b || !sameRole(a, b)) continue;
      if (p.arnOnly && (isBareName(a) || isBareName(b))) continue;
      ctx.report(
        task,
        `${p.holder} uses ${a.shown} as both its ${p.role} (${p.taskShown}) and its execution role (${p.executionShown}), so the code in its containers holds the permissions ${p.agent} needs to pull images, read the ${p.agent === 'ECS' ? 'task' : 'job'}'s secrets and write its logs.`,
        { related: [{ node: execution.at, message: `The execution role ${p.executionShown} is the same role.` }] },
      );
      return;
    }
  }
}

export default defineRule({
  id: 'CL-AWS-256',
  slug: 'ecs-task-role-same-as-execution-role',
  title: 'ECS task role is the same as its execution role',
  severity: 'low',
  fixable: false,
  description:
    "The execution role is what the ECS agent uses to start a task: pull its images from ECR, fetch its Secrets Manager and Parameter Store secrets, write its logs. The task role is what the application's own code may do. Using one role for both hands the application every secret and image the agent may read, and the agent everything the application may do.",
  remediation: 'Give the task definition two roles: an execution role with only what starting the task needs, and a task role with only what the application calls.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'identity-and-access',
    provider: 'AWS makes the execution role available only to the ECS agent and the task role only to the containers',
    customer: 'keeping the two roles apart, each with its own permissions, is yours',
  },
  frameworks: [nist('AC-6', 'AC-5')],
  equivalents: { checkov: ['CKV_AWS_249'] },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    cfnDoc('aws-resource-ecs-taskdefinition', 'cfn-ecs-taskdefinition-taskrolearn'),
    tfDoc('ecs_task_definition', 'task_role_arn'),
    cfnDoc('aws-properties-batch-jobdefinition-containerproperties', 'cfn-batch-jobdefinition-containerproperties-jobrolearn'),
    cfnDoc('aws-properties-batch-jobdefinition-ecstaskproperties'),
    tfDoc('batch_job_definition', 'container_properties'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::TaskDefinition', 'AWS::Batch::JobDefinition'], run: check },
    terraform: { reads: 'resource', types: ['aws_ecs_task_definition', 'aws_batch_job_definition'], run: check },
  },
});
