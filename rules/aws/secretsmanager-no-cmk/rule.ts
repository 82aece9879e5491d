// CL-AWS-069: a Secrets Manager secret encrypted with the AWS managed key instead of a customer managed key.
import { cfnGuideDoc, defineRule, nist, tfDoc } from '../../kit';
import { kmsKeyCheck } from '../../lib/kms';

const CONSEQUENCE =
  'so it is encrypted with the AWS managed key aws/secretsmanager, whose key policy you cannot change and which other accounts cannot be granted';

/** The AWS managed key written out explicitly is the same as no key. */
function isAwsManaged(s: string | undefined): boolean {
  return s !== undefined && /(^|:)alias\/aws\/secretsmanager$/.test(s);
}

const check = kmsKeyCheck({ subject: 'Secret', consequence: CONSEQUENCE, want: 'a customer managed KMS key', noBetter: isAwsManaged });

export default defineRule({
  id: 'CL-AWS-069',
  slug: 'secretsmanager-no-cmk',
  title: 'Secrets Manager secret does not use a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'Without KmsKeyId a secret is encrypted with the AWS managed key aws/secretsmanager. The secret is still encrypted, but that key\'s policy is fixed: it lets every principal of the account use the key through Secrets Manager, so it adds no second, key-level control on who may decrypt, and another account cannot be granted it, so the secret cannot be shared across accounts.',
  remediation: 'Set KmsKeyId (kms_key_id) to a customer managed KMS key whose key policy grants kms:Decrypt only to the principals that need the secret.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'secrets',
    provider: 'AWS always encrypts secrets with KMS, by default under the AWS managed key aws/secretsmanager',
    customer: 'choosing a customer managed key, and the key policy that decides who may decrypt and from which accounts, is yours',
  },
  frameworks: [nist('SC-12', 'SC-28')],
  equivalents: {
    checkov: ['CKV_AWS_149'],
    kics: ['c8ae9ba9-c2f7-4e5c-b32e-a4b7712d4d22', 'a2f548f2-188c-4fff-b172-e9a6acb216bd', 'b0d3ef3f-845d-4b1b-83d6-63a5a380375f'],
    trivy: ['aws-ssm-secret-use-customer-key'],
    cfnNag: ['W77'],
  },
  docs: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html',
    cfnGuideDoc('aws-resource-secretsmanager-secret', 'cfn-secretsmanager-secret-kmskeyid'),
    tfDoc('secretsmanager_secret', 'kms_key_id'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::SecretsManager::Secret'], run: check('KmsKeyId') },
    terraform: { reads: 'scope', types: ['aws_secretsmanager_secret'], run: check('kms_key_id') },
  },
});
