// CL-AWS-153: EFS file system is not encrypted with a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = (names: { flag?: string; key: string; inheritsFrom?: readonly string[] }) =>
  cmkCheck({
    subject: 'EFS file system',
    consequence: 'so its files are at best encrypted with the AWS managed key aws/elasticfilesystem, whose policy you cannot change and whose use you cannot revoke',
    flag: names.flag,
    inheritsFrom: names.inheritsFrom,
    fixNote: 'replaces an existing file system',
  })(names.key);

export default defineRule({
  id: 'CL-AWS-153',
  slug: 'efs-no-cmk',
  title: 'EFS file system is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'An encrypted EFS file system without a key of its own uses the AWS managed key aws/elasticfilesystem. The files are encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the file system.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key when creating the encrypted file system.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts the file system with the key you name when it is created encrypted, or with the AWS managed key aws/elasticfilesystem',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_184'], kics: ['6d087495-2a42-4735-abf7-02ef5660a7e6', '25d251f3-f348-4f95-845c-1090e41a615c'] },
  docs: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html', cfnGuideDoc('aws-resource-efs-filesystem', 'cfn-efs-filesystem-kmskeyid'), tfDoc('efs_file_system', 'kms_key_id')],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EFS::FileSystem'], run: check({ flag: 'Encrypted', key: 'KmsKeyId' }) },
    terraform: { reads: 'scope', types: ['aws_efs_file_system'], run: check({ flag: 'encrypted', key: 'kms_key_id' }) },
  },
});
