// CL-AWS-016: a KMS key policy with an Allow to Principal "*" and no Condition that narrows who.
import { defineRule, type Resource } from '../../kit';
import { publicPolicyCheck } from '../../lib/iam';

/** Where each resource type holds its policy. */
const POLICY_ATTR: Record<string, string> = { 'AWS::KMS::Key': 'KeyPolicy', aws_kms_key: 'policy', aws_kms_key_policy: 'policy' };

const run = publicPolicyCheck('KMS key', (r: Resource) => [r.body.get(POLICY_ATTR[r.type])]);

export default defineRule({
  id: 'CL-AWS-016',
  slug: 'kms-key-policy-public',
  title: 'KMS key policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A key policy statement that allows Principal "*" without a Condition lets any AWS principal in any account use (and, with kms:*, manage or delete) the key, so the data it protects is only as private as the key policy.',
  remediation: 'Name the accounts and roles that use the key (the account root for IAM delegation), or add a Condition such as kms:CallerAccount or kms:ViaService.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the hardware security modules and enforces the key policy on every request',
    customer: 'who may use and administer each key is yours to decide',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3', 'SC-12'] },
    { framework: 'SOC 2', version: '2017', controls: ['CC6.1'] },
  ],
  equivalents: { checkov: ['CKV_AWS_33'], kics: ['f6049677-ec4a-43af-8779-5190b6d03cba', '7ebc9038-0bde-479a-acc4-6ed7b6758899'] },
  docs: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-keypolicy',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#policy',
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::KMS::Key'], run },
    terraform: { reads: 'scope', types: ['aws_kms_key', 'aws_kms_key_policy'], run },
  },
});
