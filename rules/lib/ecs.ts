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
