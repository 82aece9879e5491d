// CL-AWS-157: FSx file systems encrypted with the AWS managed key instead of a customer managed KMS key.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, type Resource, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'FSx file system',
  consequence: 'so its data is encrypted with the AWS managed key aws/fsx, whose policy you cannot change and whose use you cannot revoke',
  fixNote: 'replaces an existing file system',
});

/** Scratch Lustre file systems are encrypted with keys FSx manages and take no KMS key. */
function scratch(deploymentType: string | undefined): boolean {
  return deploymentType !== undefined && deploymentType.toUpperCase().startsWith('SCRATCH');
}

function cloudformation(r: Resource, ctx: CheckContext): void {
  const type = r.body.get('FileSystemType');
  if (type.isUnknown) return;
  const t = type.str()?.toUpperCase();
  if (t === 'LUSTRE') {
    const d = r.body.path('LustreConfiguration', 'DeploymentType');
    // The default deployment type of Lustre is SCRATCH_1.
    if (d.isUnknown || d.isAbsent || scratch(d.str())) return;
  }
  check('KmsKeyId')(r, ctx);
}

function terraform(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_fsx_lustre_file_system') {
    const d = r.body.get('deployment_type');
    if (d.isUnknown || d.isAbsent || scratch(d.str())) return;
  }
  check('kms_key_id')(r, ctx);
}

export default defineRule({
  id: 'CL-AWS-157',
  slug: 'fsx-no-cmk',
  title: 'FSx file system is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'FSx always encrypts file systems at rest, with the AWS managed key aws/fsx unless you name a key (scratch Lustre file systems use keys FSx manages). A customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the file system and its backups.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the file system.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts file systems and backups at rest, with the AWS managed key aws/fsx unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_178', 'CKV_AWS_179', 'CKV_AWS_190', 'CKV_AWS_203'] },
  docs: [
    'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/encryption-at-rest.html',
    cfnGuideDoc('aws-resource-fsx-filesystem', 'cfn-fsx-filesystem-kmskeyid'),
    tfDoc('fsx_windows_file_system', 'kms_key_id'),
    tfDoc('fsx_lustre_file_system', 'kms_key_id'),
    tfDoc('fsx_ontap_file_system', 'kms_key_id'),
    tfDoc('fsx_openzfs_file_system', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::FSx::FileSystem'], run: cloudformation },
    terraform: {
      reads: 'scope',
      types: ['aws_fsx_windows_file_system', 'aws_fsx_lustre_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system'],
      run: terraform,
    },
  },
});
