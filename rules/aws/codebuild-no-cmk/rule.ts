// CL-AWS-141: CodeBuild projects that encrypt their artifacts with the AWS managed key instead of a key of yours.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'CodeBuild project',
  consequence: 'so its build output is encrypted with the AWS managed key aws/s3, whose policy you cannot change and whose use you cannot revoke',
});

export default defineRule({
  id: 'CL-AWS-141',
  slug: 'codebuild-no-cmk',
  title: 'CodeBuild project is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'A CodeBuild project without an encryption key encrypts its build artifacts with the AWS managed key aws/s3 of the account. The output is encrypted either way; a customer managed key lets you decide in its key policy who may read it, audit its use and revoke access.',
  remediation: 'Set EncryptionKey (encryption_key) to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts build output with the key you name, or with the AWS managed key aws/s3',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_147'],
    kics: ['d7467bb6-3ed1-4c82-8095-5e7a818d0aad', '3deec14b-03d2-4d27-9670-7d79322e3340'],
    cfnNag: ['W32'],
  },
  docs: [
    'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
    cfnGuideDoc('aws-resource-codebuild-project', 'cfn-codebuild-project-encryptionkey'),
    tfDoc('codebuild_project', 'encryption_key'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CodeBuild::Project'], run: check('EncryptionKey') },
    terraform: { reads: 'scope', types: ['aws_codebuild_project'], run: check('encryption_key') },
  },
});
