// CL-AWS-145: ECS task definitions and AWS Batch job definitions that mount EFS volumes without encryption in transit.
import { cfnGuideDoc, checkSetting, defineRule, IN_TRANSIT, type Resource, type SettingFormat, type SettingItem, type SettingSpec, tfDoc } from '../../kit';
import { batchVolumeLists, isBatchJob } from '../../lib/ecs';

/** The volumes of a task definition that mount an EFS file system. */
function efsVolumes(r: Resource, names: { volumes: string; efs: string; name: string }): SettingItem[] {
  const out: SettingItem[] = [];
  for (const v of r.body.get(names.volumes).list()) {
    for (const one of v.each()) {
      if (!one.isMap || one.get(names.efs).isAbsent) continue;
      const name = one.get(names.name).str();
      out.push({ val: one, named: name ? `The volume ${name} of task definition ${r.id}` : `A volume of task definition ${r.id}` });
    }
  }
  return out;
}

/**
 * The EFS volumes of an AWS Batch job definition, in every volume list it has (its container, node ranges, ECS
 * tasks). Volumes in Terraform's embedded JSON get no fix.
 */
function batchEfsVolumes(r: Resource, names: { efs: string; name: string }): SettingItem[] {
  const out: SettingItem[] = [];
  for (const list of batchVolumeLists(r)) {
    for (const v of list.volumes.items()) {
      for (const one of v.each()) {
        if (!one.isMap || one.get(names.efs).isAbsent) continue;
        const name = one.get(names.name).str();
        const volume = name ? `The volume ${name}` : 'A volume';
        out.push({ val: one, named: `${volume} of ${list.owner} in Batch job definition ${r.id}`, fix: !list.embedded });
      }
    }
  }
  return out;
}

const ECS: { cloudformation: SettingFormat; terraform: SettingFormat } = {
  cloudformation: {
    types: ['AWS::ECS::TaskDefinition'],
    path: ['EFSVolumeConfiguration', 'TransitEncryption'],
    each: (r) => efsVolumes(r, { volumes: 'Volumes', efs: 'EFSVolumeConfiguration', name: 'Name' }),
  },
  terraform: {
    types: ['aws_ecs_task_definition'],
    path: ['efs_volume_configuration', 'transit_encryption'],
    each: (r) => efsVolumes(r, { volumes: 'volume', efs: 'efs_volume_configuration', name: 'name' }),
  },
};

// AWS Batch spells the key EfsVolumeConfiguration in CloudFormation and efsVolumeConfiguration in its JSON.
const BATCH: { cloudformation: SettingFormat; terraform: SettingFormat } = {
  cloudformation: {
    types: ['AWS::Batch::JobDefinition'],
    path: ['EfsVolumeConfiguration', 'TransitEncryption'],
    each: (r) => batchEfsVolumes(r, { efs: 'EfsVolumeConfiguration', name: 'Name' }),
  },
  terraform: {
    types: ['aws_batch_job_definition'],
    path: ['efsVolumeConfiguration', 'transitEncryption'],
    each: (r) => batchEfsVolumes(r, { efs: 'efsVolumeConfiguration', name: 'name' }),
  },
};

/** One setting; each check picks the task definition's or the job definition's format (checkSetting's `f`). */
const spec: SettingSpec = {
  subject: 'ECS task definition',
  consequence: 'so file data crosses the network between the task and EFS unencrypted',
  want: 'ENABLED',
  absentMeans: 'DISABLED',
  formats: ECS,
};

export default defineRule({
  id: 'CL-AWS-145',
  slug: 'ecs-efs-volume-no-transit-encryption',
  title: 'ECS task definition or Batch job definition mounts an EFS volume without encryption in transit',
  severity: 'medium',
  fixable: true,
  description:
    'An ECS task or AWS Batch job that mounts an EFS file system without transit encryption reads and writes the files over NFS in plaintext between the container host and the mount target. TransitEncryption defaults to DISABLED in both.',
  remediation:
    'Set EFSVolumeConfiguration.TransitEncryption (efs_volume_configuration.transit_encryption) to ENABLED on every EFS volume of a task definition, and EfsVolumeConfiguration.TransitEncryption (efsVolumeConfiguration.transitEncryption in the JSON) on every EFS volume of a Batch job definition.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the EFS mount helper on the container host and encrypts the NFS traffic with TLS when the volume asks for it',
    customer: 'asking for encryption in transit on each EFS volume of your task and job definitions is yours',
  },
  frameworks: IN_TRANSIT,
  equivalents: {
    checkov: ['CKV_AWS_97'],
    kics: ['c1282e03-b285-4637-aee7-eefe3a7bb658', '4d46ff3b-7160-41d1-a310-71d6d370b08f', '6c131358-c54d-419b-9dd6-1f7dd41d180c'],
    trivy: ['aws-ecs-enable-in-transit-encryption'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-efsvolumeconfiguration', 'cfn-ecs-taskdefinition-efsvolumeconfiguration-transitencryption'),
    tfDoc('ecs_task_definition', 'transit_encryption'),
    'https://docs.aws.amazon.com/batch/latest/userguide/efs-volumes.html',
    cfnGuideDoc('aws-properties-batch-jobdefinition-efsvolumeconfiguration', 'cfn-batch-jobdefinition-efsvolumeconfiguration-transitencryption'),
    tfDoc('batch_job_definition', 'container_properties'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: [...ECS.cloudformation.types, ...BATCH.cloudformation.types],
      run: (r, ctx) => checkSetting(r, ctx, spec, isBatchJob(r) ? BATCH.cloudformation : ECS.cloudformation),
    },
    terraform: {
      reads: 'resource',
      types: [...ECS.terraform.types, ...BATCH.terraform.types],
      run: (r, ctx) => checkSetting(r, ctx, spec, isBatchJob(r) ? BATCH.terraform : ECS.terraform),
    },
  },
});
