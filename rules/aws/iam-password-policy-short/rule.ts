// CL-AWS-165: the account password policy allows IAM user passwords shorter than 14 characters (CIS AWS 1.8).
import { cisAws, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';
import { atLeast, identityResponsibility, PASSWORD_POLICY_SUBJECT, PASSWORD_POLICY_TYPES } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-165',
  slug: 'iam-password-policy-short',
  title: 'Account password policy allows passwords shorter than 14 characters',
  severity: 'medium',
  fixable: true,
  description: 'Short console passwords of IAM users are easier to guess and to crack. CIS AWS Foundations asks for a minimum length of 14; without a policy IAM accepts 8 characters, and the Terraform resource defaults minimum_password_length to 6.',
  remediation: 'Set minimum_password_length to 14 or more.',
  responsibility: identityResponsibility('the strength required of your IAM users\' passwords is yours to set', 'AWS runs IAM and enforces the account password policy when a password is set or changed'),
  frameworks: [cisAws('1.8'), nist('IA-5(1)'), pci('8.3.6')],
  equivalents: {
    checkov: ['CKV_AWS_10'],
    kics: ['1bc1c685-e593-450e-88fb-19db4c82aa1d'],
    trivy: ['aws-iam-set-minimum-password-length'],
  },
  docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', tfDoc('iam_account_password_policy', 'minimum_password_length')],
  checks: settingChecks({
    subject: PASSWORD_POLICY_SUBJECT,
    consequence: 'so IAM users may choose passwords shorter than 14 characters',
    want: 14,
    ok: atLeast(14),
    absentMeans: 6,
    formats: { terraform: { types: PASSWORD_POLICY_TYPES, path: ['minimum_password_length'] } },
  }),
});
