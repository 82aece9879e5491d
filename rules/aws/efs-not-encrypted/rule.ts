// CL-AWS-056: EFS file systems that are not encrypted at rest.
import { cfnGuideDoc, cisAws, defineRule, iso27001, nist, settingChecks, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-056',
  slug: 'efs-not-encrypted',
  title: 'EFS file system is not encrypted at rest',
  severity: 'high',
  fixable: true,
  description:
    'An EFS file system created without encryption at rest keeps file data and metadata in plaintext for its whole life: encryption can only be chosen at creation. The console turns it on by default, but the API, CloudFormation and Terraform do not.',
  remediation: 'Set Encrypted (encrypted) to true, optionally with a customer managed KMS key, and move the data of an existing file system to a new encrypted one.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the file system and, when asked at creation, encrypts data and metadata with a KMS key',
    customer: 'asking for encryption at rest when you create the file system is your decision',
  },
  frameworks: [cisAws('2.4.1'), nist('SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_42'],
    kics: ['2ff8e83c-90e1-4d68-a300-6d652112e622', '48207659-729f-4b5c-9402-f884257d794f'],
    trivy: ['aws-efs-enable-at-rest-encryption'],
    cfnNag: ['F32'],
  },
  docs: [
    'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
    cfnGuideDoc('aws-resource-efs-filesystem', 'cfn-efs-filesystem-encrypted'),
    tfDoc('efs_file_system', 'encrypted'),
  ],
  checks: settingChecks({
    subject: 'EFS file system',
    consequence: 'so its files and metadata are stored unencrypted',
    want: true,
    absentMeans: false,
    fixNote: 'replaces an existing file system',
    formats: {
      cloudformation: { types: ['AWS::EFS::FileSystem'], path: ['Encrypted'] },
      terraform: { types: ['aws_efs_file_system'], path: ['encrypted'] },
    },
  }),
});
