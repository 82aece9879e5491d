// CL-AWS-054: EBS volumes (stand-alone, instance, launch template, launch configuration, spot request and spot fleet
// block devices, AMI block devices and AMI copies, Image Builder recipe block devices) without encryption.
import {
  cfnDoc,
  cfnGuideDoc,
  type CheckContext,
  cisAws,
  defineRule,
  iso27001,
  isSet,
  nist,
  type Node,
  type Reporter,
  reporterFor,
  requireTrue,
  type Resource,
  tfDoc,
  type Val,
} from '../../kit';
import { configurationOf, ebsDevices } from '../../lib/ebs';

const ACCOUNT_DEFAULT = 'aws_ebs_encryption_by_default';

/** What happens to an existing resource when its volume encryption changes. */
function replaces(r: Resource): string | undefined {
  if (r.type === 'AWS::EC2::Volume' || r.type === 'aws_ebs_volume') return 'replaces an existing volume';
  if (r.type === 'AWS::EC2::Instance' || r.type === 'aws_instance' || r.type === 'aws_spot_instance_request') return 'replaces an existing instance';
  // A registered image's block devices and a copy's encryption cannot change: a new image is registered or copied.
  if (r.type === 'aws_ami' || r.type === 'aws_ami_copy') return 'replaces an existing AMI';
  // Image Builder recipes are immutable: a changed block device mapping is a new recipe.
  if (/^(AWS::ImageBuilder::|aws_imagebuilder_)/.test(r.type)) return 'replaces an existing recipe';
  return undefined;
}

/**
 * One EBS settings mapping: `Encrypted` must be true; missing counts only for a volume not made from a snapshot, and
 * never where missing means "as the parent image" (`inherits`: Image Builder recipes).
 */
function checkEbs(rep: Reporter, r: Resource, ebs: Val, keys: { encrypted: string; snapshot: string }, what: string, anchor: Node, fromImage: boolean, inherits = false): void {
  const fromSnapshot = isSet(ebs.get(keys.snapshot));
  requireTrue(rep, r, {
    parent: ebs,
    key: keys.encrypted,
    anchor,
    absentIsBad: !fromSnapshot && !inherits,
    whenFalse: `${what} sets ${keys.encrypted} to false, so the EBS volume is stored unencrypted unless EBS encryption by default is on in the account and region.`,
    whenAbsent: fromImage
      ? `${what} does not set ${keys.encrypted}, so its EBS volume is encrypted only if the image's snapshot for it is or EBS encryption by default is on in the account and region.`
      : `${what} does not set ${keys.encrypted}, so the new EBS volume is unencrypted unless EBS encryption by default is on in the account and region.`,
    setTitle: `Set ${keys.encrypted} to true`,
    addTitle: `Add ${keys.encrypted}: true`,
    caution: replaces(r),
  });
}

function checkCloudFormation(r: Resource, ctx: CheckContext): void {
  for (const d of ebsDevices(r)) checkEbs(ctx, r, d.ebs, d.names, d.label, d.anchor, d.fromImage, d.inherits);
}

function checkTerraform(r: Resource, rep: Reporter): void {
  if (r.type !== 'aws_ami_copy') {
    for (const d of ebsDevices(r)) checkEbs(rep, r, d.ebs, d.names, d.label, d.anchor, d.fromImage, d.inherits);
    return;
  }
  // `encrypted` defaults to false: the copy's snapshots are then encrypted only if the source AMI's are.
  requireTrue(rep, r, {
    parent: r.body,
    key: 'encrypted',
    anchor: r.anchor,
    absentIsBad: true,
    whenFalse: `AMI copy ${r.id} sets encrypted to false, so its snapshots are encrypted only if the source AMI's are or EBS encryption by default is on in the account and region.`,
    whenAbsent: `AMI copy ${r.id} does not set encrypted (default false), so its snapshots are encrypted only if the source AMI's are or EBS encryption by default is on in the account and region.`,
    setTitle: 'Set encrypted to true',
    addTitle: 'Add encrypted: true',
    caution: replaces(r),
  });
}

