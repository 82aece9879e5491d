// CL-AWS-100: an ECS container definition (or AWS Batch job container) that explicitly runs as root (User "root", "0",
// "0:0", "root:…").
import { cfnGuideDoc, type CheckContext, defineRule, type FixOffer, nist, type Resource, type Val } from '../../kit';
import { batchEksContainers, containerDefinitions, isBatchJob, jobContainers, nonZeroIdFix } from '../../lib/ecs';

/** `root`, `0`, `root:root`, `0:0`, `0:1000`: the user part (before the colon) is root. */
function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0].trim();
  return name === 'root' || name === '0';
}

/**
 * A non-root user ID to fill in (`1000`), keeping a non-root group (`root:www` → `1000:www`, `0:0` → `1000:1000`).
 * CloudFormation only: Terraform's container_definitions is a JSON string, whose characters the edit would have to escape.
 */
function nonRootFix(r: Resource, ctx: CheckContext, bad: Val, key: string): FixOffer | undefined {
  if (r.format !== 'cloudformation') return undefined;
  const [, ...rest] = bad.str()!.trim().split(':');
  const group = rest.join(':').trim();
  const value = '${1:1000}' + (rest.length === 0 ? '' : isRoot(group) ? ':${2:1000}' : `:${group.replace(/[$}\\]/g, '\\$&')}`);
  return { title: `Set ${key} to a non-root user (fill in its ID)`, edits: ctx.edits.setValue(bad, value), snippet: true };
}

function check(key: string, nameKey: string) {
  return (r: Resource, ctx: CheckContext) => {
    for (const container of isBatchJob(r) ? jobContainers(r) : containerDefinitions(r)) {
      for (const c of container.each()) {
        const bad = c.get(key).find((v) => {
          const s = v.str();
          return s !== undefined && isRoot(s);
        });
        if (!bad) continue;
        const name = c.get(nameKey).str();
        const what = isBatchJob(r)
          ? `${name ? `Container ${name}` : 'The container'} of Batch job definition ${r.id}`
          : `Container ${name ?? '(unnamed)'} in ECS task definition ${r.id}`;
        ctx.report(bad, `${what} sets ${key} to "${bad.str()}", so its processes run as root.`, { fix: nonRootFix(r, ctx, bad, key) });
      }
    }
    // A job definition for Amazon EKS: the containers of its pod, whose security context names the UID.
    if (isBatchJob(r)) {
      const runAsUser = r.format === 'cloudformation' ? 'RunAsUser' : 'run_as_user';
      for (const c of batchEksContainers(r)) {
        const zero = c.securityContext.get(runAsUser).find((v) => v.num() === 0);
        if (zero) {
          // A Kubernetes security context, fixed as the Kubernetes rules fix one (CL-K8S-004).
          ctx.report(zero, `${c.label} of the EKS pod of Batch job definition ${r.id} sets ${runAsUser} to 0, so its processes run as root.`, { fix: nonZeroIdFix(zero, runAsUser) });
        }
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-100',
  slug: 'ecs-task-root-user',
  title: 'ECS container runs as root',
  severity: 'medium',
  fixable: true,
  description:
    'A container whose User is root (root, 0, 0:0) runs its processes with UID 0. A flaw in the application then gives the attacker root inside the container, one step away from the host through any kernel bug, mounted volume or extra capability.',
  remediation: 'Set User (user) to a non-root UID:GID that the image supports, for example "1000:1000", and give that user ownership of the paths it writes.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'AWS runs the ECS control plane and, on Fargate, isolates each task in its own micro-VM',
    customer: 'the user your containers run as is your task definition\'s and image\'s choice',
  },
  frameworks: [nist('AC-6')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-containerdefinition', 'cfn-ecs-taskdefinition-containerdefinition-user'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::TaskDefinition', 'AWS::Batch::JobDefinition'], run: check('User', 'Name') },
    terraform: { reads: 'resource', types: ['aws_ecs_task_definition', 'aws_batch_job_definition'], run: check('user', 'name') },
  },
});
