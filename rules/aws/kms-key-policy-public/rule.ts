// CL-AWS-016: a KMS key policy with an Allow to Principal "*" and no Condition that narrows who.
import { cfnGuideDoc, defineRule, nist, pci, soc2, tfDoc } from '../../kit';
import { publicPolicyChecks, RESOURCE_POLICIES, resourcePolicyResponsibility } from '../../lib/iam';

export default defineRule({
  id: 'CL-AWS-016',
  slug: 'kms-key-policy-public',
  title: 'KMS key policy allows anyone',
  severity: 'high',
  fixable: false,
  description:
    'A key policy statement that allows Principal "*" without a Condition lets any AWS principal in any account use (and, with kms:*, manage or delete) the key, so the data it protects is only as private as the key policy.',
  remediation: 'Name the accounts and roles that use the key (the account root for IAM delegation), or add a Condition such as kms:CallerAccount or kms:ViaService.',
  responsibility: resourcePolicyResponsibility(
    'data-protection',
    'AWS runs the hardware security modules and enforces the key policy on every request',
    'who may use and administer each key is yours to decide',
  ),
  frameworks: [nist('AC-3', 'SC-12'), soc2('CC6.1'), pci('3.6.1')],
  equivalents: {
    checkov: ['CKV_AWS_33'],
    kics: ['f6049677-ec4a-43af-8779-5190b6d03cba', '7ebc9038-0bde-479a-acc4-6ed7b6758899', 'da905474-7454-43c0-b8d2-5756ab951aba'],
  },
  docs: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    cfnGuideDoc('aws-resource-kms-key', 'cfn-kms-key-keypolicy'),
    tfDoc('kms_key', 'policy'),
  ],
  checks: publicPolicyChecks(RESOURCE_POLICIES.kms),
});
