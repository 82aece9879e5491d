// ECS knowledge shared by the ECS rules: where a task definition keeps its container definitions.
import { parseEmbeddedJson, type Resource, Val } from '../kit';

/**
 * The container definitions of a task definition: CloudFormation's ContainerDefinitions list, or Terraform's
 * container_definitions JSON string parsed in place (so findings land on the exact characters). A Terraform string
 * with interpolations in some values is still parsed; those values are unknown. A string that is not JSON (for
 * example `${jsonencode(…)}`) yields nothing.
 */
export function containerDefinitions(r: Resource): Val[] {
  if (r.format === 'cloudformation') return r.body.get('ContainerDefinitions').items();
  const v = r.body.get('container_definitions');
  const node = v.isKnown ? v.node : r.format === 'terraform' && v.isUnknown ? v.at : undefined;
  if (!node || node.kind !== 'scalar' || typeof node.value !== 'string') return [];
  const parsed = parseEmbeddedJson(node);
  return parsed ? Val.of(parsed, r.resolver).items() : [];
}

/** True for an AWS Batch job definition, whose jobs run as ECS containers. */
export function isBatchJob(r: Resource): boolean {
  return r.type === 'AWS::Batch::JobDefinition' || r.type === 'aws_batch_job_definition';
}

/**
 * The containers of an AWS Batch job definition: CloudFormation's ContainerProperties, each node range's Container
 * and each ECS task's Containers; Terraform's container_properties JSON string (one container) parsed in place.
 */
export function jobContainers(r: Resource): Val[] {
  if (r.format !== 'cloudformation') {
    const v = r.body.get('container_properties');
    const node = v.isKnown ? v.node : r.format === 'terraform' && v.isUnknown ? v.at : undefined;
    if (!node || node.kind !== 'scalar' || typeof node.value !== 'string') return [];
    const parsed = parseEmbeddedJson(node);
    return parsed?.kind === 'map' ? [Val.of(parsed, r.resolver)] : [];
  }
  return [
    r.body.get('ContainerProperties'),
    ...r.body.path('NodeProperties', 'NodeRangeProperties').list().map((range) => range.get('Container')),
    ...r.body.path('EcsProperties', 'TaskProperties').list().flatMap((task) => task.get('Containers').list()),
  ].filter((c) => !c.isAbsent);
}
