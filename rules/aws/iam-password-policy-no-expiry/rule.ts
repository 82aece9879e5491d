// CL-AWS-168: the account password policy lets IAM user passwords live longer than 90 days (or for ever).
import { defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';
import { expiresWithin, identityResponsibility, PASSWORD_POLICY_SUBJECT, PASSWORD_POLICY_TYPES } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-168',
  slug: 'iam-password-policy-no-expiry',
  title: 'Account password policy lets passwords live longer than 90 days',
  severity: 'low',
  fixable: true,
  description: 'Without max_password_age (or with more than 90 days), an IAM user password that leaked keeps working until someone changes it. PCI DSS asks for a change every 90 days where a password is the only factor; NIST SP 800-63B prefers changing passwords on evidence of compromise, so weigh this rule against MFA.',
  remediation: 'Set max_password_age to 90 or less, or require MFA for every console user and turn this rule off.',
  responsibility: identityResponsibility('the rules for your IAM users\' passwords are yours to set', 'AWS runs IAM and enforces the account password policy at sign-in'),
  frameworks: [nist('IA-5(1)'), pci('8.3.9')],
  equivalents: {
    checkov: ['CKV_AWS_9'],
    kics: ['ce60d060-efb8-4bfd-9cf7-ff8945d00d90'],
    trivy: ['aws-iam-set-max-password-age'],
  },
  docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', tfDoc('iam_account_password_policy', 'max_password_age')],
  checks: settingChecks({
    subject: PASSWORD_POLICY_SUBJECT,
    consequence: 'so IAM user passwords may stay in use longer than 90 days',
    want: 90,
    ok: expiresWithin(90),
    absentMeans: 0,
    formats: { terraform: { types: PASSWORD_POLICY_TYPES, path: ['max_password_age'] } },
  }),
});
