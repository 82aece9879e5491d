// CL-AWS-207: a Cognito user pool whose users sign in with a password alone (MFA off).
import { cfnDoc, defineRule, iso27001, nist, settingChecks, tfDoc, type Val } from '../../kit';

/** OFF is the finding; ON and OPTIONAL are accepted (README: why OPTIONAL is not reported). */
function notOff(v: Val): boolean | undefined {
  const s = v.str();
  return s === undefined ? undefined : s.toUpperCase() !== 'OFF';
}

export default defineRule({
  id: 'CL-AWS-207',
  slug: 'cognito-user-pool-mfa-off',
  title: 'Cognito user pool has MFA turned off',
  severity: 'medium',
  fixable: false,
  description:
    'A user pool with MFA off lets every user sign in with a password alone, and users cannot even choose a second factor: a leaked, reused or guessed password is enough to take over the account.',
  remediation:
    'Set MfaConfiguration (mfa_configuration) to ON, or to OPTIONAL with the app prompting users to enrol, and configure the factor: software tokens (TOTP), SMS with an SNS role, or email.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the user pool, stores the credentials and checks the factors you turn on',
    customer: 'whether users must (or may) sign in with a second factor, and which factors, is yours to decide',
  },
  frameworks: [nist('IA-2', 'IA-8'), iso27001('A.8.5')],
  equivalents: {
    kics: ['74a18d1a-cf02-4a31-8791-ed0967ad7fdc', 'ec28bf61-a474-4dbe-b414-6dd3a067d6f0'],
    cfnNag: ['F78'],
  },
  docs: [
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html',
    cfnDoc('aws-resource-cognito-userpool', 'cfn-cognito-userpool-mfaconfiguration'),
    tfDoc('cognito_user_pool', 'mfa_configuration'),
  ],
  checks: settingChecks({
    subject: 'Cognito user pool',
    consequence: 'so a password alone signs a user in and no user can add a second factor',
    want: 'ON',
    absentMeans: 'OFF',
    ok: notOff,
    // Turning MFA on needs a factor (TOTP, an SMS role, email) and locks out users who have none: the owner's change.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Cognito::UserPool'], path: ['MfaConfiguration'] },
      terraform: { types: ['aws_cognito_user_pool'], path: ['mfa_configuration'] },
    },
  }),
});
