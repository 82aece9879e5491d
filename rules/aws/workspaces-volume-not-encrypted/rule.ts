// CL-AWS-144: WorkSpaces whose user or root volume is not encrypted.
import { AT_REST, cfnGuideDoc, defineRule, type SettingSpec, tfDoc } from '../../kit';
import { allSettings } from '../../lib/encryption';

function volume(which: string, cfn: string, tf: string): SettingSpec {
  return {
    subject: 'WorkSpace',
    consequence: `so its ${which} volume, with what its user stores there, is not encrypted`,
    want: true,
    absentMeans: false,
    // No quick-fix: encryption can only be chosen when the WorkSpace is created, with a key of yours.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::WorkSpaces::Workspace'], path: [cfn] },
      terraform: { types: ['aws_workspaces_workspace'], path: [tf] },
    },
  };
}

const SPECS = [
  volume('user', 'UserVolumeEncryptionEnabled', 'user_volume_encryption_enabled'),
  volume('root', 'RootVolumeEncryptionEnabled', 'root_volume_encryption_enabled'),
];

export default defineRule({
  id: 'CL-AWS-144',
  slug: 'workspaces-volume-not-encrypted',
  title: 'WorkSpace user or root volume is not encrypted',
  severity: 'medium',
  fixable: false,
  description:
    'A WorkSpace keeps its user\'s profile and files on its user volume (D:) and the operating system, applications and caches on its root volume (C:). Neither is encrypted unless the WorkSpace is created with volume encryption, which cannot be turned on later.',
  remediation: 'Set UserVolumeEncryptionEnabled and RootVolumeEncryptionEnabled (user_volume_encryption_enabled, root_volume_encryption_enabled) to true, with VolumeEncryptionKey (volume_encryption_key), when creating the WorkSpace.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS runs the WorkSpaces and, when asked at creation, encrypts their volumes with a KMS key',
    customer: 'asking for volume encryption when the WorkSpace is created is your decision',
  },
  frameworks: AT_REST,
  equivalents: {
    checkov: ['CKV_AWS_155', 'CKV_AWS_156'],
    kics: ['b9033580-6886-401a-8631-5f19f5bb24c7', '89827c57-5a8a-49eb-9731-976a606d70db'],
    trivy: ['aws-workspaces-enable-disk-encryption'],
    cfnNag: ['F29'],
  },
  docs: [
    'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html',
    cfnGuideDoc('aws-resource-workspaces-workspace', 'cfn-workspaces-workspace-uservolumeencryptionenabled'),
    tfDoc('workspaces_workspace', 'user_volume_encryption_enabled'),
  ],
  checks: { cloudformation: allSettings(SPECS, 'cloudformation'), terraform: allSettings(SPECS, 'terraform') },
});
