// CL-AWS-145: ECS task definitions that mount EFS volumes without encryption in transit.
import { cfnGuideDoc, defineRule, IN_TRANSIT, type Resource, type SettingItem, settingChecks, tfDoc } from '../../kit';

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

export default defineRule({
  id: 'CL-AWS-145',
  slug: 'ecs-efs-volume-no-transit-encryption',
  title: 'ECS task definition mounts an EFS volume without encryption in transit',
  severity: 'medium',
  fixable: true,
  description:
    'An ECS task that mounts an EFS file system without transit encryption reads and writes the files over NFS in plaintext between the container host and the mount target. TransitEncryption defaults to DISABLED.',
  remediation: 'Set EFSVolumeConfiguration.TransitEncryption (efs_volume_configuration.transit_encryption) to ENABLED on every EFS volume.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the EFS mount helper on the container host and encrypts the NFS traffic with TLS when the volume asks for it',
    customer: 'asking for encryption in transit on each EFS volume of your task definitions is yours',
  },
  frameworks: IN_TRANSIT,
  equivalents: {
    checkov: ['CKV_AWS_97'],
    kics: ['c1282e03-b285-4637-aee7-eefe3a7bb658', '4d46ff3b-7160-41d1-a310-71d6d370b08f'],
    trivy: ['aws-ecs-enable-in-transit-encryption'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html',
    cfnGuideDoc('aws-properties-ecs-taskdefinition-efsvolumeconfiguration', 'cfn-ecs-taskdefinition-efsvolumeconfiguration-transitencryption'),
    tfDoc('ecs_task_definition', 'transit_encryption'),
  ],
  checks: settingChecks({
    subject: 'ECS task definition',
    consequence: 'so file data crosses the network between the task and EFS unencrypted',
    want: 'ENABLED',
    absentMeans: 'DISABLED',
    formats: {
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
    },
  }),
});
