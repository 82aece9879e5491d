// CL-AWS-139: Glue security configurations that leave S3 output, CloudWatch logs or job bookmarks unencrypted.
import { AT_REST, cfnGuideDoc, defineRule, isOneOf, type SettingSpec, tfDoc } from '../../kit';
import { allSettings } from '../../lib/encryption';

const CFN = ['AWS::Glue::SecurityConfiguration'];
const TF = ['aws_glue_security_configuration'];

/** A mode setting that must not be DISABLED (no quick-fix: each mode needs a key or a choice of yours). */
function mode(want: string, cfn: string[], tf: string[], consequence: string): SettingSpec {
  return {
    subject: 'Glue security configuration',
    consequence,
    want,
    ok: (v) => (v.str() === undefined ? undefined : !isOneOf(v, 'DISABLED')),
    absentMeans: 'DISABLED',
    fix: false,
    formats: { cloudformation: { types: CFN, path: ['EncryptionConfiguration', ...cfn] }, terraform: { types: TF, path: ['encryption_configuration', ...tf] } },
  };
}

const SPECS = [
  mode('SSE-KMS', ['S3Encryptions', 'S3EncryptionMode'], ['s3_encryption', 's3_encryption_mode'], 'so the data its jobs, crawlers and endpoints write to S3 is not encrypted by the configuration'),
  mode('SSE-KMS', ['CloudWatchEncryption', 'CloudWatchEncryptionMode'], ['cloudwatch_encryption', 'cloudwatch_encryption_mode'], 'so the logs its jobs write to CloudWatch Logs are not encrypted with a KMS key'),
  mode('CSE-KMS', ['JobBookmarksEncryption', 'JobBookmarksEncryptionMode'], ['job_bookmarks_encryption', 'job_bookmarks_encryption_mode'], 'so its job bookmarks are not encrypted with a KMS key'),
];

export default defineRule({
  id: 'CL-AWS-139',
  slug: 'glue-security-configuration-unencrypted',
  title: 'Glue security configuration leaves S3 data, logs or job bookmarks unencrypted',
  severity: 'medium',
  fixable: false,
  description:
    'A Glue security configuration decides how the jobs, crawlers and development endpoints that use it encrypt what they write: data in S3, logs in CloudWatch Logs and job bookmarks. Each of the three is DISABLED unless set.',
  remediation: 'Set S3EncryptionMode to SSE-KMS (or SSE-S3), CloudWatchEncryptionMode to SSE-KMS and JobBookmarksEncryptionMode to CSE-KMS, with a KMS key where needed.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the Glue jobs and crawlers and applies the encryption their security configuration asks for',
    customer: 'asking for encryption of what your jobs write, and choosing the keys, is yours',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_99'], kics: ['ad5b4e97-2850-4adf-be17-1d293e0b85ee'] },
  docs: [
    'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html',
    cfnGuideDoc('aws-properties-glue-securityconfiguration-encryptionconfiguration'),
    tfDoc('glue_security_configuration'),
  ],
  checks: { cloudformation: allSettings(SPECS, 'cloudformation'), terraform: allSettings(SPECS, 'terraform') },
});
