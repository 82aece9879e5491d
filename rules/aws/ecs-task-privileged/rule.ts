// CL-AWS-099: an ECS task definition with a privileged container (root on the host, all devices, no isolation).
import { cfnGuideDoc, defineRule, nist, type Resource, type SettingItem, settingChecks } from '../../kit';
import { containerDefinitions } from '../../lib/ecs';

/** Every container definition of the task, named as in messages; the Terraform ones are embedded JSON (no fix). */
function containers(nameKey: string) {
  return (r: Resource): SettingItem[] =>
    containerDefinitions(r).flatMap((container) =>
      container.each().map((c) => ({
        val: c,
        named: `Container ${c.get(nameKey).str() ?? '(unnamed)'} in ECS task definition ${r.id}`,
        fix: r.format === 'cloudformation',
      })),
    );
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
  checks: settingChecks({
    subject: 'ECS task definition',
    consequence: 'which gives it root access to the host and its devices',
    want: false,
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::ECS::TaskDefinition'], path: ['Privileged'], each: containers('Name') },
      terraform: { types: ['aws_ecs_task_definition'], path: ['privileged'], each: containers('name') },
    },
  }),
});
