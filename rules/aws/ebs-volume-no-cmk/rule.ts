// CL-AWS-218: EBS volumes (stand-alone, instance and launch template block devices, Image Builder recipes, AMI
// copies, snapshot copies) that name no customer managed KMS key, so when encrypted they use the account's default EBS
// key (aws/ebs).
import {
  cfnDoc,
  cfnGuideDoc,
  type CheckContext,
  defineRule,
  iso27001,
  isSet,
  nist,
  type Node,
  ofType,
  type Resource,
  tfDoc,
  type Val,
} from '../../kit';
import { ebsDevices, isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/ebs';

/** The names of the settings read (an AMI copy has no snapshot). */
interface Names {
  readonly encrypted: string;
  readonly key: string;
  readonly snapshot?: string;
}

const DEFAULT_KEY = "the account's default EBS key, the AWS managed key aws/ebs unless a key of yours was made the default";

/**
 * One EBS settings mapping without a key of yours: the key absent, empty or an AWS managed alias. Reported whatever
 * `Encrypted` says: encrypted, the volume gets the default EBS key; not encrypted (CL-AWS-054's finding), it gets that
 * key too if EBS encryption by default is on, and CL-AWS-054's fix (`Encrypted: true`) leaves it without a key. A
 * volume made from a snapshot (`SnapshotId`) keeps the snapshot's key and is skipped, as is a device that inherits its
 * encryption from the parent image (`inherits`: an Image Builder recipe device that does not set `Encrypted`).
 * `fromImage`: a block device whose volume may come from the image's snapshot, which then keeps that snapshot's key.
 * `snapshotCopy`: an EBS snapshot copy, encrypted whenever its source is (`encrypted` cannot be false on a copy), so
 * without a key it gets the default EBS key when either the source or EBS encryption by default is encrypted.
 */
function checkEbs(r: Resource, ctx: CheckContext, ebs: Val, names: Names, what: string, anchor: Node, fromImage: boolean, inherits = false, snapshotCopy = false): void {
  if (names.snapshot && isSet(ebs.get(names.snapshot))) return;
  const flag = ebs.get(names.encrypted);
  if (inherits && flag.isAbsent) return;
  const key = ebs.get(names.key);
  const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
  if (!bad) return;
  const at = key.alts.length === 1 ? anchor : bad;
  if (!bad.isAbsent) {
    ctx.report(bad, `${what} sets ${names.key} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, so ${fromImage ? 'its volume is' : 'it is'} encrypted with the AWS managed key aws/ebs, whose policy you cannot change and whose use you cannot revoke.`);
  } else if (flag.some((v) => v.isTrue())) {
    const uses = fromImage ? `its volume is encrypted with ${DEFAULT_KEY} (or, where the image has a snapshot for the device, with that snapshot's key)` : `it is encrypted with ${DEFAULT_KEY}`;
    ctx.report(at, `${what} sets ${names.encrypted} to true without ${names.key}, so ${uses}.`);
  } else if (snapshotCopy) {
    ctx.report(at, `${what} has no ${names.key}, so when its source snapshot is encrypted or EBS encryption by default is on, the copy is encrypted with ${DEFAULT_KEY} (and otherwise not at all).`);
  } else {
    ctx.report(at, `${what} has no ${names.key}, so no key of yours can encrypt ${fromImage ? 'its volume' : 'it'}: it is unencrypted (CL-AWS-054) or, with EBS encryption by default on, encrypted with ${DEFAULT_KEY}.`);
  }
}

function checkCloudFormation(r: Resource, ctx: CheckContext): void {
  for (const d of ebsDevices(r)) checkEbs(r, ctx, d.ebs, d.names, d.label, d.anchor, d.fromImage, d.inherits);
}

function checkTerraform(r: Resource, ctx: CheckContext): void {
  // `aws_ebs_default_kms_key` in the same file makes a key of yours the default that these volumes get.
  if (ofType(ctx, 'aws_ebs_default_kms_key').length > 0) return;
  if (r.type === 'aws_ami_copy') {
    checkEbs(r, ctx, r.body, { encrypted: 'encrypted', key: 'kms_key_id' }, `AMI copy ${r.id}`, r.anchor, false);
    return;
  }
  if (r.type === 'aws_ebs_snapshot_copy') {
    checkEbs(r, ctx, r.body, { encrypted: 'encrypted', key: 'kms_key_id' }, `EBS snapshot copy ${r.id}`, r.anchor, false, false, true);
    return;
  }
  for (const d of ebsDevices(r)) checkEbs(r, ctx, d.ebs, d.names, d.label, d.anchor, d.fromImage, d.inherits);
}

export default defineRule({
  id: 'CL-AWS-218',
  slug: 'ebs-volume-no-cmk',
  title: 'EBS volume is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    "An encrypted EBS volume without a key of its own uses the account's default EBS key, the AWS managed key aws/ebs unless you made a key of yours the default. The data is encrypted either way; a customer managed key lets you decide in its key policy who may use the volume and its snapshots, audit its use and revoke access.",
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key on the encrypted volume or block device when creating it, or make a key of yours the default EBS key of the account and region.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: "AWS encrypts a volume with the key you name, or with the account's default EBS key (aws/ebs unless you change it)",
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_183', 'CKV_AWS_189', 'CKV_AWS_200'],
    kics: ['b7063015-6c31-4658-a8e7-14f98f37fd42'],
    trivy: ['aws-ec2-volume-encryption-customer-key'],
    cfnNag: ['W37'],
  },
  docs: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    cfnGuideDoc('aws-resource-ec2-volume', 'cfn-ec2-volume-kmskeyid'),
    cfnGuideDoc('aws-properties-ec2-blockdev-template'),
    cfnDoc('aws-properties-ec2-launchtemplate-ebs', 'cfn-ec2-launchtemplate-ebs-kmskeyid'),
    tfDoc('ebs_volume', 'kms_key_id'),
    tfDoc('instance', 'kms_key_id'),
    tfDoc('launch_template', 'kms_key_id'),
    tfDoc('ebs_snapshot_copy', 'kms_key_id'),
    tfDoc('ebs_default_kms_key'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::ImageBuilder::ImageRecipe', 'AWS::ImageBuilder::ContainerRecipe'], run: checkCloudFormation },
    terraform: {
      reads: 'scope',
      types: ['aws_ebs_volume', 'aws_instance', 'aws_spot_instance_request', 'aws_spot_fleet_request', 'aws_launch_template', 'aws_imagebuilder_image_recipe', 'aws_imagebuilder_container_recipe', 'aws_ami_copy', 'aws_ebs_snapshot_copy'],
      run: checkTerraform,
    },
  },
});
