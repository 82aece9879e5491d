// CL-AWS-143: ECR repositories whose images are not encrypted with a customer managed KMS key.
import { blocks, cfnGuideDoc, type CheckContext, checkSetting, defineRule, iso27001, isOneOf, isSet, nist, type Resource, type SettingSpec, tfDoc } from '../../kit';

const TYPE: SettingSpec = {
  subject: 'ECR repository',
  consequence: 'so its images are encrypted with an Amazon S3 managed key, not a KMS key whose policy you control',
  want: 'KMS',
  ok: (v) => (v.str() === undefined ? undefined : isOneOf(v, 'KMS', 'KMS_DSSE')),
  absentMeans: 'AES256',
  // No quick-fix: the encryption settings of a repository can only be chosen when it is created.
  fix: false,
  formats: {
    cloudformation: { types: ['AWS::ECR::Repository'], path: ['EncryptionConfiguration', 'EncryptionType'] },
    terraform: { types: ['aws_ecr_repository'], path: ['encryption_configuration', 'encryption_type'] },
  },
};

function check(names: { config: string; type: string; key: string }, format: 'cloudformation' | 'terraform') {
  return (r: Resource, ctx: CheckContext) => {
    checkSetting(r, ctx, TYPE, TYPE.formats[format]!);
    // KMS without a key: the AWS managed key aws/ecr.
    for (const b of blocks(r.body, names.config)) {
      const type = b.get(names.type);
      if (type.each().length !== 1 || !isOneOf(type, 'KMS', 'KMS_DSSE')) continue;
      const key = b.get(names.key);
      if (isSet(key) || key.isUnknown) continue;
      ctx.report(type, `ECR repository ${r.id} sets ${names.config}.${names.type} to ${type.str()} without ${names.config}.${names.key}, so its images are encrypted with the AWS managed key aws/ecr, not a customer managed KMS key.`);
    }
  };
}

export default defineRule({
  id: 'CL-AWS-143',
  slug: 'ecr-repository-no-cmk',
  title: 'ECR repository is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'ECR always encrypts images at rest, by default with Amazon S3 managed keys (AES256), and with the AWS managed key aws/ecr when the type is KMS without a key. A customer managed KMS key lets you decide in its key policy who may pull the images, audit its use and revoke access.',
  remediation: 'Create the repository with EncryptionConfiguration EncryptionType KMS and KmsKey (encryption_configuration with encryption_type = "KMS" and kms_key) set to a customer managed key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts images at rest, with Amazon S3 managed keys unless you choose KMS',
    customer: 'choosing a customer managed key, and so who may use it, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_136'],
    kics: ['0e32d561-4b5a-4664-a6e3-a3fa85649157'],
    trivy: ['aws-ecr-repository-customer-key'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
    cfnGuideDoc('aws-properties-ecr-repository-encryptionconfiguration'),
    tfDoc('ecr_repository', 'encryption_configuration'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::ECR::Repository'], run: check({ config: 'EncryptionConfiguration', type: 'EncryptionType', key: 'KmsKey' }, 'cloudformation') },
    terraform: { reads: 'resource', types: ['aws_ecr_repository'], run: check({ config: 'encryption_configuration', type: 'encryption_type', key: 'kms_key' }, 'terraform') },
  },
});
