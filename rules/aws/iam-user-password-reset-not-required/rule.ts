// CL-AWS-173: an IAM user created with a console password that the user is not asked to change at first sign-in.
import { cfnGuideDoc, defineRule, nist, pci, settingChecks, tfDoc } from '../../kit';
import { identityResponsibility } from '../../lib/iam-trust';

export default defineRule({
  id: 'CL-AWS-173',
  slug: 'iam-user-password-reset-not-required',
  title: 'IAM user console password need not be changed at first sign-in',
  severity: 'low',
  fixable: true,
  description:
    'A console password set by a template is known to whoever wrote or can read the template (or its parameters). Without PasswordResetRequired the user keeps it, so that knowledge stays valid.',
  remediation: 'Set LoginProfile.PasswordResetRequired (password_reset_required) to true, so the user must choose a new password at first sign-in.',
  responsibility: identityResponsibility('how your IAM users receive and change their first password is yours to decide', 'AWS runs IAM and, when asked, makes the user choose a new password at first sign-in'),
  frameworks: [nist('IA-5(1)'), pci('8.3.5')],
  equivalents: {
    kics: ['a964d6e3-8e1e-4d93-8120-61fa640dd55a'],
    cfnNag: ['W50'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
    cfnGuideDoc('aws-properties-iam-user-loginprofile'),
    tfDoc('iam_user_login_profile', 'password_reset_required'),
  ],
  checks: settingChecks({
    subject: 'IAM user',
    consequence: 'so the user keeps the password the template set',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: { types: ['AWS::IAM::User'], path: ['LoginProfile', 'PasswordResetRequired'], appliesTo: (r) => !r.body.get('LoginProfile').isAbsent },
      // Terraform generates the password (encrypted with pgp_key or stored in the state); an absent setting is left alone.
      terraform: { types: ['aws_iam_user_login_profile'], path: ['password_reset_required'], absentMeans: null },
    },
  }),
});
