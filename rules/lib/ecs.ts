// ECS knowledge shared by the ECS rules: where a task definition keeps its container definitions.
import { type Node, parseEmbeddedJson, type Resource, Val } from '../kit';

/**
 * The container definitions of a task definition: CloudFormation's ContainerDefinitions list, or Terraform's
 * container_definitions JSON string parsed in place (so findings land on the exact characters). A Terraform string
 * with interpolations in some values is still parsed; those values are unknown. A string that is not JSON (for
 * example `${jsonencode(…)}`) yields nothing.
 */
export function containerDefinitions(r: Resource): Val[] {
  if (r.format === 'cloudformation') return r.body.get('ContainerDefinitions').items();
  return embeddedJson(r, 'container_definitions')?.items() ?? [];
}

/**
 * A Terraform attribute that holds JSON in a string (`container_definitions`, a Batch job's `container_properties`),
 * parsed in place so findings land on the exact characters: undefined when the value is not a JSON string (for
 * example `${jsonencode(…)}`). In `.tf.json` and HCL a string with interpolations is still parsed (`v.at`); those
 * values are unknown.
 */
function embeddedNode(r: Resource, key: string): Node | undefined {
  const v = r.body.get(key);
  const node = v.isKnown ? v.node : r.format === 'terraform' && v.isUnknown ? v.at : undefined;
  if (!node || node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  return parseEmbeddedJson(node) ?? undefined;
}

/** The value of a Terraform attribute that holds JSON in a string (see embeddedNode). */
export function embeddedJson(r: Resource, key: string): Val | undefined {
  const parsed = embeddedNode(r, key);
  return parsed ? Val.of(parsed, r.resolver) : undefined;
}

/** embeddedJson when the JSON is an object (a Batch job's container, node or ECS properties). */
export function embeddedObject(r: Resource, key: string): Val | undefined {
  const parsed = embeddedNode(r, key);
  return parsed?.kind === 'map' ? Val.of(parsed, r.resolver) : undefined;
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
    const container = embeddedObject(r, 'container_properties');
    return container ? [container] : [];
  }
  return [
    r.body.get('ContainerProperties'),
    ...r.body.path('NodeProperties', 'NodeRangeProperties').list().map((range) => range.get('Container')),
    ...r.body.path('EcsProperties', 'TaskProperties').list().flatMap((task) => task.get('Containers').list()),
  ].filter((c) => !c.isAbsent);
}

/** One volume list of an AWS Batch job definition, with what messages call its owner. */
export interface BatchVolumes {
  /** The volume list (CloudFormation `Volumes`, or `volumes` in the embedded JSON of Terraform). */
  readonly volumes: Val;
  /** Who holds the list, for messages: `its container`, `node range 0:3`, `ECS task 1`. */
  readonly owner: string;
  /** True when the list is embedded JSON in a Terraform string (no fix writes into it). */
  readonly embedded: boolean;
}

/**
 * The volume lists of an AWS Batch job definition. CloudFormation: ContainerProperties.Volumes, each node range's
 * Container.Volumes and EcsProperties.TaskProperties[].Volumes, and each ECS task's Volumes (EcsProperties at the top
 * or in a node range). Terraform: the same lists inside the container_properties, node_properties and ecs_properties
 * JSON strings (camelCase keys), parsed in place; a string that is not JSON (`jsonencode(…)`) yields nothing.
 */
export function batchVolumeLists(r: Resource): BatchVolumes[] {
  const cfn = r.format === 'cloudformation';
  const k = (name: string): string => (cfn ? name : name[0].toLowerCase() + name.slice(1));
  const out: BatchVolumes[] = [];
  const tasks = (ecs: Val, where: string): void => {
    ecs.get(k('TaskProperties')).items().forEach((task, i) => out.push({ volumes: task.get(k('Volumes')), owner: `${where}ECS task ${i + 1}`, embedded: !cfn }));
  };
  const container = cfn ? r.body.get('ContainerProperties') : embeddedObject(r, 'container_properties');
  if (container) out.push({ volumes: container.get(k('Volumes')), owner: 'its container', embedded: !cfn });
  const nodes = cfn ? r.body.get('NodeProperties') : embeddedObject(r, 'node_properties');
  for (const range of nodes?.get(k('NodeRangeProperties')).items() ?? []) {
    const name = `node range ${range.get(k('TargetNodes')).str() ?? '?'}`;
    out.push({ volumes: range.get(k('Container')).get(k('Volumes')), owner: name, embedded: !cfn });
    tasks(range.get(k('EcsProperties')), `${name}, `);
  }
  const ecs = cfn ? r.body.get('EcsProperties') : embeddedObject(r, 'ecs_properties');
  if (ecs) tasks(ecs, '');
  return out.filter((o) => !o.volumes.isAbsent);
}

/** An EKS pod's security context is a Kubernetes one: a UID of 0 in it is fixed as the Kubernetes rules fix it. */
export { nonZeroIdFix } from './k8s-security-context';

/** A container of a Batch job definition's Amazon EKS pod. */
export interface EksContainer {
  /** The container's mapping. */
  readonly val: Val;
  /** Its security context (`SecurityContext`, Terraform `security_context`; absent when not written). */
  readonly securityContext: Val;
  /** `Container scanner` or `Init container setup`. */
  readonly label: string;
}

/**
 * The containers and init containers of a Batch job definition for Amazon EKS (`EksProperties.PodProperties`,
 * Terraform `eks_properties.pod_properties`), which run as a Kubernetes pod on the cluster's nodes.
 */
export function batchEksContainers(r: Resource): EksContainer[] {
  const cfn = r.format === 'cloudformation';
  const [eks, pod, lists, nameKey, context] = cfn
    ? ['EksProperties', 'PodProperties', ['Containers', 'InitContainers'], 'Name', 'SecurityContext']
    : ['eks_properties', 'pod_properties', ['containers', 'init_containers'], 'name', 'security_context'];
  const out: EksContainer[] = [];
  for (const p of r.body.get(eks as string).list().flatMap((e) => e.get(pod as string).list())) {
    for (const list of lists as string[]) {
      for (const c of p.get(list).list()) {
        if (!c.isMap) continue;
        const kind = /init/i.test(list) ? 'Init container' : 'Container';
        out.push({ val: c, securityContext: c.get(context as string), label: `${kind} ${c.get(nameKey as string).str() ?? '(unnamed)'}` });
      }
    }
  }
  return out;
}
