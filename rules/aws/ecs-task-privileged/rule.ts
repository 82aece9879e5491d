// CL-AWS-099: an ECS task definition or AWS Batch job definition with a privileged container (root on the host, all
// devices, no isolation).
import { cfnGuideDoc, defineRule, nist, type Resource, type SettingItem, settingChecks, tfDoc, type Val } from '../../kit';
import { batchEksContainers, containerDefinitions, embeddedObject } from '../../lib/ecs';

/**
 * The containers of an AWS Batch job definition (run as ECS containers): ContainerProperties, each node range's
 * Container and each ECS task's Containers; in Terraform the container_properties JSON string (no fix).
 */
function batchContainers(r: Resource): SettingItem[] {
  const named = (what: string, c: Val, fix: boolean): SettingItem => ({ val: c, named: `${what} of Batch job definition ${r.id}`, fix });
  if (r.format !== 'cloudformation') {
    const container = embeddedObject(r, 'container_properties');
    return [...(container ? [named('The container', container, false)] : []), ...eksContainers(r)];
  }
  const out: SettingItem[] = r.body.get('ContainerProperties').each().filter((c) => c.isMap).map((c) => named('The container', c, true));
  for (const range of r.body.path('NodeProperties', 'NodeRangeProperties').items().flatMap((i) => i.each())) {
    for (const c of range.get('Container').each()) if (c.isMap) out.push(named(`The container of node range ${range.get('TargetNodes').str() ?? '?'}`, c, true));
  }
  for (const task of r.body.path('EcsProperties', 'TaskProperties').items().flatMap((i) => i.each())) {
    for (const c of task.get('Containers').items().flatMap((i) => i.each())) if (c.isMap) out.push(named(`Container ${c.get('Name').str() ?? '(unnamed)'}`, c, true));
  }
  return [...out, ...eksContainers(r)];
}

/** The security context of each container of a Batch job definition's Amazon EKS pod, where `Privileged` is written. */
function eksContainers(r: Resource): SettingItem[] {
  return batchEksContainers(r).map((c) => ({ val: c.securityContext, named: `${c.label} of the EKS pod of Batch job definition ${r.id}`, fix: true }));
}

/** Every container definition of the task, named as in messages; the Terraform ones are embedded JSON (no fix). */
function containers(nameKey: string) {
  return (r: Resource): SettingItem[] =>
    r.type === 'AWS::Batch::JobDefinition' || r.type === 'aws_batch_job_definition' ? batchContainers(r) : containerDefinitions(r).flatMap((container) =>
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
  equivalents: {
    checkov: ['CKV_AWS_334', 'CKV_AWS_210'],
    kics: ['76ddf32c-85b1-4808-8935-7eef8030ab36', '66cd88ac-9ddf-424a-b77e-e55e17630bee'],
    cfnNag: ['W34'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-containerdefinition', 'cfn-ecs-taskdefinition-containerdefinition-privileged'),
    'https://docs.aws.amazon.com/batch/latest/userguide/job_definition_parameters.html#ContainerProperties-privileged',
    tfDoc('batch_job_definition', 'container_properties'),
  ],
  checks: settingChecks({
    subject: 'ECS task definition',
    consequence: 'which gives it root access to the host and its devices',
    want: false,
    absentMeans: null,
    formats: {
      cloudformation: { types: ['AWS::ECS::TaskDefinition', 'AWS::Batch::JobDefinition'], path: ['Privileged'], each: containers('Name') },
      terraform: { types: ['aws_ecs_task_definition', 'aws_batch_job_definition'], path: ['privileged'], each: containers('name') },
    },
  }),
});
