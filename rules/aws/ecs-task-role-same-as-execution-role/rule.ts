// CL-AWS-256: an ECS task definition whose task role (what the application's code may do) is also its execution role
// (what the ECS agent may do to start the task: pull images, read secrets, write logs).
import { cfnDoc, choices, type CheckContext, defineRule, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';

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

function roleKey(v: Val, r: Resource, attr: string): RoleKey | undefined {
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

function sameRole(a: RoleKey, b: RoleKey): boolean {
  if (a.arn !== undefined && b.arn !== undefined) return a.arn === b.arn;
  return a.name === b.name;
}

interface Keys {
  readonly task: string;
  readonly execution: string;
}
const CFN: Keys = { task: 'TaskRoleArn', execution: 'ExecutionRoleArn' };
const TF: Keys = { task: 'task_role_arn', execution: 'execution_role_arn' };

function check(r: Resource, ctx: CheckContext): void {
  const k = r.format === 'cloudformation' ? CFN : TF;
  for (const c of choices([r.body.get(k.task), r.body.get(k.execution)])) {
    const [task, execution] = c.parts;
    const a = roleKey(task, r, k.task);
    const b = roleKey(execution, r, k.execution);
    if (!a || !b || !sameRole(a, b)) continue;
    ctx.report(
      task,
      `ECS task definition ${r.id} uses ${a.shown} as both its task role (${k.task}) and its execution role (${k.execution}), so the code in its containers holds the permissions ECS needs to pull images, read the task's secrets and write its logs.`,
      { related: [{ node: execution.at, message: `The execution role ${k.execution} is the same role.` }] },
    );
    return;
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
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::TaskDefinition'], run: check },
    terraform: { reads: 'resource', types: ['aws_ecs_task_definition'], run: check },
  },
});
