// CL-AWS-117: a Cognito identity pool that hands AWS credentials to unauthenticated (guest) users.
import { cfnDoc, defineRule, nist, settingChecks, soc2, tfDoc } from '../../kit';

export default defineRule({
  id: 'CL-AWS-117',
  slug: 'cognito-identity-pool-unauthenticated',
  title: 'Cognito identity pool allows unauthenticated identities',
  severity: 'medium',
  fixable: false,
  description:
    'An identity pool that allows unauthenticated identities gives temporary AWS credentials, with its unauthenticated role\'s permissions, to anyone on the internet who knows the pool ID, which is usually shipped in a web or mobile app.',
  remediation:
    'Set AllowUnauthenticatedIdentities (allow_unauthenticated_identities) to false, or, where guest access is intended, keep the unauthenticated role down to the few actions and resources guests need.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the identity pools and issues the temporary credentials',
    customer: 'whether guests get credentials, and what their role may do, is yours to decide',
  },
  frameworks: [nist('AC-14', 'IA-2'), soc2('CC6.1')],
  equivalents: {
    checkov: ['CKV_AWS_366'],
    cfnNag: ['W57'],
  },
  docs: [
    'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
    'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
    cfnDoc('aws-resource-cognito-identitypool', 'cfn-cognito-identitypool-allowunauthenticatedidentities'),
    tfDoc('cognito_identity_pool', 'allow_unauthenticated_identities'),
  ],
  checks: settingChecks({
    subject: 'Cognito identity pool',
    consequence: 'so anyone who knows the pool ID gets AWS credentials for its unauthenticated role',
    want: false,
    // Required in CloudFormation; the provider's default is false.
    absentMeans: null,
    // Guest access may be what the app is built on: turning it off is the owner's decision.
    fix: false,
    formats: {
      cloudformation: { types: ['AWS::Cognito::IdentityPool'], path: ['AllowUnauthenticatedIdentities'] },
      terraform: { types: ['aws_cognito_identity_pool'], path: ['allow_unauthenticated_identities'] },
    },
  }),
});
