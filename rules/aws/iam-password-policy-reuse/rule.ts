// CL-AWS-166: the account password policy does not prevent reusing the last 24 passwords (CIS AWS 1.9).
import { cisAws, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';
import { atLeast, identityResponsibility, PASSWORD_POLICY_SUBJECT, PASSWORD_POLICY_TYPES } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-166',
  slug: 'iam-password-policy-reuse',
  title: 'Account password policy does not prevent password reuse',
  severity: 'medium',
  fixable: true,
  description: 'Without reuse prevention, an IAM user can set a previous (possibly leaked) password again. CIS AWS Foundations asks IAM to remember the last 24 passwords; without the setting IAM remembers none.',
  remediation: 'Set password_reuse_prevention to 24.',
  responsibility: identityResponsibility('the rules for your IAM users\' passwords are yours to set', 'AWS runs IAM and enforces the account password policy when a password is set or changed'),
  frameworks: [cisAws('1.9'), nist('IA-5(1)'), pci('8.3.7')],
  equivalents: {
    checkov: ['CKV_AWS_13'],
    kics: ['89806cdc-9c2e-4bd1-a0dc-53f339bcfb2a'],
    trivy: ['aws-iam-no-password-reuse'],
  },
  docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', tfDoc('iam_account_password_policy', 'password_reuse_prevention')],
  checks: settingChecks({
    subject: PASSWORD_POLICY_SUBJECT,
    consequence: 'so IAM users can reuse recent passwords',
    want: 24,
    ok: atLeast(24),
    absentMeans: 0,
    formats: { terraform: { types: PASSWORD_POLICY_TYPES, path: ['password_reuse_prevention'] } },
  }),
});
