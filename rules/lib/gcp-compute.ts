// Compute Engine: the resource types that describe a VM (instances and their templates), and metadata flags
// (`serial-port-enable`, `block-project-ssh-keys`, `enable-oslogin`) set on a VM, on the project
// (`google_compute_project_metadata`, authoritative for the project's metadata) or as one project item
// (`google_compute_project_metadata_item`).
import type { Check, CheckContext, Node, Resource, SettingFormat, SettingSpec, Val } from '../kit';
import { checkSetting, keyNode } from '../kit';

/** The types that create VMs from their own settings: instances and instance templates. */
export const VM_TYPES: readonly string[] = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'];
export const PROJECT_METADATA = 'google_compute_project_metadata';
export const PROJECT_METADATA_ITEM = 'google_compute_project_metadata_item';

/** `VM instance` or `Instance template`, for messages. */
export function vmSubject(r: Resource): string {
  if (r.type === PROJECT_METADATA) return 'Project metadata';
  if (r.type === PROJECT_METADATA_ITEM) return 'Project metadata item';
  return r.type === 'google_compute_instance' ? 'VM instance' : 'Instance template';
}

const TRUE_FLAGS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_FLAGS = new Set(['false', '0', 'no', 'n', 'off']);

/** A metadata flag as Compute Engine reads it (`TRUE`, `true`, `1`; booleans as Terraform writes them), else undefined. */
export function metadataFlag(v: { str(): string | undefined }): boolean | undefined {
  const s = v.str()?.trim().toLowerCase();
  if (s === undefined) return undefined;
  if (TRUE_FLAGS.has(s)) return true;
  if (FALSE_FLAGS.has(s)) return false;
  return undefined;
}

export interface MetadataFlagSpec {
  /** The metadata key. */
  readonly key: string;
  /** The value it must have. */
  readonly want: boolean;
  /** What a VM (or template) without the key gets: null when it inherits the project's value (not reported). */
  readonly vmAbsent: boolean | null;
  /** What a `google_compute_project_metadata` without the key means for the project. */
  readonly projectAbsent: boolean | null;
  readonly consequence: string;
  /** False when the key means nothing in project metadata (`block-project-ssh-keys`): project resources are not checked. */
  readonly project?: boolean;
}

/**
 * The checks of a metadata flag: on VMs and templates (`metadata.<key>`), on project metadata, and on a project
 * metadata item whose `key` is the flag (its `value` reported; an item is never added, so no fix for a missing one).
 */
export function metadataFlagChecks(spec: MetadataFlagSpec): Partial<Record<'terraform', Check>> {
  const project = spec.project === false ? [] : [PROJECT_METADATA];
  const items = spec.project === false ? [] : [PROJECT_METADATA_ITEM];
  const setting: SettingSpec = {
    subject: vmSubject,
    consequence: spec.consequence,
    want: spec.want,
    absentMeans: (r) => (r.type === PROJECT_METADATA ? spec.projectAbsent : spec.vmAbsent),
    ok: (v) => {
      const flag = metadataFlag(v);
      return flag === undefined ? undefined : flag === spec.want;
    },
    formats: {},
  };
  const format: SettingFormat = { types: [...VM_TYPES, ...project], path: ['metadata', spec.key] };
  return {
    terraform: {
      reads: 'resource',
      types: [...VM_TYPES, ...project, ...items],
      run(r: Resource, ctx: CheckContext) {
        if (r.type !== PROJECT_METADATA_ITEM) return checkSetting(r, ctx, setting, format);
        if (r.body.get('key').str() !== spec.key) return;
        const value = r.body.get('value');
        const flag = metadataFlag(value);
        if (flag === undefined || flag === spec.want) return;
        const fix = value.node?.kind === 'scalar' && value.isKnown ? ctx.edits.setValue(value, String(spec.want)) : undefined;
        ctx.report(value, `Project metadata item ${r.id} sets ${spec.key} to ${value.str()}, ${spec.consequence}.`, {
          fix: { title: `Set ${spec.key} to ${spec.want}`, edits: fix },
        });
      },
    },
  };
}

/** The Compute Engine default service account: `<project number>-compute@developer.gserviceaccount.com`. */
export function isDefaultComputeAccount(email: string): boolean {
  return /@developer\.gserviceaccount\.com$/i.test(email.trim());
}

/** Where a VM or template uses the default service account, and how; undefined when it does not, or when unknown. */
export function defaultServiceAccount(r: Resource): { at: Val | Node; how: string; block: Val } | undefined {
  const block = r.body.get('service_account').list()[0];
  if (!block || !block.isMap) return undefined;
  const email = block.get('email');
  if (email.isAbsent) return { at: keyOf(r, 'service_account') ?? r.anchor, how: 'sets no service_account.email, so it runs as the default Compute Engine service account', block };
  const s = email.str();
  if (s === undefined) return undefined;
  if (s.trim() === '') return { at: email, how: 'sets service_account.email to "", so it runs as the default Compute Engine service account', block };
  if (isDefaultComputeAccount(s)) return { at: email, how: `runs as the default Compute Engine service account ${s}`, block };
  return undefined;
}

/** The key node of a top-level attribute or block of a resource. */
function keyOf(r: Resource, key: string): Node | undefined {
  return keyNode(r.body, key);
}
