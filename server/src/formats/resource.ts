// The resource shape shared by every format, as checks receive it.
import type { Format, ParsedDoc, ParsedFile } from '../model/parse';
import type { MapNode, Node } from '../model/tree';
import type { Resolver, Val } from './value';

export interface Resource {
  readonly format: Format;
  /**
   * The type rules match on: `AWS::S3::Bucket`, `aws_s3_bucket` (data sources as `data.aws_iam_policy_document`,
   * provider configurations as `provider.aws`), or a Kubernetes kind (`Deployment`).
   */
  readonly type: string;
  /**
   * CloudFormation logical ID, Terraform address (`provider.aws` or `provider.aws.<alias>` for a provider
   * configuration), or Kubernetes `Kind/namespace/name` (`Kind/name` without namespace).
   */
  readonly id: string;
  /** The resource's own mapping. */
  readonly node: MapNode;
  /** Where findings about a missing setting point: the logical ID, the Terraform name, the plan address, the Kubernetes name. */
  readonly anchor: Node;
  /** The node naming the type, for hover. */
  readonly typeNode: Node;
  /** Properties (CloudFormation), block body (Terraform JSON), planned values (plan), the whole object (Kubernetes). */
  readonly body: Val;
  readonly file: ParsedFile;
  readonly doc: ParsedDoc;
  readonly resolver: Resolver;
  /** IDs of the resources this one refers to from attribute `attr` (all attributes when omitted), by reference. */
  references(attr?: string): string[];
  /** CloudFormation: the resource's `Condition`. */
  readonly condition?: string;
  /** CloudFormation: the resource's `Metadata` mapping. */
  readonly metadata?: MapNode;
  /** Kubernetes facts. */
  readonly k8s?: KubernetesFacts;
  /**
   * True for the CloudFormation template itself (type `Template`): checks of Parameters, Outputs and other
   * template-level sections run on it. It is not a deployed resource: CodeLens and the inventory leave it out
   * (`isPseudoResource`, which also says so of Terraform provider configurations, type `provider.<name>`).
   */
  readonly template?: boolean;
  /**
   * Terraform: set on a resource that a known registry module creates (formats/terraform-modules.ts), read from the
   * module block's inputs. Its values are the inputs' values; findings name the module and the input; no fixes.
   */
  readonly module?: ModuleOrigin;
}

/** Where a resource read from a registry module block comes from. */
export interface ModuleOrigin {
  /** The module block's name (`module "bucket"` → `bucket`). */
  readonly name: string;
  /** The registry address of the module (`terraform-aws-modules/s3-bucket/aws`), whatever spelling `source` used. */
  readonly registry: string;
  /** The module block's body, as written: where a suppression of what is read from it goes. */
  readonly block: MapNode;
  /** The input whose value a node is (or lies in), for messages: `acl`, `versioning.enabled`. */
  inputAt(node: Node): string | undefined;
}

/**
 * Work counters for tests that guard against quadratic lints without timing them: calls of `Resource.references`
 * (each walks part of a resource) and walks of a plan's `configuration` tree.
 */
export const formatStats = { references: 0, configurationWalks: 0 };

/** The type of the template-level pseudo-resource of a CloudFormation document. */
export const TEMPLATE_TYPE = 'Template';

/**
 * The type prefix of a Terraform provider configuration (`provider "aws" { … }`), read as a resource of type
 * `provider.aws` so that rules can check what is written in it (credentials). `provider` is a reserved word of
 * Terraform, so no resource type starts with it.
 */
export const PROVIDER_TYPE_PREFIX = 'provider.';

/** True for a Terraform provider configuration read as a resource (type `provider.<name>`, HCL, JSON or a plan's `provider_config`). */
export function isProviderConfig(r: { readonly format: Format; readonly type: string }): boolean {
  return (r.format === 'terraform' || r.format === 'terraform-plan') && r.type.startsWith(PROVIDER_TYPE_PREFIX);
}

/**
 * True for what is read as a resource but deploys nothing: the CloudFormation template itself (`template`) and a
 * Terraform provider configuration. Rules check them like resources (findings, ranges, suppressions), but what lists
 * deployed resources leaves them out: CodeLens, the inventory and the responsibility report, the not-checked tally,
 * the evidence's resources that passed. Read from the type and the flag alone, so a slim result (engine/slim.ts)
 * answers too.
 */
export function isPseudoResource(r: { readonly format: Format; readonly type: string; readonly template?: boolean }): boolean {
  return r.template === true || isProviderConfig(r);
}

export interface KubernetesFacts {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** The pod spec of a workload (Pod, Deployment, …, CronJob), if this object is one. */
  readonly podSpec?: Val;
  /** The pod template's metadata (or the Pod's own), for labels and annotations. */
  readonly podMeta?: Val;
}

/** A part of a file the formats could not read (its resources are not linted): said as an information notice. */
export interface FormatNotice {
  readonly span: readonly [number, number];
  readonly message: string;
}
