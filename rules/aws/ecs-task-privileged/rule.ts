// CL-AWS-099: an ECS task definition with a privileged container (root on the host, all devices, no isolation).
import { cfnGuideDoc, type CheckContext, defineRule, nist, type Resource } from '../../kit';
import { containerDefinitions } from '../../lib/ecs';

function check(key: string, nameKey: string) {
  return (r: Resource, ctx: CheckContext) => {
    for (const container of containerDefinitions(r)) {
      for (const c of container.each()) {
        const bad = c.get(key).find((v) => v.isTrue());
        if (!bad) continue;
        const name = c.get(nameKey).str();
        const edits = r.format === 'cloudformation' ? ctx.edits.setValue(bad, false) : undefined;
        ctx.report(bad, `Container ${name ?? '(unnamed)'} in ECS task definition ${r.id} sets ${key} to true, which gives it root access to the host and its devices.`, {
          fix: { title: `Set ${key} to false`, edits },
        });
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-099',
  slug: 'ecs-task-privileged',
  title: 'ECS container runs privileged',
  severity: 'high',
  fixable: true,
  description:
    'A privileged container gets elevated privileges on the container instance, similar to root on the host: all devices, all capabilities, no seccomp or AppArmor confinement. A compromise of the container is then a compromise of the host and of every other task on it.',
  remediation: 'Remove Privileged (privileged) or set it to false, and grant only the specific Linux capabilities the container needs with LinuxParameters.Capabilities.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'workload',
    provider: 'AWS runs the ECS control plane and, on Fargate, the hosts, which refuse privileged containers',
    customer: 'the privileges your containers get on the EC2 hosts you run is your task definition\'s choice',
  },
  frameworks: [nist('AC-6')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-containerdefinition', 'cfn-ecs-taskdefinition-containerdefinition-privileged'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECS::TaskDefinition'], run: check('Privileged', 'Name') },
    terraform: { reads: 'resource', types: ['aws_ecs_task_definition'], run: check('privileged', 'name') },
  },
});
