// CL-AWS-262: an IAM user given a console password (a login profile), where IAM Identity Center or federation is recommended.
import { cfnGuideDoc, type CheckContext, defineRule, keyNode, nist, type Resource, tfDoc } from '../../kit';
import { identityResponsibility } from '../../lib/iam-trust';

const CONSEQUENCE = 'a long-lived password for the AWS Management Console rather than temporary credentials from IAM Identity Center or a federated identity provider';

function cloudformation(r: Resource, ctx: CheckContext): void {
  const profile = r.body.get('LoginProfile');
  const bad = profile.find((alt) => alt.isMap);
  if (!bad) return;
  const at = profile.alts.length === 1 ? (keyNode(r.body, 'LoginProfile') ?? r.anchor) : bad;
  ctx.report(at, `IAM user ${r.id} has a LoginProfile, which gives it ${CONSEQUENCE}.`);
}

function terraform(r: Resource, ctx: CheckContext): void {
  const user = r.references('user')[0] ?? r.body.get('user').str();
  const whose = user ? `IAM user ${user}` : 'an IAM user';
  ctx.report(r.anchor, `Login profile ${r.id} gives ${whose} ${CONSEQUENCE}.`);
}

export default defineRule({
  id: 'CL-AWS-262',
  slug: 'iam-user-console-password',
  title: 'IAM user has a console password',
  severity: 'low',
  fixable: false,
  description:
    'An IAM user with a console password is a long-lived human credential managed account by account: it can be phished, reused or guessed, it is not removed when the person leaves the organisation\'s directory, and MFA must be enforced separately. AWS recommends that people sign in through IAM Identity Center or a federated identity provider and get temporary credentials.',
  remediation: 'Give people access through IAM Identity Center (or an IAM role assumed through SAML or OIDC federation) and remove the LoginProfile (aws_iam_user_login_profile) of IAM users.',
  responsibility: identityResponsibility('how people sign in to your accounts, and whether IAM users have passwords, is yours to decide', 'AWS runs IAM, IAM Identity Center and the console sign-in, and issues temporary credentials to federated users'),
  frameworks: [nist('AC-2', 'IA-2')],
  equivalents: {
    checkov: ['CKV2_AWS_22'],
    kics: ['9ec311bf-dfd9-421f-8498-0b063c8bc552'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    cfnGuideDoc('aws-properties-iam-user-loginprofile'),
    tfDoc('iam_user_login_profile'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::IAM::User'], run: cloudformation },
    terraform: { reads: 'resource', types: ['aws_iam_user_login_profile'], run: terraform },
  },
});
