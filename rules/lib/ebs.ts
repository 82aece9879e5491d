// EBS knowledge shared by the volume rules (CL-AWS-054 encryption, CL-AWS-218 customer managed key): where each
// resource type writes the EBS volumes it makes, one walk for both rules, and the scope of an account-wide default.
import { dirname } from 'node:path';
import { blocks, inModuleGroup, isSet, keyNode, type Node, type Resource, type Val } from '../kit';

// The key checks of encryption.ts, for CL-AWS-218 (one lib import per rule).
export { isAwsManagedAlias, lookedUpKey, shownKey } from './encryption';

/**
 * The Terraform configuration a resource belongs to, for account-wide defaults (`aws_ebs_encryption_by_default`):
 * the directory of a `.tf` / `.tf.json` file, or one plan file, or one `.json` file of Terraform blocks by its
 * content (Terraform does not read it with the directory's files: a CDK for Terraform stack).
 */
export function configurationOf(r: Resource): string {
  if (r.format === 'terraform-plan') return `plan:${r.file.uri}`;
  // The files the lint's module scope joins (engine/lint.ts): Terraform reads them with their directory.
  return inModuleGroup(r.file) ? `dir:${dirname(r.file.uri)}` : `file:${r.file.uri}`;
}

/** The names of one format's EBS settings. */
export interface EbsNames {
  readonly encrypted: string;
  readonly key: string;
  readonly snapshot: string;
}
export const CFN_EBS: EbsNames = { encrypted: 'Encrypted', key: 'KmsKeyId', snapshot: 'SnapshotId' };
export const TF_EBS: EbsNames = { encrypted: 'encrypted', key: 'kms_key_id', snapshot: 'snapshot_id' };

/** One EBS volume a resource makes: a stand-alone volume, or a block device of an instance, template or image. */
export interface EbsDevice {
  /** The mapping that holds the volume's settings (`Encrypted`, `KmsKeyId`, `SnapshotId`). */
  readonly ebs: Val;
  readonly names: EbsNames;
  /** What messages call it: "EBS volume Data", "Block device /dev/sdb of instance Web", "The root block device of aws_instance.web". */
  readonly label: string;
  /** Where a missing setting is reported: the device name, else the block's key, else the resource. */
  readonly anchor: Node;
  /** A block device, whose volume may be made from the image's snapshot for that device (and take its settings). */
  readonly fromImage: boolean;
  /** An unset `Encrypted` means "as the parent image" (Image Builder recipes): never a missing setting. */
  readonly inherits: boolean;
}

interface MappingNames {
  readonly device: string;
  readonly ebs: string;
  readonly noDevice: string;
  readonly virtualName: string;
}
const CFN_MAPPING: MappingNames = { device: 'DeviceName', ebs: 'Ebs', noDevice: 'NoDevice', virtualName: 'VirtualName' };
const TF_MAPPING: MappingNames = { device: 'device_name', ebs: 'ebs', noDevice: 'no_device', virtualName: 'virtual_name' };

const itemsOf = (v: Val): Val[] => v.items().flatMap((i) => i.each());

/**
 * Block device mappings (`DeviceName` with `Ebs`). A mapping with `VirtualName` is an instance-store volume, and one
 * with `NoDevice` written and not false removes the image's device (an empty string on an instance, a launch template
 * or an Image Builder recipe, `{}` in CloudFormation's instance type, `true` on a launch configuration; unknown: may
 * remove it): neither makes an EBS volume.
 */
function mappings(out: EbsDevice[], r: Resource, items: Val[], m: MappingNames, names: EbsNames, owner: string, recipe = false): void {
  for (const item of items) {
    if (!item.isMap || isSet(item.get(m.virtualName))) continue;
    const noDevice = item.get(m.noDevice);
    if (!noDevice.isAbsent && !noDevice.isFalse()) continue;
    const device = item.get(m.device);
    const label = device.str() ? `Block device ${device.str()} of ${owner}` : `A block device of ${owner}`;
    for (const ebs of blocks(item, m.ebs)) {
      out.push({ ebs, names, label, anchor: device.str() ? device.at : keyNode(item, m.ebs) ?? r.anchor, fromImage: true, inherits: recipe });
    }
  }
}

