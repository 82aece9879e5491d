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

/**
 * One place of an AWS Batch job definition that holds a container's settings (`ContainerProperties`, a node range's
 * `Container`) or an ECS task's (`EcsProperties.TaskProperties[]`, at the top or in a node range).
 */
export interface BatchHolder {
  readonly val: Val;
  readonly kind: 'container' | 'task';
  /** Who it is, for messages: `its container`, `node range 0:3`, `node range 0:3, ECS task 1`, `ECS task 1`. */
  readonly owner: string;
  /** The resource's property it is in (`ContainerProperties`, `node_properties`…) and the path inside, dot-ended. */
  readonly attr: string;
  readonly path: string;
  /** True when it is embedded JSON in a Terraform string (camelCase keys; no fix writes into it). */
  readonly embedded: boolean;
}

/** A key of a Batch job's properties as the format writes it: CloudFormation's, or camelCase in Terraform's JSON. */
export function batchKey(r: Resource, name: string): string {
  return r.format === 'cloudformation' ? name : name[0].toLowerCase() + name.slice(1);
}

/**
 * The containers and ECS tasks of an AWS Batch job definition, in order: the container, each node range's container
 * and ECS tasks, then the top-level ECS tasks. Terraform's are inside the container_properties, node_properties and
 * ecs_properties JSON strings, parsed in place; a string that is not JSON (`jsonencode(…)`) yields nothing.
 */
export function batchHolders(r: Resource): BatchHolder[] {
  const cfn = r.format === 'cloudformation';
  const k = (name: string): string => batchKey(r, name);
  const out: BatchHolder[] = [];
  const add = (val: Val, kind: BatchHolder['kind'], owner: string, attr: string, path: string): void => {
    if (!val.isAbsent) out.push({ val, kind, owner, attr, path, embedded: !cfn });
  };
  const tasks = (ecs: Val, owner: string, attr: string, path: string): void => {
    ecs.get(k('TaskProperties')).items().forEach((task, i) => add(task, 'task', `${owner}ECS task ${i + 1}`, attr, `${path}${k('TaskProperties')}[${i}].`));
  };
  const [containerAttr, nodesAttr, ecsAttr] = cfn ? ['ContainerProperties', 'NodeProperties', 'EcsProperties'] : ['container_properties', 'node_properties', 'ecs_properties'];
  const container = cfn ? r.body.get(containerAttr) : embeddedObject(r, containerAttr);
  if (container) add(container, 'container', 'its container', containerAttr, '');
  const nodes = cfn ? r.body.get(nodesAttr) : embeddedObject(r, nodesAttr);
  (nodes?.get(k('NodeRangeProperties')).items() ?? []).forEach((range, i) => {
    const name = `node range ${range.get(k('TargetNodes')).str() ?? '?'}`;
    const path = `${k('NodeRangeProperties')}[${i}].`;
    add(range.get(k('Container')), 'container', name, nodesAttr, `${path}${k('Container')}.`);
    tasks(range.get(k('EcsProperties')), `${name}, `, nodesAttr, `${path}${k('EcsProperties')}.`);
  });
  const ecs = cfn ? r.body.get(ecsAttr) : embeddedObject(r, ecsAttr);
  if (ecs) tasks(ecs, '', ecsAttr, '');
  return out;
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

/** The volume lists of an AWS Batch job definition: each container's and ECS task's `Volumes` (batchHolders). */
export function batchVolumeLists(r: Resource): BatchVolumes[] {
  return batchHolders(r)
    .map((h) => ({ volumes: h.val.get(batchKey(r, 'Volumes')), owner: h.owner, embedded: h.embedded }))
    .filter((o) => !o.volumes.isAbsent);
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
