// CL-AWS-273: the account password policy does not let IAM users change their own passwords.
import { defineRule, nist, settingChecks, tfDoc } from '../../kit';
import { identityResponsibility, PASSWORD_POLICY_SUBJECT, PASSWORD_POLICY_TYPES } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-273',
  slug: 'iam-password-policy-no-self-change',
  title: 'Account password policy does not let users change their own passwords',
  severity: 'low',
  fixable: true,
  description: 'With allow_users_to_change_password = false, an IAM user cannot replace a password they believe leaked, nor one an administrator handed them, unless an IAM policy grants them iam:ChangePassword. Terraform writes true when the attribute is left out.',
  remediation: 'Set allow_users_to_change_password to true (or leave it out), or grant iam:ChangePassword on their own user to every console user through an IAM policy and turn this rule off.',
  responsibility: identityResponsibility('whether your IAM users may change their own passwords is yours to set', 'AWS runs IAM and enforces the account password policy when a password is set or changed'),
  frameworks: [nist('IA-5')],
  equivalents: {
    kics: ['9ef7d25d-9764-4224-9968-fa321c56ef76'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html',
    tfDoc('iam_account_password_policy', 'allow_users_to_change_password'),
  ],
  checks: settingChecks({
    subject: PASSWORD_POLICY_SUBJECT,
    consequence: 'so IAM users cannot change their own console passwords unless an IAM policy lets them',
    want: true,
    absentMeans: true,
    formats: { terraform: { types: PASSWORD_POLICY_TYPES, path: ['allow_users_to_change_password'] } },
  }),
});
