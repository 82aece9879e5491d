// CL-AWS-167: the account password policy does not require upper case, lower case, numbers and symbols.
import { type CheckContext, checkSetting, defineRule, nist, pci, type Resource, type SettingSpec, tfDoc } from '../../kit';
import { identityResponsibility, PASSWORD_POLICY_SUBJECT, PASSWORD_POLICY_TYPES } from '../../lib/iam-trust';

const CLASSES: readonly [string, string][] = [
  ['require_uppercase_characters', 'upper-case letters'],
  ['require_lowercase_characters', 'lower-case letters'],
  ['require_numbers', 'numbers'],
  ['require_symbols', 'symbols'],
];

const SPECS: readonly SettingSpec[] = CLASSES.map(([attr, what]) => ({
  subject: PASSWORD_POLICY_SUBJECT,
  consequence: `so IAM user passwords need no ${what}`,
  want: true,
  absentMeans: false,
  formats: { terraform: { types: PASSWORD_POLICY_TYPES, path: [attr] } },
}));

function run(r: Resource, ctx: CheckContext): void {
  for (const spec of SPECS) checkSetting(r, ctx, spec, spec.formats.terraform!);
}

export default defineRule({
  id: 'CL-AWS-167',
  slug: 'iam-password-policy-no-complexity',
  title: 'Account password policy does not require every character class',
  severity: 'low',
  fixable: true,
  description: 'A password policy that does not require upper- and lower-case letters, numbers and symbols accepts passwords from a smaller alphabet, easier to guess at a given length. Each requirement defaults to false.',
  remediation: 'Set require_uppercase_characters, require_lowercase_characters, require_numbers and require_symbols to true (or rely on a minimum length of 14 or more and say so).',
  responsibility: identityResponsibility('the rules for your IAM users\' passwords are yours to set', 'AWS runs IAM and enforces the account password policy when a password is set or changed'),
  frameworks: [nist('IA-5(1)'), pci('8.3.6')],
  equivalents: {
    checkov: ['CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_14', 'CKV_AWS_15'],
    trivy: [
      'aws-iam-require-lowercase-in-passwords',
      'aws-iam-require-numbers-in-passwords',
      'aws-iam-require-symbols-in-passwords',
      'aws-iam-require-uppercase-in-passwords',
    ],
  },
  docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', tfDoc('iam_account_password_policy')],
  checks: { terraform: { reads: 'resource', types: PASSWORD_POLICY_TYPES, run } },
});