export default defineRule({
  id: 'CL-AWS-054',
  slug: 'ebs-encryption-disabled',
  title: 'EBS volume is not encrypted',
  severity: 'medium',
  fixable: true,
  description:
    'An EBS volume that is not encrypted keeps its data, its snapshots and the data in transit between the instance and the volume in plaintext. EBS encrypts only when you ask for it per volume or turn on EBS encryption by default for the account and region.',
  remediation: 'Set Encrypted (encrypted) to true on the volume or block device, or turn on EBS encryption by default for the account in every region you use.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'data-protection',
    provider: 'AWS runs the storage hardware and, when asked, encrypts volumes with KMS keys without any work in the guest',
    customer: 'asking for encryption, per volume or with EBS encryption by default per account and region, is your decision',
  },
  frameworks: [cisAws('2.2.1'), nist('SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_3', 'CKV_AWS_8', 'CKV_AWS_204', 'CKV_AWS_235'],
    kics: ['80b7ac3f-d2b7-4577-9b10-df7913497162', 'cc997676-481b-4e93-aa81-d19f8c5e9b12', 'e6b4b943-6883-47a9-9739-7ada9568f8ca', '4de9de27-254e-424f-bd70-4c1e95790838'],
    trivy: ['aws-ec2-enable-volume-encryption', 'aws-ec2-enable-launch-config-at-rest-encryption', 'aws-ec2-enable-at-rest-encryption'],
    cfnNag: ['F1'],
  },
  docs: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    cfnGuideDoc('aws-resource-ec2-volume', 'cfn-ec2-volume-encrypted'),
    cfnGuideDoc('aws-properties-ec2-blockdev-template'),
    cfnDoc('aws-properties-autoscaling-launchconfiguration-blockdevice', 'cfn-autoscaling-launchconfiguration-blockdevice-encrypted'),
    tfDoc('ebs_volume', 'encrypted'),
    tfDoc('launch_configuration'),
    tfDoc('ami', 'encrypted'),
    tfDoc('ami_copy', 'encrypted'),
    cfnDoc('aws-properties-imagebuilder-imagerecipe-ebsinstanceblockdevicespecification', 'cfn-imagebuilder-imagerecipe-ebsinstanceblockdevicespecification-encrypted'),
    tfDoc('imagebuilder_image_recipe', 'ebs'),
    tfDoc('ebs_encryption_by_default'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::SpotFleet', 'AWS::ImageBuilder::ImageRecipe', 'AWS::ImageBuilder::ContainerRecipe'], run: checkCloudFormation },
  },
  projectChecks: {
    // A project check, so that `aws_ebs_encryption_by_default` in another file of the same configuration counts.
    terraform: {
      types: ['aws_ebs_volume', 'aws_instance', 'aws_spot_instance_request', 'aws_spot_fleet_request', 'aws_launch_template', 'aws_launch_configuration', 'aws_ami', 'aws_ami_copy', 'aws_imagebuilder_image_recipe', 'aws_imagebuilder_container_recipe', ACCOUNT_DEFAULT],
      reads: 'project',
      // A plan's volumes are judged by that plan's own account default (configurationOf: one group per plan file).
      plans: 'each',
      run(resources, ctx) {
        const coveredByDefault = new Set<string>();
        for (const r of resources) {
          // `enabled` defaults to true; an unknown value may be true, so it also counts.
          if (r.type === ACCOUNT_DEFAULT && !r.body.get('enabled').some((v) => v.isFalse())) coveredByDefault.add(configurationOf(r));
        }
        for (const r of resources) {
          if (r.type === ACCOUNT_DEFAULT || coveredByDefault.has(configurationOf(r))) continue;
          checkTerraform(r, reporterFor(ctx, r));
        }
      },
    },
  },
});