/** The root and EBS block devices of a Terraform instance, launch configuration or spot fleet launch specification. */
function instanceDevices(out: EbsDevice[], r: Resource, body: Val): void {
  for (const ebs of blocks(body, 'root_block_device')) {
    out.push({ ebs, names: TF_EBS, label: `The root block device of ${r.id}`, anchor: keyNode(body, 'root_block_device') ?? r.anchor, fromImage: true, inherits: false });
  }
  for (const ebs of blocks(body, 'ebs_block_device')) {
    // `no_device` (launch configurations) removes the image's device.
    if (ebs.get('no_device').isTrue()) continue;
    const device = ebs.get('device_name');
    const label = device.str() ? `Block device ${device.str()} of ${r.id}` : `An EBS block device of ${r.id}`;
    out.push({ ebs, names: TF_EBS, label, anchor: device.str() ? device.at : keyNode(body, 'ebs_block_device') ?? r.anchor, fromImage: true, inherits: false });
  }
}

/**
 * The EBS volumes a resource makes, in file order per type. `AWS::EC2::Volume` and `aws_ebs_volume` are one volume;
 * instances, spot requests and fleets, launch templates and configurations, Image Builder recipes and `aws_ami` have
 * block devices. An `aws_ami` device made from a snapshot is left out: it cannot set its own encryption. Other types
 * (an AMI copy) make none here.
 */
export function ebsDevices(r: Resource): EbsDevice[] {
  const out: EbsDevice[] = [];
  switch (r.type) {
    case 'AWS::EC2::Volume':
      out.push({ ebs: r.body, names: CFN_EBS, label: `EBS volume ${r.id}`, anchor: r.anchor, fromImage: false, inherits: false });
      break;
    case 'AWS::EC2::Instance':
      mappings(out, r, itemsOf(r.body.get('BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `instance ${r.id}`);
      break;
    case 'AWS::EC2::LaunchTemplate':
      for (const data of blocks(r.body, 'LaunchTemplateData')) mappings(out, r, itemsOf(data.get('BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `launch template ${r.id}`);
      break;
    case 'AWS::AutoScaling::LaunchConfiguration':
      mappings(out, r, itemsOf(r.body.get('BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `launch configuration ${r.id}`);
      break;
    case 'AWS::EC2::SpotFleet':
      for (const spec of itemsOf(r.body.path('SpotFleetRequestConfigData', 'LaunchSpecifications'))) {
        mappings(out, r, itemsOf(spec.get('BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `spot fleet ${r.id}`);
      }
      break;
    case 'AWS::ImageBuilder::ImageRecipe':
      mappings(out, r, itemsOf(r.body.get('BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `image recipe ${r.id}`, true);
      break;
    case 'AWS::ImageBuilder::ContainerRecipe':
      mappings(out, r, itemsOf(r.body.path('InstanceConfiguration', 'BlockDeviceMappings')), CFN_MAPPING, CFN_EBS, `container recipe ${r.id}`, true);
      break;
    case 'aws_ebs_volume':
      out.push({ ebs: r.body, names: TF_EBS, label: `EBS volume ${r.id}`, anchor: r.anchor, fromImage: false, inherits: false });
      break;
    case 'aws_instance':
    case 'aws_spot_instance_request':
    case 'aws_launch_configuration':
      instanceDevices(out, r, r.body);
      break;
    case 'aws_spot_fleet_request':
      // Each launch specification has the block devices of an instance.
      for (const spec of blocks(r.body, 'launch_specification')) instanceDevices(out, r, spec);
      break;
    case 'aws_launch_template':
      mappings(out, r, blocks(r.body, 'block_device_mappings'), TF_MAPPING, TF_EBS, r.id);
      break;
    case 'aws_ami':
      for (const ebs of blocks(r.body, 'ebs_block_device')) {
        // `encrypted` cannot be combined with `snapshot_id`: a device made from a snapshot has the snapshot's encryption.
        if (isSet(ebs.get('snapshot_id'))) continue;
        const device = ebs.get('device_name');
        const label = device.str() ? `Block device ${device.str()} of ${r.id}` : `An EBS block device of ${r.id}`;
        out.push({ ebs, names: TF_EBS, label, anchor: device.str() ? device.at : keyNode(r.body, 'ebs_block_device') ?? r.anchor, fromImage: false, inherits: false });
      }
      break;
    case 'aws_imagebuilder_image_recipe':
      mappings(out, r, blocks(r.body, 'block_device_mapping'), TF_MAPPING, TF_EBS, r.id, true);
      break;
    case 'aws_imagebuilder_container_recipe':
      for (const ic of blocks(r.body, 'instance_configuration')) mappings(out, r, blocks(ic, 'block_device_mapping'), TF_MAPPING, TF_EBS, r.id, true);
      break;
  }
  return out;
}
